package io.tickcast.testkit;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.streams.RunningApp;
import io.tickcast.streams.StreamApp;
import io.tickcast.streams.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, opened in one call and closed by one {@link #close}: a Kafka
 * broker (embedded KRaft with the app's three topics created, or an existing cluster), the stream
 * app started in this JVM through {@link StreamApp#start} (production topology, serdes, model
 * loader and metrics) with the given settings, and the clients a run opens on it ({@link #open}:
 * a tick publisher, a forecast reader, a sampler). Used by the demo, the end-to-end benchmark and
 * the integration tests.
 *
 * <p>{@link #close} closes everything it opened in reverse order (clients, app, broker), then
 * deletes its temporary state directory; a failure to close one part is logged and the rest are
 * still closed. It is idempotent.
 */
public final class LocalPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
  /** Longest wait for the stream app to reach RUNNING, unless {@link Builder#startupTimeout}. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(2);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private Path tempStateDir;
  private String bootstrapServers;
  private EmbeddedKafkaCluster broker;
  private AppConfig config;
  private RunningApp app;
  private boolean closed;

  private LocalPipeline() {}

  /** A builder with an embedded broker, one partition per topic and no app settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** What to start; see {@link LocalPipeline}. */
  public static final class Builder {
    private final Map<String, String> settings = new HashMap<>();
    private String bootstrapServers;
    private int partitions = 1;
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private String stateDirPrefix = "tickcast-pipeline-state-";

    private Builder() {}

    /**
     * Stream-app settings ({@code tickcast.*} keys); {@link AppConfig#BOOTSTRAP_SERVERS} and,
     * unless given, {@link AppConfig#STATE_DIR} (a temporary directory deleted on close) are set
     * by the pipeline.
     */
    public Builder settings(Map<String, String> appSettings) {
      settings.putAll(appSettings);
      return this;
    }

    /** Use this cluster instead of an embedded broker (its topics are not created here). */
    public Builder existingCluster(String bootstrap) {
      this.bootstrapServers = bootstrap;
      return this;
    }

    /** Partitions of the topics created on the embedded broker, at least 1. */
    public Builder partitions(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, was " + n);
      }
      this.partitions = n;
      return this;
    }

    /** Longest wait for the app to reach RUNNING. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Prefix of the temporary state directory's name (it names the run in /tmp). */
    public Builder stateDirPrefix(String prefix) {
      this.stateDirPrefix = Objects.requireNonNull(prefix);
      return this;
    }

    /**
     * Validates the settings, then starts the broker (unless an existing cluster is given) with
     * the app's three topics and the stream app, and waits until the app is RUNNING. On any
     * failure what was started is closed before the exception propagates.
     *
     * @return the running pipeline
     * @throws io.tickcast.streams.config.InvalidConfigException if a setting is invalid (before
     *     anything starts)
     * @throws io.tickcast.broker.EmbeddedKafkaException if the broker cannot start
     * @throws io.tickcast.streams.StartupException if the stream app cannot start
     * @throws IllegalStateException if the app does not reach RUNNING in time
     * @throws InterruptedException if interrupted while waiting
     */
    public LocalPipeline start() throws InterruptedException {
      AppConfig validated = validate(settings, bootstrapServers);
      LocalPipeline p = bootstrapServers == null
          ? embedded(partitions, validated.ticksTopic(), validated.forecastsTopic(),
              validated.deadLetterTopic())
          : existing(bootstrapServers);
      try {
        p.startApp(settings, startupTimeout, stateDirPrefix);
        return p;
      } catch (RuntimeException | InterruptedException e) {
        p.close();
        throw e;
      }
    }
  }

  /**
   * A pipeline on a new embedded single-node KRaft broker, with these topics; the app is
   * started later with {@link #startApp} (e.g. once a model is trained).
   *
   * @param partitions partitions of each topic, at least 1
   * @param topics topics to create
   * @return the pipeline, broker running
   * @throws io.tickcast.broker.EmbeddedKafkaException if the broker cannot start
   */
  public static LocalPipeline embedded(int partitions, String... topics) {
    LocalPipeline p = new LocalPipeline();
    try {
      p.broker = p.open(EmbeddedKafkaCluster.start());
      p.bootstrapServers = p.broker.bootstrapServers();
      if (topics.length > 0) {
        p.broker.createTopics(partitions, topics);
      }
      return p;
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /**
   * A pipeline on an existing cluster (nothing is created on it); the app is started with
   * {@link #startApp}.
   *
   * @param bootstrap the cluster's bootstrap servers
   * @return the pipeline
   */
  public static LocalPipeline existing(String bootstrap) {
    LocalPipeline p = new LocalPipeline();
    p.bootstrapServers = Objects.requireNonNull(bootstrap, "bootstrap");
    return p;
  }

  /**
   * Starts the stream app on this pipeline's cluster and waits until it is RUNNING; closed by
   * {@link #close}. {@link AppConfig#BOOTSTRAP_SERVERS} is set here and, unless given, {@link
   * AppConfig#STATE_DIR} to a new temporary directory deleted on close.
   *
   * @param appSettings {@code tickcast.*} settings
   * @param startupTimeout longest wait for RUNNING
   * @param stateDirPrefix name prefix of the temporary state directory
   * @return the running app
   * @throws io.tickcast.streams.config.InvalidConfigException if a setting is invalid
   * @throws io.tickcast.streams.StartupException if the stream app cannot start
   * @throws IllegalStateException if an app was started already, or it does not reach RUNNING
   *     in time
   * @throws InterruptedException if interrupted while waiting
   */
  public RunningApp startApp(Map<String, String> appSettings, Duration startupTimeout,
      String stateDirPrefix) throws InterruptedException {
    if (app != null) {
      throw new IllegalStateException("the stream app is started already");
    }
    AppConfig validated = validate(appSettings, bootstrapServers);
    Map<String, String> actual = new HashMap<>();
    if (!appSettings.containsKey(AppConfig.STATE_DIR)) {
      try {
        tempStateDir = Files.createTempDirectory(stateDirPrefix);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary state directory", e);
      }
      actual.put(AppConfig.STATE_DIR, tempStateDir.toString());
    }
    config = validated.with(actual);
    app = open(StreamApp.start(config));
    if (!app.awaitRunning(startupTimeout)) {
      throw new IllegalStateException("the stream app did not reach RUNNING within "
          + startupTimeout.toSeconds() + " s (state " + app.state() + ")");
    }
    return app;
  }

  /** The settings as a config on {@code bootstrap} (a placeholder when not known yet). */
  private static AppConfig validate(Map<String, String> appSettings, String bootstrap) {
    Map<String, String> s = new HashMap<>(appSettings);
    s.put(AppConfig.BOOTSTRAP_SERVERS, bootstrap == null ? "localhost:9092" : bootstrap);
    return AppConfig.of(s);
  }

  /**
   * Registers something this pipeline closes, before what was opened earlier.
   *
   * @param resource a client or task of the run
   * @return {@code resource}
   */
  public synchronized <T extends AutoCloseable> T open(T resource) {
    if (closed) {
      throw new IllegalStateException("the pipeline is closed");
    }
    opened.push(Objects.requireNonNull(resource));
    return resource;
  }

  /** The cluster's bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** True when the broker is the embedded one this pipeline started. */
  public boolean embeddedBroker() {
    return broker != null;
  }

  /** The app's config as started (bootstrap servers and state directory included); null before. */
  public AppConfig config() {
    return config;
  }

  /** The running stream app; null before {@link #startApp}. */
  public RunningApp app() {
    return app;
  }

  /** The app's state directory (a temporary one unless the settings named one). */
  public Path stateDir() {
    return config.stateDir();
  }

  /**
   * Closes everything opened, newest first, then deletes the temporary state directory. Errors
   * are logged ("while shutting the local pipeline down"), never thrown, so every part is closed.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    while (!opened.isEmpty()) {
      AutoCloseable c = opened.pop();
      try {
        c.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("while shutting the local pipeline down ({})", c.getClass().getSimpleName(), e);
      }
    }
    if (tempStateDir != null) {
      TempDirs.deleteRecursively(tempStateDir);
    }
  }
}
