package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Forecast;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StreamAppMain} as its own process: bad configuration, a crash (SIGKILL) that loses and
 * duplicates no forecast, and a graceful stop on SIGTERM.
 */
class StreamAppMainIntegrationTest {
  @TempDir Path tmp;

  private Process launch(List<String> args, Map<String, String> env) throws Exception {
    return StreamAppProcess.launch(args, env, tmp.resolve("out.log"));
  }

  private String output() throws Exception {
    return Files.readString(tmp.resolve("out.log"));
  }

  @Test
  void invalidConfigurationExitsWithTheKeyAndTheReason() throws Exception {
    Process p = launch(List.of(), Map.of("TICKCAST_MODEL_DIR", tmp.toString(),
        "TICKCAST_BATCH_MAX_SIZE", "0"));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output()).contains("tickcast.batch.max.size=0", "must be at least 1");
  }

  /**
   * Kills the app process mid-stream (SIGKILL: no commit, no clean shutdown), starts it again on
   * the same state directory, and checks that every tick after warm-up has exactly one committed
   * forecast; then stops the second process with SIGTERM and checks it shut down cleanly.
   */
  @Test
  void aKilledProcessLosesNothingAndSigtermStopsGracefully() throws Exception {
    int w = 5;
    int n = 80;
    TestModels.saveTinyLstm(tmp.resolve("model"), w, 2, Normalisation.FIRST_PRICE,
        RollForward.SEED, 1);
    double[] series = TestData.sp500("Close", n);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start();
        KafkaProducer<String, byte[]> producer = KafkaIO.producer(kafka.bootstrapServers());
        KafkaConsumer<String, Forecast> forecasts =
            KafkaIO.forecastConsumer(kafka.bootstrapServers(), "tickcast.forecasts")) {
      Path props = tmp.resolve("app.properties");
      Files.writeString(props, String.join("\n",
          "tickcast.bootstrap.servers=" + kafka.bootstrapServers(),
          "tickcast.application.id=it-main",
          "tickcast.model.dir=" + tmp.resolve("model").toString().replace(File.separatorChar, '/'),
          "tickcast.state.dir=" + tmp.resolve("state").toString().replace(File.separatorChar, '/'),
          "tickcast.batch.max.size=8",
          // the killed member never leaves the group: let the broker notice within seconds
          "tickcast.streams.session.timeout.ms=6000",
          "tickcast.streams.heartbeat.interval.ms=1500",
          "tickcast.http.host=127.0.0.1",
          "tickcast.http.port=" + port, ""));
      List<ConsumerRecord<String, Forecast>> seen = new ArrayList<>();

      Process first = launch(List.of(props.toString()), Map.of());
      try {
        StreamAppProcess.awaitReady(first, port, tmp.resolve("out.log"),
            Duration.ofSeconds(180));
        KafkaIO.sendSeries(producer, "tickcast.ticks", "SPX", series, 0, n / 2);
        KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 5, Duration.ofSeconds(180));
        assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
      } finally {
        first.destroyForcibly(); // SIGKILL mid-stream
      }
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

      KafkaIO.sendSeries(producer, "tickcast.ticks", "SPX", series, n / 2, n);
      Process second = launch(List.of(props.toString()), Map.of());
      try {
        StreamAppProcess.awaitReady(second, port, tmp.resolve("out.log"),
            Duration.ofSeconds(180));
        KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= n - w + 1, Duration.ofSeconds(180));
        KafkaIO.drain(forecasts, seen, Duration.ofSeconds(3));
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
      } finally {
        second.destroyForcibly();
      }
      assertThat(second.exitValue()).as("JVM exit status after SIGTERM").isEqualTo(143);
      assertThat(output()).contains("stopping stream app it-main",
          "stream processing PENDING_SHUTDOWN -> NOT_RUNNING");

      Set<Instant> times = new HashSet<>();
      for (ConsumerRecord<String, Forecast> r : seen) {
        assertThat(times.add(r.value().getLastTickTime())).as("duplicate %s", r.value()).isTrue();
      }
      assertThat(seen).hasSize(n - w + 1);
      for (int i = w - 1; i < n; i++) {
        assertThat(times).contains(KafkaIO.START.plusSeconds(60L * i));
      }
    }
  }
}
