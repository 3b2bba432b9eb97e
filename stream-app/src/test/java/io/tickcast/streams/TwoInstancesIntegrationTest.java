package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Forecast;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.topology.ForecastTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app instances with one application id share a 4-partition input: each tick forecast once,
 * including a symbol published without a key (repartitioned by symbol).
 */
class TwoInstancesIntegrationTest {
  private static final int W = 10;
  private static final int N = 40;
  private static final Duration WAIT = Duration.ofSeconds(180);

  @TempDir Path tmp;

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private AppConfig config(String bootstrap, String stateDir, int httpPort) {
    Map<String, String> s = new HashMap<>();
    s.put(AppConfig.BOOTSTRAP_SERVERS, bootstrap);
    s.put(AppConfig.APPLICATION_ID, "it-two-instances");
    s.put(AppConfig.TOPIC_TICKS, "ticks4");
    s.put(AppConfig.TOPIC_FORECASTS, "forecasts4");
    s.put(AppConfig.TOPIC_DEAD_LETTER, "dlq4");
    s.put(AppConfig.MODEL_DIR, tmp.resolve("model").toString());
    s.put(AppConfig.STATE_DIR, tmp.resolve(stateDir).toString());
    s.put(AppConfig.HTTP_PORT, Integer.toString(httpPort));
    s.put(AppConfig.HTTP_HOST, "127.0.0.1");
    s.put(AppConfig.APPLICATION_SERVER, "127.0.0.1:" + httpPort);
    s.put(AppConfig.BATCH_MAX_SIZE, "16");
    s.put(AppConfig.BATCH_MAX_DELAY_MS, "100");
    s.put(AppConfig.MODEL_POLL_INTERVAL_MS, "0");
    return AppConfig.of(s);
  }

  private static int activeTasks(RunningApp app) {
    int n = 0;
    for (ThreadMetadata t : app.streams().metadataForLocalThreads()) {
      n += t.activeTasks().size();
    }
    return n;
  }

  @Test
  void bothInstancesShareThePartitionsAndEachTickIsForecastOnce() throws Exception {
    TestModels.saveTinyLstm(tmp.resolve("model"), W, 3, Normalisation.FIRST_PRICE,
        RollForward.SEED, 3);
    Map<String, double[]> series = new LinkedHashMap<>();
    for (String column : new String[] {"Open", "High", "Low", "Close"}) {
      series.put("SPX." + column.charAt(0), TestData.sp500(column, N));
    }
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
      kafka.createTopics(4, "ticks4", "forecasts4", "dlq4");
      List<ConsumerRecord<String, Forecast>> seen = new ArrayList<>();
      int portA = freePort();
      int portB = freePort();
      try (RunningApp a = StreamApp.start(config(kafka.bootstrapServers(), "state-a", portA));
          RunningApp b = StreamApp.start(config(kafka.bootstrapServers(), "state-b", portB));
          KafkaProducer<String, byte[]> producer = KafkaIO.producer(kafka.bootstrapServers());
          KafkaConsumer<String, Forecast> forecasts =
              KafkaIO.forecastConsumer(kafka.bootstrapServers(), "forecasts4")) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
            && !(a.isReady() && b.isReady() && activeTasks(a) > 0 && activeTasks(b) > 0)) {
          Thread.sleep(100);
        }
        assertThat(activeTasks(a)).as("tasks on instance a").isPositive();
        assertThat(activeTasks(b)).as("tasks on instance b").isPositive();
        // SPX.L is published without a key: repartitioned by symbol through the internal topic
        series.forEach((sym, s) ->
            KafkaIO.sendSeries(producer, "ticks4", sym, s, 0, N, !sym.equals("SPX.L")));
        int expected = series.size() * (N - W + 1);
        KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= expected, WAIT);
        KafkaIO.drain(forecasts, seen, Duration.ofSeconds(2));
        assertThat(seen).hasSize(expected);

        // interactive query: instance a answers for its own symbols and redirects to b for the rest
        HttpClient http = HttpClient.newHttpClient();
        for (String sym : series.keySet()) {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + portA + "/forecasts/" + sym)).build(),
              HttpResponse.BodyHandlers.ofString());
          boolean onA = a.streams().queryMetadataForKey(ForecastTopology.LATEST_STORE, sym,
              Serdes.String().serializer()).activeHost().port() == portA;
          if (onA) {
            assertThat(r.statusCode()).as(sym).isEqualTo(200);
          } else {
            assertThat(r.statusCode()).as(sym).isEqualTo(307);
            String location = r.headers().firstValue("Location").orElseThrow();
            assertThat(location).isEqualTo("http://127.0.0.1:" + portB + "/forecasts/" + sym);
            r = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(sym).isEqualTo(200);
          }
          assertThat(r.body()).contains("\"lastTickTime\":"
              + KafkaIO.START.plusSeconds(60L * (N - 1)).toEpochMilli());
        }
      }
      Set<String> keys = new HashSet<>();
      for (ConsumerRecord<String, Forecast> r : seen) {
        assertThat(r.key()).isEqualTo(r.value().getSymbol());
        assertThat(keys.add(r.key() + "@" + r.value().getLastTickTime()))
            .as("duplicate %s", r.value()).isTrue();
      }
      for (String sym : series.keySet()) {
        for (int i = W - 1; i < N; i++) {
          assertThat(keys).contains(sym + "@" + KafkaIO.START.plusSeconds(60L * i));
        }
      }
    }
  }
}
