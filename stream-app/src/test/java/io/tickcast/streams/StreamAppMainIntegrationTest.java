package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StreamAppMain} as its own process: bad configuration, and a graceful stop on SIGTERM. */
class StreamAppMainIntegrationTest {
  @TempDir Path tmp;

  private Process launch(List<String> args, Map<String, String> env) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        StreamAppMain.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("out.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("TICKCAST_"));
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().putAll(env);
    return pb.start();
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
    assertThat(output()).contains("tickcast.batch.max.size=0", "must be >= 1");
  }

  @Test
  void sigtermStopsTheAppGracefully() throws Exception {
    TestModels.saveTinyLstm(tmp.resolve("model"), 5, 2, Normalisation.FIRST_PRICE,
        RollForward.SEED, 1);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
      Path props = tmp.resolve("app.properties");
      Files.writeString(props, String.join("\n",
          "tickcast.bootstrap.servers=" + kafka.bootstrapServers(),
          "tickcast.application.id=it-main",
          "tickcast.model.dir=" + tmp.resolve("model").toString().replace(File.separatorChar, '/'),
          "tickcast.state.dir=" + tmp.resolve("state").toString().replace(File.separatorChar, '/'),
          "tickcast.http.host=127.0.0.1",
          "tickcast.http.port=" + port, ""));
      Process p = launch(List.of(props.toString()), Map.of());
      try {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int status = 0;
        while (status != 200 && p.isAlive() && System.nanoTime() < deadline) {
          try {
            status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (java.io.IOException notYet) {
            status = 0;
          }
          Thread.sleep(250);
        }
        assertThat(status).as("ready; output:%n%s", output()).isEqualTo(200);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      } finally {
        p.destroyForcibly();
      }
      assertThat(p.exitValue()).as("JVM exit status after SIGTERM").isEqualTo(143);
      assertThat(output()).contains("stopping stream app it-main",
          "stream processing PENDING_SHUTDOWN -> NOT_RUNNING");
    }
  }
}
