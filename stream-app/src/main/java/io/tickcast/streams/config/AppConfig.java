package io.tickcast.streams.config;

import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.state.BoundedMemoryRocksDBConfig;
import io.tickcast.ticks.TickValidator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream app's validated configuration.
 *
 * <p>Sources, later wins: built-in defaults, a properties file, environment variables. A key maps
 * to its environment variable by upper-casing it and replacing dots with underscores ({@code
 * tickcast.batch.max.size} → {@code TICKCAST_BATCH_MAX_SIZE}). Keys under {@value #STREAMS_PREFIX}
 * are handed to Kafka Streams with the prefix removed (e.g. {@code
 * tickcast.streams.replication.factor=3}); any other unknown {@code tickcast.*} key in the file is
 * an error (a typo would otherwise be ignored silently), while unknown {@code TICKCAST_*}
 * environment variables are only logged, since launchers set their own.
 */
public final class AppConfig {
  private static final Logger LOG = LoggerFactory.getLogger(AppConfig.class);

  /** Kafka bootstrap servers, {@code host:port[,host:port]}. */
  public static final String BOOTSTRAP_SERVERS = "tickcast.bootstrap.servers";
  /** Kafka Streams application id; instances with the same id share the partitions. */
  public static final String APPLICATION_ID = "tickcast.application.id";
  /** Input topic of ticks. */
  public static final String TOPIC_TICKS = "tickcast.topic.ticks";
  /** Output topic of forecasts. */
  public static final String TOPIC_FORECASTS = "tickcast.topic.forecasts";
  /** Dead-letter topic of rejected and undecodable ticks. */
  public static final String TOPIC_DEAD_LETTER = "tickcast.topic.dead.letter";
  /** Wire format of ticks: {@code avro} (single-object encoding) or {@code json}. */
  public static final String TICK_FORMAT = "tickcast.tick.format";
  /** Wire format of forecasts: {@code avro} or {@code json}. */
  public static final String FORECAST_FORMAT = "tickcast.forecast.format";
  /** Kafka Streams state directory (RocksDB stores). */
  public static final String STATE_DIR = "tickcast.state.dir";
  /**
   * Off-heap bytes for the RocksDB block cache, index/filter blocks and memtables of all state
   * stores of this instance together; 0 leaves Kafka Streams' per-store defaults (unbounded).
   */
  public static final String STATE_ROCKSDB_MEMORY_BYTES =
      BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG;
  /** Share of {@value #STATE_ROCKSDB_MEMORY_BYTES} that memtables may take, in (0, 1). */
  public static final String STATE_ROCKSDB_WRITE_BUFFER_RATIO =
      BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG;
  /** A model artifact directory, or a directory of artifact directories (the newest is used). */
  public static final String MODEL_DIR = "tickcast.model.dir";
  /** How often the model directory is checked for a new artifact, ms; 0 disables hot reload. */
  public static final String MODEL_POLL_INTERVAL_MS = "tickcast.model.poll.interval.ms";
  /**
   * Whether models are taken from the models topic ({@value #MODEL_TOPIC}): served at start-up
   * (the topic's newest valid model, else the directory's, else the first to arrive) and
   * followed; the model directory is then not watched.
   */
  public static final String MODEL_TOPIC_ENABLE = "tickcast.model.topic.enable";
  /** The compacted models topic (one partition; see {@code ModelTopic}). */
  public static final String MODEL_TOPIC = "tickcast.model.topic";
  /** The model name (record key) this app follows on the models topic. */
  public static final String MODEL_NAME = "tickcast.model.name";
  /**
   * With the models topic on and no model in it or in the model directory: longest wait at
   * start-up for one to be published, ms.
   */
  public static final String MODEL_TOPIC_WAIT_MS = "tickcast.model.topic.wait.ms";
  /** Most windows per inference call. */
  public static final String BATCH_MAX_SIZE = "tickcast.batch.max.size";
  /**
   * Inference engine: {@code auto} (default: the pure-Java LSTM engine when it supports the
   * network, else DL4J), {@code java} (fail at start-up if unsupported) or {@code dl4j}.
   */
  public static final String INFERENCE_ENGINE = "tickcast.inference.engine";
  /**
   * Threads that run the Java engine's inference in this instance: the stream threads plus a
   * pool of the rest, shared by every stream thread's batches; {@code 0} (default) for as many
   * as {@value #NUM_STREAM_THREADS} (no pool).
   */
  public static final String INFERENCE_THREADS = "tickcast.inference.threads";
  /**
   * Roll-forward variant of the H-step paths: {@code artifact} (default: the variant stored in the
   * model's metadata, the trainer's held-out winner), {@code seed}, {@code renormalise} or {@code
   * carry-state} (the cheap approximation; see the trainer's held-out figures before opting in).
   */
  public static final String FORECAST_ROLL_FORWARD = "tickcast.forecast.roll.forward";
  /** The {@value #FORECAST_ROLL_FORWARD} value that keeps the model's own variant. */
  public static final String ROLL_FORWARD_FROM_ARTIFACT = "artifact";
  /**
   * K >= 1: per symbol, one in K full windows gets the H-step path (window c when {@code (c +
   * symbol.hashCode()) mod K == 0}, so symbols are staggered); the others get the next step only,
   * with an empty path. 1 (default): every window.
   */
  public static final String FORECAST_PATH_EVERY_TICKS = "tickcast.forecast.path.every.ticks";
  /** Longest a full window waits for its batch, ms (wall clock). */
  public static final String BATCH_MAX_DELAY_MS = "tickcast.batch.max.delay.ms";
  /** HTTP port for metrics, health and queries; 0 picks a free port, -1 disables HTTP. */
  public static final String HTTP_PORT = "tickcast.http.port";
  /** HTTP bind address. */
  public static final String HTTP_HOST = "tickcast.http.host";
  /**
   * This instance's {@code host:port} as other instances reach its HTTP server; set it to have
   * {@code /forecasts/{symbol}} redirect to the instance that holds the symbol.
   */
  public static final String APPLICATION_SERVER = "tickcast.application.server";
  /** Kafka Streams processing guarantee: {@code exactly_once_v2} or {@code at_least_once}. */
  public static final String PROCESSING_GUARANTEE = "tickcast.processing.guarantee";
  /** Stream threads in this instance (one network copy each). */
  public static final String NUM_STREAM_THREADS = "tickcast.num.stream.threads";
  /** Whether missing input, output and dead-letter topics are created at start-up. */
  public static final String TOPICS_CREATE = "tickcast.topics.create";
  /** Partitions of topics created at start-up; -1 uses the broker default. */
  public static final String TOPICS_PARTITIONS = "tickcast.topics.partitions";
  /** Replication factor of topics created at start-up; -1 uses the broker default. */
  public static final String TOPICS_REPLICATION_FACTOR = "tickcast.topics.replication.factor";
  /** Accepted symbols, a Java regular expression matched against the whole symbol. */
  public static final String TICK_SYMBOL_PATTERN = "tickcast.tick.symbol.pattern";
  /** Smallest accepted price under a ratio normalisation (price units, > 0). */
  public static final String TICK_PRICE_MIN = "tickcast.tick.price.min";
  /** Largest accepted {@code |price|} (price units). */
  public static final String TICK_PRICE_MAX = "tickcast.tick.price.max";
  /**
   * Earliest accepted event time, epoch ms (default 10^11 = 1973-03-03): an earlier timestamp is
   * taken for epoch seconds and dead-lettered as {@code timestamp_seconds}; 0 accepts any.
   */
  public static final String TICK_TIME_MIN_MS = "tickcast.tick.time.min.ms";
  /** Most a tick's event time may be ahead of the wall clock, ms; 0: not checked. */
  public static final String TICK_FUTURE_SKEW_WALL_MS = "tickcast.tick.future.skew.wall.ms";
  /**
   * Most a tick's event time may be ahead of the newest tick in its symbol's window, ms; 0: not
   * checked.
   */
  public static final String TICK_FUTURE_SKEW_WINDOW_MS = "tickcast.tick.future.skew.window.ms";
  /** Widening of the training data's normalised input range, a multiple of its span (>= 0). */
  public static final String GUARD_INPUT_MARGIN = "tickcast.guard.input.margin";
  /** R > 1: a forecast must lie within a factor R of the last price (ratio normalisations). */
  public static final String GUARD_OUTPUT_MAX_RATIO = "tickcast.guard.output.max.ratio";
  /**
   * Largest tick-to-tick move that keeps a window ({@code |ln(p/p_prev)|}, or {@code |p - p_prev|}
   * for {@code none}): {@code auto} (derived from the model's training data), {@code off}, or a
   * number > 0.
   */
  public static final String WINDOW_JUMP_MAX_MOVE = "tickcast.window.jump.max.move";
  /** With {@code auto}: the jump limit is this multiple of the training move's 99.9 % quantile. */
  public static final String WINDOW_JUMP_QUANTILE_MULTIPLE = "tickcast.window.jump.quantile.multiple";
  /**
   * A gap longer than this many median tick intervals of the window restarts it; 0: off.
   */
  public static final String WINDOW_GAP_MAX_INTERVALS = "tickcast.window.gap.max.intervals";
  /** Shortest gap, ms, that can restart a window, whatever the ticks' usual interval. */
  public static final String WINDOW_GAP_MIN_MS = "tickcast.window.gap.min.ms";
  /**
   * A window whose newest tick is this far (event time, ms) behind the newest tick its task has
   * accepted is removed; 0: never.
   */
  public static final String WINDOW_IDLE_TTL_MS = "tickcast.window.idle.ttl.ms";
  /** Prefix of keys passed through to Kafka Streams (prefix removed). */
  public static final String STREAMS_PREFIX = "tickcast.streams.";

  private static final Map<String, String> DEFAULTS = defaults();
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern APP_ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  private final Map<String, String> values;

  private AppConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    validate();
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(BOOTSTRAP_SERVERS, "localhost:9092");
    d.put(APPLICATION_ID, "tickcast-stream");
    d.put(TOPIC_TICKS, "tickcast.ticks");
    d.put(TOPIC_FORECASTS, "tickcast.forecasts");
    d.put(TOPIC_DEAD_LETTER, "tickcast.ticks.dlq");
    d.put(TICK_FORMAT, "avro");
    d.put(FORECAST_FORMAT, "avro");
    d.put(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "tickcast-streams").toString());
    d.put(STATE_ROCKSDB_MEMORY_BYTES, Long.toString(BoundedMemoryRocksDBConfig.DEFAULT_MEMORY_BYTES));
    d.put(STATE_ROCKSDB_WRITE_BUFFER_RATIO,
        Double.toString(BoundedMemoryRocksDBConfig.DEFAULT_WRITE_BUFFER_RATIO));
    d.put(MODEL_DIR, "");
    d.put(MODEL_POLL_INTERVAL_MS, "10000");
    d.put(MODEL_TOPIC_ENABLE, "false");
    d.put(MODEL_TOPIC, "tickcast.models");
    d.put(MODEL_NAME, "tickcast");
    d.put(MODEL_TOPIC_WAIT_MS, "120000");
    d.put(BATCH_MAX_SIZE, "64");
    d.put(BATCH_MAX_DELAY_MS, "50");
    d.put(INFERENCE_ENGINE, InferenceEngine.AUTO.configName());
    d.put(INFERENCE_THREADS, "0");
    d.put(FORECAST_ROLL_FORWARD, ROLL_FORWARD_FROM_ARTIFACT);
    d.put(FORECAST_PATH_EVERY_TICKS, "1");
    d.put(HTTP_PORT, "8080");
    d.put(HTTP_HOST, "0.0.0.0");
    d.put(APPLICATION_SERVER, "");
    d.put(PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2);
    d.put(NUM_STREAM_THREADS, "1");
    d.put(TOPICS_CREATE, "true");
    d.put(TOPICS_PARTITIONS, "-1");
    d.put(TOPICS_REPLICATION_FACTOR, "-1");
    d.put(TICK_SYMBOL_PATTERN, TickValidator.SYMBOL_PATTERN.pattern());
    d.put(TICK_PRICE_MIN, Double.toString(TickValidator.DEFAULT_PRICE_MIN));
    d.put(TICK_PRICE_MAX, Double.toString(TickValidator.DEFAULT_PRICE_MAX));
    d.put(TICK_TIME_MIN_MS, Long.toString(TickValidator.DEFAULT_TIME_MIN_MS));
    d.put(TICK_FUTURE_SKEW_WALL_MS, "300000");
    d.put(TICK_FUTURE_SKEW_WINDOW_MS, "2592000000");
    d.put(GUARD_INPUT_MARGIN, "1.0");
    d.put(GUARD_OUTPUT_MAX_RATIO, "2.0");
    d.put(WINDOW_JUMP_MAX_MOVE, "auto");
    d.put(WINDOW_JUMP_QUANTILE_MULTIPLE, "5.0");
    d.put(WINDOW_GAP_MAX_INTERVALS, "10.0");
    d.put(WINDOW_GAP_MIN_MS, "300000");
    d.put(WINDOW_IDLE_TTL_MS, "604800000");
    return Collections.unmodifiableMap(d);
  }

  /** Every known key with its default value ({@link #MODEL_DIR} has none and is required). */
  public static Map<String, String> defaultValues() {
    return DEFAULTS;
  }

  /**
   * Configuration from explicit settings over the defaults, ignoring the environment (for
   * launchers and tests).
   *
   * @param settings key to value
   * @throws InvalidConfigException naming the first bad key and why
   */
  public static AppConfig of(Map<String, String> settings) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    for (Map.Entry<String, String> e : settings.entrySet()) {
      checkKnown(e.getKey(), e.getValue());
      v.put(e.getKey(), e.getValue());
    }
    return new AppConfig(v);
  }

  /**
   * Configuration from a properties file (optional) with environment-variable overrides.
   *
   * @param propertiesFile a {@code .properties} file, or null for defaults and environment only
   * @param env the environment, usually {@link System#getenv()}
   * @throws InvalidConfigException if the file cannot be read or a value is invalid
   */
  public static AppConfig load(Path propertiesFile, Map<String, String> env) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    if (propertiesFile != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new InvalidConfigException("config file", propertiesFile.toString(),
            "cannot be read: " + e);
      }
      for (String k : p.stringPropertyNames()) {
        checkKnown(k, p.getProperty(k));
        v.put(k, p.getProperty(k).trim());
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith("TICKCAST_")) {
        continue;
      }
      String key = e.getKey().toLowerCase(Locale.ROOT).replace('_', '.');
      if (DEFAULTS.containsKey(key) || key.startsWith(STREAMS_PREFIX)) {
        v.put(key, e.getValue().trim());
      } else {
        LOG.debug("ignoring environment variable {}: not a stream-app setting", e.getKey());
      }
    }
    return new AppConfig(v);
  }

  /** The environment variable that overrides a key. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static void checkKnown(String key, String value) {
    if (!DEFAULTS.containsKey(key) && !key.startsWith(STREAMS_PREFIX)) {
      throw new InvalidConfigException(key, value, "unknown key; known keys are "
          + DEFAULTS.keySet() + " and " + STREAMS_PREFIX + "<kafka streams config>");
    }
  }

  private void validate() {
    requireNonBlank(BOOTSTRAP_SERVERS);
    if (!APP_ID.matcher(values.get(APPLICATION_ID)).matches()) {
      throw new InvalidConfigException(APPLICATION_ID, values.get(APPLICATION_ID),
          "must be 1-200 characters of [a-zA-Z0-9._-]");
    }
    for (String k : new String[] {TOPIC_TICKS, TOPIC_FORECASTS, TOPIC_DEAD_LETTER}) {
      if (!TOPIC.matcher(values.get(k)).matches()) {
        throw new InvalidConfigException(k, values.get(k),
            "not a legal Kafka topic name (1-249 characters of [a-zA-Z0-9._-])");
      }
    }
    if (values.get(TOPIC_TICKS).equals(values.get(TOPIC_FORECASTS))
        || values.get(TOPIC_TICKS).equals(values.get(TOPIC_DEAD_LETTER))
        || values.get(TOPIC_FORECASTS).equals(values.get(TOPIC_DEAD_LETTER))) {
      throw new InvalidConfigException(TOPIC_DEAD_LETTER, values.get(TOPIC_DEAD_LETTER),
          "the ticks, forecasts and dead-letter topics must be three different topics");
    }
    tickFormat();
    forecastFormat();
    requireNonBlank(STATE_DIR);
    rocksDbMemoryBytes();
    rocksDbWriteBufferRatio();
    boolean modelTopic = bool(MODEL_TOPIC_ENABLE);
    if (values.get(MODEL_DIR).isBlank() && !modelTopic) {
      throw new InvalidConfigException(MODEL_DIR, null,
          "required: the directory of a model artifact written by the trainer (or set "
              + MODEL_TOPIC_ENABLE + "=true to take models from the models topic)");
    }
    intAtLeast(MODEL_POLL_INTERVAL_MS, 0);
    if (!TOPIC.matcher(values.get(MODEL_TOPIC)).matches()) {
      throw new InvalidConfigException(MODEL_TOPIC, values.get(MODEL_TOPIC),
          "not a legal Kafka topic name (1-249 characters of [a-zA-Z0-9._-])");
    }
    if (!values.get(MODEL_NAME).matches("[A-Za-z0-9._-]{1,100}")) {
      throw new InvalidConfigException(MODEL_NAME, values.get(MODEL_NAME),
          "must be 1-100 characters of [A-Za-z0-9._-]");
    }
    intAtLeast(MODEL_TOPIC_WAIT_MS, 0);
    intAtLeast(BATCH_MAX_SIZE, 1);
    intAtLeast(BATCH_MAX_DELAY_MS, 1);
    inferenceEngine();
    rollForward();
    intAtLeast(FORECAST_PATH_EVERY_TICKS, 1);
    int port = intAtLeast(HTTP_PORT, -1);
    if (port > 65535) {
      throw new InvalidConfigException(HTTP_PORT, values.get(HTTP_PORT), "must be -1..65535");
    }
    requireNonBlank(HTTP_HOST);
    String server = values.get(APPLICATION_SERVER);
    if (!server.isBlank() && !server.matches("[^:\\s]+:\\d{1,5}")) {
      throw new InvalidConfigException(APPLICATION_SERVER, server, "must be host:port");
    }
    String pg = values.get(PROCESSING_GUARANTEE);
    if (!Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE).contains(pg)) {
      throw new InvalidConfigException(PROCESSING_GUARANTEE, pg,
          "must be exactly_once_v2 or at_least_once");
    }
    intAtLeast(NUM_STREAM_THREADS, 1);
    intAtLeast(INFERENCE_THREADS, 0);
    bool(TOPICS_CREATE);
    int partitions = intAtLeast(TOPICS_PARTITIONS, -1);
    if (partitions == 0) {
      throw new InvalidConfigException(TOPICS_PARTITIONS, "0", "must be -1 or >= 1");
    }
    symbolPattern();
    double min = priceMin();
    if (priceMax() <= min) {
      throw new InvalidConfigException(TICK_PRICE_MAX, values.get(TICK_PRICE_MAX),
          "must be above " + TICK_PRICE_MIN + " (" + min + ")");
    }
    timeMinMs();
    futureSkewWallMs();
    futureSkewWindowMs();
    guardInputMargin();
    guardOutputMaxRatio();
    jumpMaxMove();
    jumpQuantileMultiple();
    gapMaxIntervals();
    gapMinMs();
    idleTtlMs();
    int rf = intAtLeast(TOPICS_REPLICATION_FACTOR, -1);
    if (rf == 0 || rf > Short.MAX_VALUE) {
      throw new InvalidConfigException(TOPICS_REPLICATION_FACTOR, values.get(TOPICS_REPLICATION_FACTOR),
          "must be -1 or 1..32767");
    }
  }

  private void requireNonBlank(String key) {
    if (values.get(key) == null || values.get(key).isBlank()) {
      throw new InvalidConfigException(key, values.get(key), "must not be empty");
    }
  }

  private int intAtLeast(String key, int min) {
    String raw = values.get(key);
    int v;
    try {
      v = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, raw, "not an integer");
    }
    if (v < min) {
      throw new InvalidConfigException(key, raw, "must be >= " + min);
    }
    return v;
  }

  private long longAtLeast(String key, long min) {
    String raw = values.get(key);
    long v;
    try {
      v = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, raw, "not a whole number");
    }
    if (v < min) {
      throw new InvalidConfigException(key, raw, "must be >= " + min);
    }
    return v;
  }

  /** A finite number above {@code min} (or at least, when {@code inclusive}). */
  private double number(String key, double min, boolean inclusive) {
    String raw = values.get(key);
    double v;
    try {
      v = Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, raw, "not a number");
    }
    if (!Double.isFinite(v) || (inclusive ? v < min : v <= min)) {
      throw new InvalidConfigException(key, raw, "must be a finite number "
          + (inclusive ? ">= " : "> ") + min);
    }
    return v;
  }

  private boolean bool(String key) {
    String raw = values.get(key).trim().toLowerCase(Locale.ROOT);
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new InvalidConfigException(key, values.get(key), "must be true or false");
    }
    return raw.equals("true");
  }

  private WireFormat format(String key) {
    try {
      return WireFormat.fromConfig(values.get(key));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key, values.get(key), e.getMessage());
    }
  }

  /** The raw value of a key (after defaults, file and environment), or null. */
  public String get(String key) {
    return values.get(key);
  }

  /** All settings, sorted by key. */
  public Map<String, String> asMap() {
    return values;
  }

  /** A copy with some settings replaced (validated again). */
  public AppConfig with(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      checkKnown(e.getKey(), e.getValue());
      v.put(e.getKey(), e.getValue());
    }
    return new AppConfig(v);
  }

  /** {@value #BOOTSTRAP_SERVERS}. */
  public String bootstrapServers() {
    return values.get(BOOTSTRAP_SERVERS).trim();
  }

  /** {@value #APPLICATION_ID}. */
  public String applicationId() {
    return values.get(APPLICATION_ID);
  }

  /** {@value #TOPIC_TICKS}. */
  public String ticksTopic() {
    return values.get(TOPIC_TICKS);
  }

  /** {@value #TOPIC_FORECASTS}. */
  public String forecastsTopic() {
    return values.get(TOPIC_FORECASTS);
  }

  /** {@value #TOPIC_DEAD_LETTER}. */
  public String deadLetterTopic() {
    return values.get(TOPIC_DEAD_LETTER);
  }

  /** {@value #TICK_FORMAT}. */
  public WireFormat tickFormat() {
    return format(TICK_FORMAT);
  }

  /** {@value #FORECAST_FORMAT}. */
  public WireFormat forecastFormat() {
    return format(FORECAST_FORMAT);
  }

  /**
   * {@value #STATE_ROCKSDB_MEMORY_BYTES}; empty when 0 (no bound).
   *
   * @throws InvalidConfigException if not 0 and below 4 MiB, or not a whole number
   */
  public java.util.OptionalLong rocksDbMemoryBytes() {
    String raw = values.get(STATE_ROCKSDB_MEMORY_BYTES);
    long v;
    try {
      v = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(STATE_ROCKSDB_MEMORY_BYTES, raw, "not a whole number of bytes");
    }
    if (v == 0) {
      return java.util.OptionalLong.empty();
    }
    String problem = BoundedMemoryRocksDBConfig.memoryBytesProblem(v);
    if (problem != null) {
      throw new InvalidConfigException(STATE_ROCKSDB_MEMORY_BYTES, raw, problem + ", or 0 for no bound");
    }
    return java.util.OptionalLong.of(v);
  }

  /** {@value #STATE_ROCKSDB_WRITE_BUFFER_RATIO}. */
  public double rocksDbWriteBufferRatio() {
    String raw = values.get(STATE_ROCKSDB_WRITE_BUFFER_RATIO);
    double v;
    try {
      v = Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(STATE_ROCKSDB_WRITE_BUFFER_RATIO, raw, "not a number");
    }
    String problem = BoundedMemoryRocksDBConfig.writeBufferRatioProblem(v);
    if (problem != null) {
      throw new InvalidConfigException(STATE_ROCKSDB_WRITE_BUFFER_RATIO, raw, problem);
    }
    return v;
  }

  /** {@value #STATE_DIR}. */
  public Path stateDir() {
    return Path.of(values.get(STATE_DIR).trim());
  }

  /** {@value #MODEL_DIR}. */
  public Path modelDir() {
    return Path.of(values.get(MODEL_DIR).trim());
  }

  /** {@value #MODEL_POLL_INTERVAL_MS}; zero when hot reload is off. */
  public Duration modelPollInterval() {
    return Duration.ofMillis(intAtLeast(MODEL_POLL_INTERVAL_MS, 0));
  }

  /** {@value #MODEL_DIR}, or empty when not set (allowed with the models topic on). */
  public Optional<Path> modelDirIfSet() {
    String raw = values.get(MODEL_DIR).trim();
    return raw.isEmpty() ? Optional.empty() : Optional.of(Path.of(raw));
  }

  /** {@value #MODEL_TOPIC_ENABLE}. */
  public boolean modelTopicEnabled() {
    return bool(MODEL_TOPIC_ENABLE);
  }

  /** {@value #MODEL_TOPIC}. */
  public String modelTopic() {
    return values.get(MODEL_TOPIC);
  }

  /** {@value #MODEL_NAME}. */
  public String modelName() {
    return values.get(MODEL_NAME);
  }

  /** {@value #MODEL_TOPIC_WAIT_MS}. */
  public Duration modelTopicWait() {
    return Duration.ofMillis(intAtLeast(MODEL_TOPIC_WAIT_MS, 0));
  }

  /** {@value #BATCH_MAX_SIZE}. */
  public int batchMaxSize() {
    return intAtLeast(BATCH_MAX_SIZE, 1);
  }

  /** {@value #BATCH_MAX_DELAY_MS}. */
  public Duration batchMaxDelay() {
    return Duration.ofMillis(intAtLeast(BATCH_MAX_DELAY_MS, 1));
  }

  /** {@value #INFERENCE_ENGINE}. */
  public InferenceEngine inferenceEngine() {
    try {
      return InferenceEngine.fromConfig(values.get(INFERENCE_ENGINE));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(INFERENCE_ENGINE, values.get(INFERENCE_ENGINE), e.getMessage());
    }
  }

  /**
   * {@value #FORECAST_ROLL_FORWARD}: the variant that overrides the model's, or empty for {@value
   * #ROLL_FORWARD_FROM_ARTIFACT}.
   *
   * @throws InvalidConfigException naming the accepted values
   */
  public Optional<RollForward> rollForward() {
    String raw = values.get(FORECAST_ROLL_FORWARD);
    if (raw.trim().equalsIgnoreCase(ROLL_FORWARD_FROM_ARTIFACT)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RollForward.fromConfig(raw));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(FORECAST_ROLL_FORWARD, raw,
          "must be artifact, seed, renormalise or carry-state");
    }
  }

  /** {@value #FORECAST_PATH_EVERY_TICKS}, K >= 1. */
  public int pathEveryTicks() {
    return intAtLeast(FORECAST_PATH_EVERY_TICKS, 1);
  }

  /** {@value #HTTP_PORT}; -1 when HTTP is off, 0 for a free port. */
  public int httpPort() {
    return intAtLeast(HTTP_PORT, -1);
  }

  /** {@value #HTTP_HOST}. */
  public String httpHost() {
    return values.get(HTTP_HOST).trim();
  }

  /** {@value #APPLICATION_SERVER}, if set. */
  public Optional<String> applicationServer() {
    String s = values.get(APPLICATION_SERVER).trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** {@value #PROCESSING_GUARANTEE}. */
  public String processingGuarantee() {
    return values.get(PROCESSING_GUARANTEE);
  }

  /**
   * {@value #INFERENCE_THREADS}, resolved: at least 1; {@link #numStreamThreads()} when set to 0.
   */
  public int inferenceThreads() {
    int n = intAtLeast(INFERENCE_THREADS, 0);
    return n == 0 ? numStreamThreads() : n;
  }

  /** {@value #NUM_STREAM_THREADS}. */
  public int numStreamThreads() {
    return intAtLeast(NUM_STREAM_THREADS, 1);
  }

  /** {@value #TOPICS_CREATE}. */
  public boolean createTopics() {
    return bool(TOPICS_CREATE);
  }

  /** {@value #TOPICS_PARTITIONS}; empty for the broker default. */
  public Optional<Integer> topicPartitions() {
    int p = intAtLeast(TOPICS_PARTITIONS, -1);
    return p < 0 ? Optional.empty() : Optional.of(p);
  }

  /** {@value #TOPICS_REPLICATION_FACTOR}; empty for the broker default. */
  public Optional<Short> topicReplicationFactor() {
    int r = intAtLeast(TOPICS_REPLICATION_FACTOR, -1);
    return r < 0 ? Optional.empty() : Optional.of((short) r);
  }

  /** {@value #TICK_SYMBOL_PATTERN}. */
  public Pattern symbolPattern() {
    String raw = values.get(TICK_SYMBOL_PATTERN);
    try {
      return Pattern.compile(raw);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new InvalidConfigException(TICK_SYMBOL_PATTERN, raw,
          "not a regular expression: " + e.getDescription());
    }
  }

  /** {@value #TICK_PRICE_MIN}, price units. */
  public double priceMin() {
    return number(TICK_PRICE_MIN, 0, false);
  }

  /** {@value #TICK_PRICE_MAX}, price units. */
  public double priceMax() {
    return number(TICK_PRICE_MAX, 0, false);
  }

  /** {@value #TICK_TIME_MIN_MS}, epoch ms. */
  public long timeMinMs() {
    return longAtLeast(TICK_TIME_MIN_MS, 0);
  }

  /** {@value #TICK_FUTURE_SKEW_WALL_MS}; 0: off. */
  public long futureSkewWallMs() {
    return longAtLeast(TICK_FUTURE_SKEW_WALL_MS, 0);
  }

  /** {@value #TICK_FUTURE_SKEW_WINDOW_MS}; 0: off. */
  public long futureSkewWindowMs() {
    return longAtLeast(TICK_FUTURE_SKEW_WINDOW_MS, 0);
  }

  /** {@value #GUARD_INPUT_MARGIN}. */
  public double guardInputMargin() {
    return number(GUARD_INPUT_MARGIN, 0, true);
  }

  /** {@value #GUARD_OUTPUT_MAX_RATIO}. */
  public double guardOutputMaxRatio() {
    return number(GUARD_OUTPUT_MAX_RATIO, 1, false);
  }

  /**
   * {@value #WINDOW_JUMP_MAX_MOVE}: NaN for {@code auto}, infinity for {@code off}, else the
   * number.
   */
  public double jumpMaxMove() {
    String raw = values.get(WINDOW_JUMP_MAX_MOVE).trim();
    if (raw.equalsIgnoreCase("auto")) {
      return Double.NaN;
    }
    if (raw.equalsIgnoreCase("off")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return number(WINDOW_JUMP_MAX_MOVE, 0, false);
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException(WINDOW_JUMP_MAX_MOVE, raw,
          "must be auto, off or a finite number > 0");
    }
  }

  /** {@value #WINDOW_JUMP_QUANTILE_MULTIPLE}. */
  public double jumpQuantileMultiple() {
    return number(WINDOW_JUMP_QUANTILE_MULTIPLE, 0, false);
  }

  /** {@value #WINDOW_GAP_MAX_INTERVALS}; 0: off. */
  public double gapMaxIntervals() {
    double v = number(WINDOW_GAP_MAX_INTERVALS, 0, true);
    if (v > 0 && v <= 1) {
      throw new InvalidConfigException(WINDOW_GAP_MAX_INTERVALS, values.get(WINDOW_GAP_MAX_INTERVALS),
          "must be 0 (off) or > 1 (a gap is longer than the usual interval)");
    }
    return v;
  }

  /** {@value #WINDOW_GAP_MIN_MS}, ms, at least 0. */
  public long gapMinMs() {
    return longAtLeast(WINDOW_GAP_MIN_MS, 0);
  }

  /** {@value #WINDOW_IDLE_TTL_MS}; 0: never. */
  public long idleTtlMs() {
    return longAtLeast(WINDOW_IDLE_TTL_MS, 0);
  }

  /** The {@value #STREAMS_PREFIX} settings with the prefix removed. */
  public Map<String, String> streamsOverrides() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(STREAMS_PREFIX)) {
        out.put(k.substring(STREAMS_PREFIX.length()), v);
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return "AppConfig" + values;
  }
}
