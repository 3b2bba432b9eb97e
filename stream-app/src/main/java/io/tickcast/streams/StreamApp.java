package io.tickcast.streams;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.core.engine.ChunkScheduler;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.engine.LstmKernel;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelLoadException;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.inference.ModelWatcher;
import io.tickcast.streams.metrics.TickcastMetrics;
import io.tickcast.streams.models.ModelFollower;
import io.tickcast.streams.state.BoundedMemoryRocksDBConfig;
import io.tickcast.streams.topology.ForecastTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the stream app in this JVM: loads and validates the model, creates missing topics,
 * starts Kafka Streams, the HTTP endpoints and the model watcher.
 *
 * <pre>{@code
 * AppConfig config = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "models/sp500",
 *     AppConfig.BOOTSTRAP_SERVERS, "localhost:9092"));
 * try (RunningApp app = StreamApp.start(config)) {
 *   app.awaitRunning(Duration.ofSeconds(60));
 *   ...
 * }
 * }</pre>
 */
public final class StreamApp {
  private static final Logger LOG = LoggerFactory.getLogger(StreamApp.class);

  private StreamApp() {}

  /**
   * Loads and validates the newest model artifact under a directory.
   *
   * @param dir an artifact directory or a directory of them
   * @throws StartupException naming the directory and what is wrong
   */
  public static LoadedModel loadModel(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StartupException("model directory " + dir + " (" + AppConfig.MODEL_DIR
          + ") does not exist or is not a directory");
    }
    Path artifact = ModelArtifact.latest(dir).orElseThrow(() -> new StartupException(
        "no model artifact (" + ModelArtifact.METADATA_FILE + " + " + ModelArtifact.NETWORK_FILE
            + ") in " + dir + " or its sub-directories; train one first"));
    try {
      return ModelArtifact.load(artifact);
    } catch (ModelLoadException e) {
      throw new StartupException("cannot serve model: " + e.getMessage(), e);
    }
  }

  /**
   * Starts the app. Returns once Kafka Streams is started (not yet RUNNING: see {@link
   * RunningApp#awaitRunning}).
   *
   * @param config validated configuration
   * @return the running app; close it to stop
   * @throws StartupException if the model is missing or broken, the broker cannot be reached to
   *     create topics, or the HTTP port cannot be bound
   */
  public static RunningApp start(AppConfig config) {
    Resources resources = new Resources();
    try {
      return start(config, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      if (e instanceof StartupException) {
        throw e;
      }
      throw new StartupException("cannot start the stream app: " + e.getMessage(), e);
    }
  }

  /** Opens everything, registering each piece with {@code resources} as soon as it is open. */
  private static RunningApp start(AppConfig config, Resources resources) {
    ModelFollower follower = ModelTopicStartup.follower(config);
    if (follower != null) {
      resources.opened("model follower", follower);
    }
    LoadedModel model = follower == null ? loadModel(config.modelDir())
        : ModelTopicStartup.initialModel(config, follower);
    // The stream threads run inference themselves; a pool adds the rest of the inference threads.
    int helpers = Math.max(0, config.inferenceThreads() - config.numStreamThreads());
    ExecutorService inferencePool = helpers > 0 ? ChunkScheduler.newWorkerPool(helpers) : null;
    if (inferencePool != null) {
      resources.opened("inference pool", inferencePool::shutdownNow);
    }
    ModelHolder holder;
    try {
      holder = new ModelHolder(model, config.inferenceEngine(), config.rollForward().orElse(null),
          inferencePool == null ? ChunkScheduler.CALLER_ONLY
              : new ChunkScheduler(inferencePool, helpers), config.batchMaxSize());
    } catch (IllegalArgumentException e) {
      throw new StartupException("cannot serve model " + model.directory() + ": " + e.getMessage(), e);
    }
    LOG.info("serving model {} from {} (W={}, H={}, {}, roll-forward {}{}, paths every {} ticks,"
            + " {} inference engine, {} stream threads + {} inference pool threads, {} kernel)",
        model.version(), model.directory(), model.metadata().windowLength(),
        model.metadata().horizon(), model.metadata().normalisation(),
        holder.rollForward().configName(),
        config.rollForward().isPresent() ? " (configured)" : "", config.pathEveryTicks(),
        holder.engine().configName(), config.numStreamThreads(), helpers,
        switch (holder.engine()) {
          case DL4J -> "nd4j";
          case ONNX -> "onnxruntime";
          default -> LstmKernel.best().name();
        });
    if (holder.rollForward() == RollForward.CARRY_STATE
        && holder.engine() == InferenceEngine.DL4J) {
      // DL4J has no carried state here: it recomputes growing sequences, slower than exact paths.
      LOG.warn("roll-forward carry-state on the dl4j engine costs more than the exact variants"
          + " (H·W + H(H-1)/2 LSTM steps per path); use the java engine, or seed/renormalise");
    }

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.opened("meter registry", registry::close);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    resources.opened("JVM GC metrics", gc);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    TickcastMetrics metrics = new TickcastMetrics(registry, config.batchMaxSize());
    metrics.modelInfo(model, holder.rollForward(model));
    holder.onReplace(m -> metrics.modelInfo(m, holder.rollForward(m)));
    if (follower != null) {
      follower.bindTo(registry);
    }

    if (config.createTopics()) {
      TopicSetup.ensure(config);
    }
    Topology topology =
        ForecastTopology.build(ForecastTopology.Settings.from(config), holder, metrics);
    KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config));
    resources.opened("Kafka Streams", () -> closeStreams(streams));
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    resources.opened("Kafka Streams metrics", streamsMetrics);
    ModelWatcher watcher = new ModelWatcher(config.modelDir(), holder, metrics::reloadFailed);
    resources.opened("model watcher", watcher);
    RunningApp app = new RunningApp(config, streams, holder, registry, watcher, resources);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("stream thread failed; stopping stream processing", e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    app.startHttp();
    resources.opened("HTTP endpoint", app::stopHttp);
    if (follower != null) {
      follower.start(holder); // the topic, not the directory, is then the source of models
    } else if (!config.modelPollInterval().isZero()) {
      watcher.start(config.modelPollInterval());
    }
    streams.start();
    LOG.info("stream app {} started: {} -> {} (dead letters: {})", config.applicationId(),
        config.ticksTopic(), config.forecastsTopic(), config.deadLetterTopic());
    return app;
  }

  /** Longest graceful stop of Kafka Streams (commit of the open transaction included). */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Stops Kafka Streams gracefully, leaving the group so that other instances take over the
   * partitions at once rather than after the session timeout.
   */
  private static void closeStreams(KafkaStreams streams) {
    boolean clean = streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!clean) {
      LOG.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
    }
  }

  /** Producer transaction timeout, unless {@code tickcast.streams.producer.transaction.timeout.ms} is set. */
  static final int TRANSACTION_TIMEOUT_MS = 60_000;

  /** The Kafka Streams properties of a configuration. */
  public static Properties streamsProperties(AppConfig c) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, c.processingGuarantee());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.numStreamThreads());
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    c.applicationServer().ifPresent(s -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s));
    // Also on the ticks source in the topology; here for every other source (repartition topic).
    p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
        io.tickcast.streams.topology.InvalidTimestampTolerantExtractor.class);
    // One inference batch runs inside one exactly-once transaction; Kafka Streams' 10 s default
    // fences the producer when a large batch of 50-step paths takes longer on a busy machine.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        TRANSACTION_TIMEOUT_MS);
    // Bound RocksDB's off-heap memory across all stores (the setter reads its two settings from
    // this map); an explicit tickcast.streams.rocksdb.config.setter still wins.
    c.rocksDbMemoryBytes().ifPresent(bytes -> {
      p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
      p.put(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, bytes);
      p.put(BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, c.rocksDbWriteBufferRatio());
    });
    p.putAll(c.streamsOverrides());
    return p;
  }
}
