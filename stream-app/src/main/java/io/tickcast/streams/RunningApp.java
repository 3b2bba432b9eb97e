package io.tickcast.streams;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.http.HttpEndpoint;
import io.tickcast.streams.http.LatestForecastQuery;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.inference.ModelWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started stream app. Thread-safe; {@link #close()} stops it gracefully (Kafka Streams commits
 * the open transaction; queued windows stay in their store and are forecast after the next
 * start).
 */
public final class RunningApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningApp.class);

  private final AppConfig config;
  private final KafkaStreams streams;
  private final ModelHolder model;
  private final PrometheusMeterRegistry registry;
  private final ModelWatcher watcher;
  private final Resources resources;
  private final LatestForecastQuery query;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile HttpEndpoint http;
  private volatile boolean failed;

  RunningApp(AppConfig config, KafkaStreams streams, ModelHolder model,
      PrometheusMeterRegistry registry, ModelWatcher watcher, Resources resources) {
    this.config = config;
    this.streams = streams;
    this.model = model;
    this.registry = registry;
    this.watcher = watcher;
    this.resources = resources;
    this.query = new LatestForecastQuery(streams, config.applicationServer());
    streams.setStateListener((now, before) -> {
      LOG.info("stream processing {} -> {}", before, now);
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
        failed = true;
      }
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
        terminated.countDown();
      }
    });
  }

  void startHttp() {
    if (config.httpPort() >= 0) {
      http = new HttpEndpoint(config.httpHost(), config.httpPort(), registry, this::isLive,
          this::notReadyReason, () -> query);
      LOG.info("HTTP on port {}: /metrics /health/live /health/ready /forecasts/{symbol}",
          http.port());
    }
  }

  void stopHttp() {
    HttpEndpoint h = http;
    if (h != null) {
      h.close();
    }
  }

  /** The bound HTTP port, or -1 when HTTP is disabled. */
  public int httpPort() {
    HttpEndpoint h = http;
    return h == null ? -1 : h.port();
  }

  /** The Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The Kafka Streams client (for metadata and interactive queries). */
  public KafkaStreams streams() {
    return streams;
  }

  /** The version of the model now served. */
  public String modelVersion() {
    return model.current().version();
  }

  /** The served model's holder (current model, hot reload). */
  public ModelHolder model() {
    return model;
  }

  /** The model-directory watcher (e.g. to force a check with {@link ModelWatcher#pollOnce()}). */
  public ModelWatcher modelWatcher() {
    return watcher;
  }

  /** The Prometheus registry behind {@code /metrics}. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The configuration it runs with. */
  public AppConfig config() {
    return config;
  }

  /** The interactive query of latest forecasts. */
  public LatestForecastQuery latestForecasts() {
    return query;
  }

  /** Liveness: false once stream processing has failed. */
  public boolean isLive() {
    return !failed;
  }

  /** Readiness: streams RUNNING and a model loaded. */
  public boolean isReady() {
    return notReadyReason() == null;
  }

  private String notReadyReason() {
    KafkaStreams.State s = streams.state();
    if (s != KafkaStreams.State.RUNNING) {
      return "stream processing is " + s;
    }
    return model.current() == null ? "no model loaded" : null;
  }

  /**
   * Waits until stream processing is RUNNING.
   *
   * @param timeout longest wait
   * @return true when RUNNING; false on timeout or if it failed or stopped
   * @throws InterruptedException if interrupted
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams.State s = streams.state();
      if (s == KafkaStreams.State.RUNNING) {
        return true;
      }
      if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING
          || s == KafkaStreams.State.PENDING_SHUTDOWN || s == KafkaStreams.State.PENDING_ERROR) {
        return false;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /**
   * Blocks until the app is closed or stream processing stops on its own (failure).
   *
   * @throws InterruptedException if interrupted
   */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /**
   * Blocks until the app is closed or stream processing stops, at most {@code timeout}.
   *
   * @return true if it terminated
   * @throws InterruptedException if interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether stream processing stopped because of an error. */
  public boolean hasFailed() {
    return failed;
  }

  /**
   * Stops the app: everything {@link StreamApp#start} opened is closed once, in reverse order of
   * opening (HTTP, model watcher, Kafka Streams gracefully with up to 30 s to commit and leave the
   * group, metrics, inference pool, model follower). Idempotent.
   */
  @Override
  public void close() {
    LOG.info("stopping stream app {}", config.applicationId());
    resources.close();
    terminated.countDown();
  }

  /** What {@link #close()} has closed so far, in order (for tests). */
  List<String> closedResources() {
    return resources.closed();
  }
}
