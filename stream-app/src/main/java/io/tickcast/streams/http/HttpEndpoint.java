package io.tickcast.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.ticks.TickValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP endpoints (GET):
 *
 * <ul>
 *   <li>{@code /metrics}: Prometheus text format;
 *   <li>{@code /health/live}: 200 unless stream processing has failed, else 503;
 *   <li>{@code /health/ready}: 200 when the streams are RUNNING and a model is loaded, else 503;
 *   <li>{@code /forecasts/{symbol}}: the latest forecast as JSON ({@link ForecastCodec}); 404 if
 *       none, 307 to the instance that holds the symbol, 503 during a rebalance, 400 for an
 *       invalid symbol.
 * </ul>
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Binds and starts the server.
   *
   * @param host bind address
   * @param port TCP port, 0 for a free one
   * @param registry the Prometheus registry scraped by {@code /metrics}
   * @param live liveness check
   * @param ready readiness check, returns null when ready or the reason it is not
   * @param forecasts the interactive query (null until the streams exist)
   * @throws UncheckedIOException if the port cannot be bound
   */
  public HttpEndpoint(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier live,
      Supplier<String> ready, Supplier<LatestForecastQuery> forecasts) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for HTTP on " + host + ":" + port + ": " + e, e);
    }
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "tickcast-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", ex -> handle(ex, () ->
        send(ex, 200, PROMETHEUS_TEXT, registry.scrape())));
    server.createContext("/health/live", ex -> handle(ex, () -> {
      boolean ok = live.getAsBoolean();
      send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "live\n" : "stream processing failed\n");
    }));
    server.createContext("/health/ready", ex -> handle(ex, () -> {
      String why = ready.get();
      send(ex, why == null ? 200 : 503, "text/plain; charset=utf-8",
          why == null ? "ready\n" : "not ready: " + why + "\n");
    }));
    server.createContext("/forecasts/", ex -> handle(ex, () -> forecast(ex, forecasts.get())));
    server.createContext("/", ex -> handle(ex, () ->
        send(ex, 404, "text/plain; charset=utf-8", "no such endpoint\n")));
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void forecast(HttpExchange ex, LatestForecastQuery query) throws IOException {
    String raw = ex.getRequestURI().getRawPath().substring("/forecasts/".length());
    String symbol = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    if (!TickValidator.validSymbol(symbol)) {
      send(ex, 400, "text/plain; charset=utf-8", "invalid symbol\n");
      return;
    }
    if (query == null) {
      send(ex, 503, "text/plain; charset=utf-8", "stream processing is not started\n");
      return;
    }
    LatestForecastQuery.Result r = query.lookup(symbol);
    if (r instanceof LatestForecastQuery.Found f) {
      send(ex, 200, "application/json",
          new String(ForecastCodec.encode(f.forecast(), WireFormat.JSON), StandardCharsets.UTF_8));
    } else if (r instanceof LatestForecastQuery.Elsewhere e) {
      ex.getResponseHeaders().set("Location", "http://" + e.host() + "/forecasts/"
          + URLEncoder.encode(symbol, StandardCharsets.UTF_8));
      send(ex, 307, "text/plain; charset=utf-8", "held by " + e.host() + "\n");
    } else if (r instanceof LatestForecastQuery.Unavailable u) {
      send(ex, 503, "text/plain; charset=utf-8", u.reason() + "\n");
    } else {
      send(ex, 404, "text/plain; charset=utf-8", "no forecast for " + symbol + " yet\n");
    }
  }

  private interface Handler {
    void run() throws IOException;
  }

  private static void handle(HttpExchange ex, Handler h) {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        send(ex, 405, "text/plain; charset=utf-8", "only GET\n");
        return;
      }
      h.run();
    } catch (IOException | RuntimeException e) {
      LOG.warn("HTTP {} failed: {}", ex.getRequestURI(), e.toString());
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
