package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Forecast;
import io.tickcast.streams.config.AppConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app against a real in-process KRaft broker: two symbols from {@code sp500.csv} in, one
 * forecast per tick after warm-up out (read committed), parity with the core Forecaster, a stop
 * mid-stream and a restart on a fresh state directory (state restored from the changelogs).
 */
class StreamAppIntegrationTest {
  private static final int W = 10;
  private static final int H = 5;
  private static final int N = 120;
  private static final Duration WAIT = Duration.ofSeconds(180);

  private static EmbeddedKafkaCluster kafka;

  @TempDir static Path tmp;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaCluster.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static AppConfig config(String stateDir) {
    Map<String, String> s = new HashMap<>();
    s.put(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    s.put(AppConfig.APPLICATION_ID, "it-forecasts");
    s.put(AppConfig.MODEL_DIR, tmp.resolve("model").toString());
    s.put(AppConfig.STATE_DIR, tmp.resolve(stateDir).toString());
    s.put(AppConfig.HTTP_PORT, "0");
    s.put(AppConfig.HTTP_HOST, "127.0.0.1");
    s.put(AppConfig.BATCH_MAX_SIZE, "16");
    s.put(AppConfig.BATCH_MAX_DELAY_MS, "100");
    s.put(AppConfig.TOPICS_PARTITIONS, "2");
    s.put(AppConfig.MODEL_POLL_INTERVAL_MS, "0");
    return AppConfig.of(s);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void twoSymbolsGetExactlyOneForecastPerTickAcrossARestart() throws Exception {
    var meta = TestModels.saveTinyLstm(tmp.resolve("model"), W, H, Normalisation.FIRST_PRICE,
        RollForward.RENORMALISE, 5);
    Map<String, double[]> series = Map.of("SPX.C", TestData.sp500("Close", N),
        "SPX.O", TestData.sp500("Open", N));
    AppConfig first = config("state-1");
    int expected = 2 * (N - W + 1);

    List<ConsumerRecord<String, Forecast>> seen = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = KafkaIO.producer(kafka.bootstrapServers());
        KafkaConsumer<String, Forecast> forecasts =
            KafkaIO.forecastConsumer(kafka.bootstrapServers(), first.forecastsTopic())) {
      try (RunningApp app = StreamApp.start(first)) {
        assertThat(app.awaitRunning(WAIT)).isTrue();
        series.forEach((sym, s) ->
            KafkaIO.sendSeries(producer, first.ticksTopic(), sym, s, 0, N / 2));
        producer.send(new ProducerRecord<>(first.ticksTopic(), "SPX.C",
            "not a tick".getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        // stop mid-stream: as soon as some forecasts are out
        KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 20, WAIT);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
        // One owner closes each resource once, newest first, however often close() is called
        // (here, and again by try-with-resources).
        app.close();
        app.close();
        assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(app.closedResources()).containsExactly("HTTP endpoint", "model watcher",
            "Kafka Streams metrics", "Kafka Streams", "JVM GC metrics", "meter registry");
        assertThat(app.awaitTermination(Duration.ZERO)).isTrue();
      }
      series.forEach((sym, s) ->
          KafkaIO.sendSeries(producer, first.ticksTopic(), sym, s, N / 2, N));
      try (RunningApp app = StreamApp.start(config("state-2"))) {
        assertThat(app.awaitRunning(WAIT)).isTrue();
        long t0 = System.nanoTime();
        KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= expected, WAIT);
        System.out.printf("after restart: %d forecasts in %d ms%n", seen.size(),
            (System.nanoTime() - t0) / 1_000_000);
        KafkaIO.drain(forecasts, seen, Duration.ofSeconds(3));

        int port = app.httpPort();
        assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
        String metrics = get(port, "/metrics").body();
        assertThat(metrics).contains("tickcast_forecasts_emitted_total",
            "tickcast_ticks_received_total", "jvm_memory_used_bytes", "kafka_stream_");
        HttpResponse<String> latest = get(port, "/forecasts/SPX.C");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("\"lastTickTime\":"
            + KafkaIO.START.plusSeconds(60L * (N - 1)).toEpochMilli());
        assertThat(get(port, "/forecasts/NOPE").statusCode()).isEqualTo(404);
        assertThat(get(port, "/forecasts/bad%20symbol").statusCode()).isEqualTo(400);
      }
    }

    // exactly one forecast per tick after warm-up, for both symbols
    assertThat(seen).hasSize(expected);
    Map<String, Forecast> byTick = new HashMap<>();
    for (ConsumerRecord<String, Forecast> r : seen) {
      assertThat(r.key()).isEqualTo(r.value().getSymbol());
      Forecast prev = byTick.put(r.key() + "@" + r.value().getLastTickTime(), r.value());
      assertThat(prev).as("duplicate forecast %s", r.value()).isNull();
    }
    Forecaster direct = ModelArtifact.load(tmp.resolve("model")).newForecaster();
    for (var e : series.entrySet()) {
      double[] s = e.getValue();
      for (int i = W - 1; i < N; i++) {
        Forecast f = byTick.get(e.getKey() + "@" + KafkaIO.START.plusSeconds(60L * i));
        assertThat(f).as("%s tick %d", e.getKey(), i).isNotNull();
        double[][] window = new double[W][1];
        for (int t = 0; t < W; t++) {
          window[t][0] = s[i - W + 1 + t];
        }
        PathForecast want = direct.forecast(new double[][][] {window})[0];
        double p0 = window[0][0];
        assertThat(f.getNextStep() / p0 - 1).isCloseTo(want.nextStep() / p0 - 1, within(1e-6));
        for (int h = 0; h < H; h++) {
          assertThat(f.getPath().get(h) / p0 - 1).isCloseTo(want.path()[h] / p0 - 1, within(1e-6));
        }
        assertThat(f.getModelVersion()).isEqualTo(meta.modelVersion());
      }
    }

    // the garbage record is on the dead-letter topic, with its reason
    List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> dlq =
        KafkaIO.bytesConsumer(kafka.bootstrapServers(), first.deadLetterTopic())) {
      KafkaIO.pollUntil(dlq, dead, r -> !r.isEmpty(), WAIT);
    }
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not a tick");
    assertThat(new String(dead.get(0).headers().lastHeader("tickcast.dlq.reason").value(),
        StandardCharsets.UTF_8)).isEqualTo("deserialization");
  }
}
