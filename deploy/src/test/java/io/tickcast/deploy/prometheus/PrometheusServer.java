package io.tickcast.deploy.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code prometheus} process for a test: its own TSDB directory, a loopback port, output
 * in a log file. {@link #close()} stops it by its PID (SIGTERM, then SIGKILL after 30 s).
 */
public final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts Prometheus and waits until {@code /-/ready} answers 200.
   *
   * @param binary the {@code prometheus} executable
   * @param config its configuration file
   * @param workDir where the TSDB directory and the log file go
   * @throws IllegalStateException with the log's tail if it exits or is not ready in 60 s
   */
  public static PrometheusServer start(Path binary, Path config, Path workDir)
      throws IOException, InterruptedException {
    int port = freePort();
    Path log = workDir.resolve("prometheus.log");
    Path tsdb = Files.createDirectories(workDir.resolve("tsdb"));
    Process p = new ProcessBuilder(List.of(binary.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + tsdb,
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), log);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + p.exitValue() + ":\n"
            + server.logTail());
      }
      if (server.ready()) {
        return server;
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("prometheus not ready after " + START_TIMEOUT + ":\n"
        + server.logTail());
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return base;
  }

  /**
   * Runs an instant query through {@code /api/v1/query}.
   *
   * @return the whole JSON answer: {@code status} is {@code success} or {@code error} (with
   *     {@code errorType}, e.g. {@code bad_data} for a parse error, and {@code error})
   */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** GET on an API path, answer parsed as JSON (also for 4xx answers, which carry the error). */
  public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  /** The last 4000 characters of its log. */
  public String logTail() {
    try {
      String s = Files.readString(log);
      return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private boolean ready() {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops the process by its PID: SIGTERM, then SIGKILL if it has not exited within 30 s. */
  @Override
  public void close() {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
