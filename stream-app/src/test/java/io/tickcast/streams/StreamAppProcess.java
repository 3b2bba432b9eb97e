package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link StreamAppMain} in a child JVM on the test class path, as a deployment runs it. */
final class StreamAppProcess {
  private StreamAppProcess() {}

  /**
   * Starts the app with no inherited {@code TICKCAST_*} variables.
   *
   * @param args the app's arguments (a properties file, or none)
   * @param env extra environment variables
   * @param log file that receives stdout and stderr
   */
  static Process launch(List<String> args, Map<String, String> env, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), StreamAppMain.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("TICKCAST_"));
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Waits until {@code /health/ready} on {@code port} answers 200; fails with the log if not. */
  static void awaitReady(Process p, int port, Path log, Duration wait) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    long deadline = System.nanoTime() + wait.toNanos();
    int status = 0;
    while (status != 200 && p.isAlive() && System.nanoTime() < deadline) {
      try {
        status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (java.io.IOException notYet) {
        status = 0;
      }
      Thread.sleep(250);
    }
    assertThat(status).as("ready; output:%n%s", Files.readString(log)).isEqualTo(200);
  }
}
