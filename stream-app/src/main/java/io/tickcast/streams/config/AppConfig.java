package io.tickcast.streams.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import io.tickcast.core.config.EnumNames;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream app's validated configuration, defined once in {@code DEFINITION} (a Kafka {@link
 * ConfigDef}, see {@link #configDef()}: each key's type, default, validator, group and
 * documentation) and parsed once by {@link AbstractConfig}; the getters return the parsed values.
 *
 * <p>Sources, later wins: the defaults, a properties file, environment variables, command-line
 * overrides ({@link #load(Path, Map, Map)}). A key maps to its environment variable by
 * upper-casing it and replacing dots with underscores ({@code tickcast.batch.max.size} → {@code
 * TICKCAST_BATCH_MAX_SIZE}). Keys under {@value #STREAMS_PREFIX} are handed to Kafka Streams with
 * the prefix removed (e.g. {@code tickcast.streams.replication.factor=3}); any other unknown
 * {@code tickcast.*} key in the file or the overrides is an error (a typo would otherwise be
 * ignored silently), while unknown {@code TICKCAST_*} environment variables are only logged, since
 * launchers set their own. Every failure is an {@link InvalidConfigException} naming the key, the
 * value and the reason. The configuration tables of the READMEs and the example properties file
 * are generated from the definition by {@link ConfigDocs}.
 */
public final class AppConfig extends AbstractConfig {
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

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final String TOPIC_REASON =
      "not a legal Kafka topic name (1-249 characters of [a-zA-Z0-9._-])";

  /** Every key: type, default, validator, importance, documentation, in groups of the README. */
  static final ConfigDef DEFINITION = definition();

  /** A copy of the definition of every key (type, default, validator, documentation). */
  public static ConfigDef configDef() {
    return new ConfigDef(DEFINITION);
  }

  private static ConfigDef definition() {
    Keys k = new Keys();
    k.group("Kafka and topics")
        .key(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", new ConfigDef.NonEmptyString(), HIGH,
            "Kafka brokers, `host:port[,host:port]`")
        .key(APPLICATION_ID, Type.STRING, "tickcast-stream",
            ConfigValidators.matching(Pattern.compile("[a-zA-Z0-9._-]{1,200}"),
                "must be 1-200 characters of [a-zA-Z0-9._-]"), HIGH,
            "Kafka Streams application id; instances sharing it share the work")
        .key(TOPIC_TICKS, Type.STRING, "tickcast.ticks", topic(), MEDIUM, "input topic of ticks")
        .key(TOPIC_FORECASTS, Type.STRING, "tickcast.forecasts", topic(), MEDIUM,
            "output topic of forecasts")
        .key(TOPIC_DEAD_LETTER, Type.STRING, "tickcast.ticks.dlq", topic(), MEDIUM,
            "dead-letter topic of rejected and undecodable ticks")
        .key(TICK_FORMAT, Type.STRING, EnumNames.of(WireFormat.AVRO),
            ConfigValidators.oneOf(WireFormat.class), MEDIUM,
            "wire format of ticks: `avro` (single-object encoding) or `json`")
        .key(FORECAST_FORMAT, Type.STRING, EnumNames.of(WireFormat.AVRO),
            ConfigValidators.oneOf(WireFormat.class), MEDIUM, "wire format of forecasts")
        .key(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
            ConfigDef.ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
            MEDIUM, "Kafka Streams processing guarantee")
        .key(TOPICS_CREATE, Type.BOOLEAN, true, null, LOW, "create missing topics at start-up")
        .key(TOPICS_PARTITIONS, Type.INT, -1, ConfigValidators.check(
                v -> (Integer) v == -1 || (Integer) v >= 1, "must be -1 or >= 1", "-1 or >= 1"),
            LOW, "partitions of created topics; -1 = broker default")
        .key(TOPICS_REPLICATION_FACTOR, Type.INT, -1, ConfigValidators.check(
                v -> (Integer) v == -1 || ((Integer) v >= 1 && (Integer) v <= Short.MAX_VALUE),
                "must be -1 or 1..32767", "-1 or 1..32767"),
            LOW, "replication factor of created topics; -1 = broker default");
    k.group("Model")
        .key(MODEL_DIR, Type.STRING, "", null, HIGH,
            "a model artifact directory written by `tickcast train`, or a directory of them (the"
                + " newest is served)",
            "(required unless `" + MODEL_TOPIC_ENABLE + "`)")
        .key(MODEL_POLL_INTERVAL_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(0), MEDIUM,
            "how often the model directory is checked for a newer artifact, ms; 0 = no hot reload")
        .key(MODEL_TOPIC_ENABLE, Type.BOOLEAN, false, null, MEDIUM,
            "take models from the models topic: start from its newest valid model and follow it;"
                + " the directory is then only the fallback at start-up and not watched")
        .key(MODEL_TOPIC, Type.STRING, "tickcast.models", topic(), MEDIUM,
            "the compacted models topic (1 partition)")
        .key(MODEL_NAME, Type.STRING, "tickcast",
            ConfigValidators.matching(Pattern.compile("[A-Za-z0-9._-]{1,100}"),
                "must be 1-100 characters of [A-Za-z0-9._-]"), MEDIUM,
            "the model name (record key) followed on the models topic")
        .key(MODEL_TOPIC_WAIT_MS, Type.INT, 120_000, ConfigDef.Range.atLeast(0), LOW,
            "start-up wait for a first model when neither the topic nor the directory has one, ms");
    k.group("Inference")
        .key(INFERENCE_ENGINE, Type.STRING, EnumNames.of(InferenceEngine.AUTO),
            ConfigValidators.oneOf(InferenceEngine.class), MEDIUM,
            "`java` (pure-Java LSTM; fails at start-up if it does not support the network), `onnx`"
                + " (ONNX Runtime on the network exported to ONNX), `dl4j`, or `auto` (of those that"
                + " support the network, the fastest in a short measurement at start-up, logged)")
        .key(INFERENCE_THREADS, Type.INT, 0, ConfigDef.Range.atLeast(0), MEDIUM,
            "threads running the Java engine: the stream threads plus a pool of the rest that every"
                + " stream thread's batches share; 0 = as many as `" + NUM_STREAM_THREADS
                + "` (no pool)")
        .key(FORECAST_ROLL_FORWARD, Type.STRING, ROLL_FORWARD_FROM_ARTIFACT,
            ConfigValidators.oneOf(RollForward.class, ROLL_FORWARD_FROM_ARTIFACT), MEDIUM,
            "roll-forward variant of the paths: `artifact` (the model metadata's, the trainer's"
                + " held-out winner), `seed`, `renormalise` (exact) or `carry-state` (LSTM state"
                + " carried through the predicted steps: about 25× less work for W = H = 50 with"
                + " the Java engine, an approximation; see the trainer's held-out comparison);"
                + " shown in `tickcast_model_info{roll_forward}` and each forecast's `rollForward`")
        .key(FORECAST_PATH_EVERY_TICKS, Type.INT, 1, ConfigDef.Range.atLeast(1), MEDIUM,
            "K: per symbol, only every K-th full window gets the H-step path (staggered across"
                + " symbols by the symbol's hash), the others the next step with an empty `path`")
        .key(BATCH_MAX_SIZE, Type.INT, 64, ConfigDef.Range.atLeast(1), MEDIUM,
            "most windows per inference call")
        .key(BATCH_MAX_DELAY_MS, Type.INT, 50, ConfigDef.Range.atLeast(1), MEDIUM,
            "longest wait of a full window for its batch, ms (wall clock)")
        .key(NUM_STREAM_THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), MEDIUM,
            "stream threads in this instance (one network copy each)");
    k.group("Forecast integrity")
        .key(TICK_SYMBOL_PATTERN, Type.STRING, TickValidator.SYMBOL_PATTERN.pattern(),
            ConfigValidators.regex(), LOW,
            "accepted symbols (Java regex, whole match); else dead letter `invalid_symbol`")
        .key(TICK_PRICE_MIN, Type.DOUBLE, TickValidator.DEFAULT_PRICE_MIN,
            ConfigValidators.finite(0, false), LOW,
            "smallest price for ratio normalisations; else `price_out_of_range`")
        .key(TICK_PRICE_MAX, Type.DOUBLE, TickValidator.DEFAULT_PRICE_MAX,
            ConfigValidators.finite(0, false), LOW,
            "largest `|price|`, above `" + TICK_PRICE_MIN + "`; else `price_out_of_range`")
        .key(TICK_TIME_MIN_MS, Type.LONG, TickValidator.DEFAULT_TIME_MIN_MS,
            ConfigDef.Range.atLeast(0), LOW,
            "earliest event time, epoch ms (1973-03-03); earlier is taken for epoch seconds:"
                + " `timestamp_seconds`; 0 = any")
        .key(TICK_FUTURE_SKEW_WALL_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0), LOW,
            "most a tick's event time may be ahead of the wall clock, ms (5 min); else"
                + " `future_timestamp`; 0 = off")
        .key(TICK_FUTURE_SKEW_WINDOW_MS, Type.LONG, 2_592_000_000L, ConfigDef.Range.atLeast(0), LOW,
            "most ahead of the symbol window's newest tick, ms (30 days); else `future_timestamp`;"
                + " 0 = off")
        .key(GUARD_INPUT_MARGIN, Type.DOUBLE, 1.0, ConfigValidators.finite(0, true), LOW,
            "widening of the training data's normalised input range, × its span; outside:"
                + " `withheld_input_out_of_range`")
        .key(GUARD_OUTPUT_MAX_RATIO, Type.DOUBLE, 2.0, ConfigValidators.finite(1, false), LOW,
            "R > 1: forecasts within a factor R of the last price (ratio normalisations); else"
                + " `withheld_output_out_of_bound`")
        .key(WINDOW_JUMP_MAX_MOVE, Type.STRING, "auto", ConfigValidators.check(
                v -> parseJump((String) v) != null, "must be auto, off or a finite number > 0",
                "auto, off or > 0"), LOW,
            "largest tick-to-tick move kept in a window: `auto` (from the model's training data),"
                + " `off` or a number (log return; price units for `none`)")
        .key(WINDOW_JUMP_QUANTILE_MULTIPLE, Type.DOUBLE, 5.0, ConfigValidators.finite(0, false), LOW,
            "`auto`: the jump limit is this × the training move's 99.9 % quantile")
        .key(WINDOW_GAP_MAX_INTERVALS, Type.DOUBLE, 10.0, ConfigValidators.check(
                v -> Double.isFinite((Double) v) && ((Double) v == 0 || (Double) v > 1),
                "must be 0 (off) or > 1 (a gap is longer than the usual interval)", "0 or > 1"),
            LOW, "a gap above this × the window's median interval (and above `"
                + WINDOW_GAP_MIN_MS + "`) restarts the window; 0 = off")
        .key(WINDOW_GAP_MIN_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0), LOW,
            "shortest gap that can restart a window, ms")
        .key(WINDOW_IDLE_TTL_MS, Type.LONG, 604_800_000L, ConfigDef.Range.atLeast(0), LOW,
            "windows this far (event time, ms; 7 days) behind their task's newest tick are removed;"
                + " 0 = never");
    k.group("State stores")
        .key(STATE_DIR, Type.STRING,
            Path.of(System.getProperty("java.io.tmpdir"), "tickcast-streams").toString(),
            new ConfigDef.NonEmptyString(), MEDIUM, "Kafka Streams state directory (RocksDB)",
            "`$TMPDIR/tickcast-streams`")
        .key(STATE_ROCKSDB_MEMORY_BYTES, Type.LONG, BoundedMemoryRocksDBConfig.DEFAULT_MEMORY_BYTES,
            ConfigValidators.check(v -> (Long) v == 0
                    || BoundedMemoryRocksDBConfig.memoryBytesProblem((Long) v) == null,
                BoundedMemoryRocksDBConfig.memoryBytesProblem(0) + ", or 0 for no bound",
                "0 or >= 4 MiB"), LOW,
            "off-heap bytes for all RocksDB stores of the JVM together (64 MiB; one shared block"
                + " cache for data, index and filter blocks, memtables charged to it); 0 = Kafka"
                + " Streams' unbounded per-store defaults")
        .key(STATE_ROCKSDB_WRITE_BUFFER_RATIO, Type.DOUBLE,
            BoundedMemoryRocksDBConfig.DEFAULT_WRITE_BUFFER_RATIO, ConfigValidators.check(
                v -> BoundedMemoryRocksDBConfig.writeBufferRatioProblem((Double) v) == null,
                BoundedMemoryRocksDBConfig.writeBufferRatioProblem(0), "(0, 1)"), LOW,
            "share of that memory memtables may take");
    k.group("HTTP")
        .key(HTTP_PORT, Type.INT, 8080, ConfigDef.Range.between(-1, 65535), MEDIUM,
            "port of `/metrics`, `/health/live`, `/health/ready`, `/forecasts/{symbol}`; 0 = any"
                + " free port, -1 = no HTTP")
        .key(HTTP_HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), LOW, "bind address")
        .key(APPLICATION_SERVER, Type.STRING, "", ConfigValidators.check(
                v -> ((String) v).isEmpty() || ((String) v).matches("[^:\\s]+:\\d{1,5}"),
                "must be host:port", "host:port"), LOW,
            "this instance's `host:port` as other instances reach it, for `/forecasts/{symbol}`"
                + " redirects", "(none)");
    return k.def;
  }

  private static ConfigDef.Validator topic() {
    return ConfigValidators.matching(TOPIC, TOPIC_REASON);
  }

  /** {@link #WINDOW_JUMP_MAX_MOVE}: NaN for auto, infinity for off, the number, or null. */
  private static Double parseJump(String raw) {
    String v = raw.trim();
    if (v.equalsIgnoreCase("auto")) {
      return Double.NaN;
    }
    if (v.equalsIgnoreCase("off")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) && d > 0 ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Builds {@link #DEFINITION}: keys in README order, numbered within their group. */
  private static final class Keys {
    final ConfigDef def = new ConfigDef();
    private String group;
    private int order;

    Keys group(String name) {
      group = name;
      order = 0;
      return this;
    }

    Keys key(String name, Type type, Object defaultValue, ConfigDef.Validator validator,
        Importance importance, String doc) {
      return key(name, type, defaultValue, validator, importance, doc, null);
    }

    /** @param shownDefault the default as the docs show it, when not the value itself */
    Keys key(String name, Type type, Object defaultValue, ConfigDef.Validator validator,
        Importance importance, String doc, String shownDefault) {
      def.define(name, type, defaultValue, validator, importance, doc, group, ++order,
          ConfigDef.Width.MEDIUM, name, List.of(), null, shownDefault);
      return this;
    }
  }

  /** The explicit settings (file, environment, overrides), sorted; defaults not included. */
  private final Map<String, String> settings;
  private final WireFormat tickFormat;
  private final WireFormat forecastFormat;
  private final InferenceEngine inferenceEngine;
  private final Optional<RollForward> rollForward;
  private final Pattern symbolPattern;
  private final double jumpMaxMove;

  private AppConfig(Map<String, String> settings) {
    super(DEFINITION, settings, false);
    this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    tickFormat = EnumNames.parse(WireFormat.class, getString(TICK_FORMAT));
    forecastFormat = EnumNames.parse(WireFormat.class, getString(FORECAST_FORMAT));
    inferenceEngine = EnumNames.parse(InferenceEngine.class, getString(INFERENCE_ENGINE));
    String rf = getString(FORECAST_ROLL_FORWARD);
    rollForward = rf.equalsIgnoreCase(ROLL_FORWARD_FROM_ARTIFACT) ? Optional.empty()
        : Optional.of(EnumNames.parse(RollForward.class, rf));
    symbolPattern = Pattern.compile(getString(TICK_SYMBOL_PATTERN));
    jumpMaxMove = parseJump(getString(WINDOW_JUMP_MAX_MOVE));
    checkAcrossKeys();
  }

  /** The rules that involve more than one key (each key alone is checked by its validator). */
  private void checkAcrossKeys() {
    String ticks = ticksTopic();
    String forecasts = forecastsTopic();
    String deadLetter = deadLetterTopic();
    if (ticks.equals(forecasts) || ticks.equals(deadLetter) || forecasts.equals(deadLetter)) {
      throw new InvalidConfigException(TOPIC_DEAD_LETTER, deadLetter,
          "the ticks, forecasts and dead-letter topics must be three different topics");
    }
    if (modelDirIfSet().isEmpty() && !modelTopicEnabled()) {
      throw new InvalidConfigException(MODEL_DIR, null,
          "required: the directory of a model artifact written by the trainer (or set "
              + MODEL_TOPIC_ENABLE + "=true to take models from the models topic)");
    }
    if (priceMax() <= priceMin()) {
      throw new InvalidConfigException(TICK_PRICE_MAX, raw(TICK_PRICE_MAX),
          "must be above " + TICK_PRICE_MIN + " (" + priceMin() + ")");
    }
  }

  /**
   * Validates explicit settings, turning Kafka's {@link ConfigException} into an {@link
   * InvalidConfigException} with the key, the value as given and the reason.
   */
  private static AppConfig create(Map<String, String> settings) {
    try {
      return new AppConfig(settings);
    } catch (ConfigException e) {
      throw translate(e, settings);
    }
  }

  private static InvalidConfigException translate(ConfigException e, Map<String, String> settings) {
    String message = String.valueOf(e.getMessage());
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      String marker = " for configuration " + key.name;
      int at = message.indexOf(marker);
      int after = at + marker.length();
      if (at < 0 || (after < message.length() && !message.startsWith(": ", after))) {
        continue; // not this key (e.g. tickcast.model.topic inside tickcast.model.topic.enable)
      }
      String value = settings.containsKey(key.name) ? settings.get(key.name)
          : ConfigDef.convertToString(key.defaultValue, key.type);
      String reason;
      try {
        ConfigDef.parseType(key.name, value, key.type);
        String r = after < message.length() ? message.substring(after + 2) : "invalid";
        reason = Character.toLowerCase(r.charAt(0)) + r.substring(1);
      } catch (ConfigException typeError) {
        reason = switch (key.type) {
          case INT, SHORT -> "not an integer";
          case LONG -> "not a whole number";
          case DOUBLE -> "not a number";
          case BOOLEAN -> "must be true or false";
          default -> typeError.getMessage();
        };
      }
      return new InvalidConfigException(key.name, value, reason);
    }
    return new InvalidConfigException("configuration", null, message);
  }

  /**
   * Every known key with its default value as text ({@link #MODEL_DIR} has none: empty, and
   * required unless the models topic is on), in the order of {@link #DEFINITION}.
   */
  public static Map<String, String> defaultValues() {
    Map<String, String> d = new LinkedHashMap<>();
    DEFINITION.configKeys().values()
        .forEach(k -> d.put(k.name, ConfigDef.convertToString(k.defaultValue, k.type)));
    return Collections.unmodifiableMap(d);
  }

  /**
   * Configuration from explicit settings over the defaults, ignoring the environment (for
   * launchers and tests).
   *
   * @param settings key to value
   * @throws InvalidConfigException naming the first bad key and why
   */
  public static AppConfig of(Map<String, String> settings) {
    Map<String, String> v = new LinkedHashMap<>();
    putKnown(v, settings);
    return create(v);
  }

  /**
   * Configuration from a properties file (optional) with environment-variable overrides.
   *
   * @param propertiesFile a {@code .properties} file, or null for defaults and environment only
   * @param env the environment, usually {@link System#getenv()}
   * @throws InvalidConfigException if the file cannot be read or a value is invalid
   */
  public static AppConfig load(Path propertiesFile, Map<String, String> env) {
    return load(propertiesFile, env, Map.of());
  }

  /**
   * Configuration from a properties file (optional), environment variables and command-line
   * overrides, later wins.
   *
   * @param propertiesFile a {@code .properties} file, or null for defaults and environment only
   * @param env the environment, usually {@link System#getenv()}
   * @param overrides key to value from the command line (e.g. {@code serve --model DIR}); an
   *     unknown key is an error
   * @throws InvalidConfigException if the file cannot be read, a key is unknown or a value is
   *     invalid
   */
  public static AppConfig load(Path propertiesFile, Map<String, String> env,
      Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>();
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
      if (isKnown(key)) {
        v.put(key, e.getValue().trim());
      } else {
        LOG.debug("ignoring environment variable {}: not a stream-app setting", e.getKey());
      }
    }
    putKnown(v, overrides);
    return create(v);
  }

  /** The environment variable that overrides a key. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static boolean isKnown(String key) {
    return DEFINITION.names().contains(key) || key.startsWith(STREAMS_PREFIX);
  }

  private static void putKnown(Map<String, String> into, Map<String, String> settings) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      checkKnown(e.getKey(), e.getValue());
      into.put(e.getKey(), e.getValue());
    }
  }

  private static void checkKnown(String key, String value) {
    if (!isKnown(key)) {
      throw new InvalidConfigException(key, value, "unknown key; known keys are "
          + DEFINITION.names() + " and " + STREAMS_PREFIX + "<kafka streams config>");
    }
  }

  /** The value as given, else the default as text. */
  private String raw(String key) {
    return settings.containsKey(key) ? settings.get(key) : defaultValues().get(key);
  }

  /** All settings as text (defaults, then the explicit settings), sorted by key. */
  public Map<String, String> asMap() {
    Map<String, String> all = new TreeMap<>(defaultValues());
    all.putAll(settings);
    return Collections.unmodifiableMap(all);
  }

  /**
   * A copy with some settings replaced, validated again.
   *
   * @throws InvalidConfigException for an unknown key or an invalid value
   */
  public AppConfig with(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(settings);
    putKnown(v, overrides);
    return create(v);
  }

  /** {@value #BOOTSTRAP_SERVERS}. */
  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS);
  }

  /** {@value #APPLICATION_ID}. */
  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  /** {@value #TOPIC_TICKS}. */
  public String ticksTopic() {
    return getString(TOPIC_TICKS);
  }

  /** {@value #TOPIC_FORECASTS}. */
  public String forecastsTopic() {
    return getString(TOPIC_FORECASTS);
  }

  /** {@value #TOPIC_DEAD_LETTER}. */
  public String deadLetterTopic() {
    return getString(TOPIC_DEAD_LETTER);
  }

  /** {@value #TICK_FORMAT}. */
  public WireFormat tickFormat() {
    return tickFormat;
  }

  /** {@value #FORECAST_FORMAT}. */
  public WireFormat forecastFormat() {
    return forecastFormat;
  }

  /** {@value #STATE_ROCKSDB_MEMORY_BYTES}, bytes; empty when 0 (no bound). */
  public OptionalLong rocksDbMemoryBytes() {
    long v = getLong(STATE_ROCKSDB_MEMORY_BYTES);
    return v == 0 ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** {@value #STATE_ROCKSDB_WRITE_BUFFER_RATIO}, in (0, 1). */
  public double rocksDbWriteBufferRatio() {
    return getDouble(STATE_ROCKSDB_WRITE_BUFFER_RATIO);
  }

  /** {@value #STATE_DIR}. */
  public Path stateDir() {
    return Path.of(getString(STATE_DIR));
  }

  /** {@value #MODEL_DIR}; the empty path when not set (see {@link #modelDirIfSet()}). */
  public Path modelDir() {
    return Path.of(getString(MODEL_DIR));
  }

  /** {@value #MODEL_POLL_INTERVAL_MS}; zero when hot reload is off. */
  public Duration modelPollInterval() {
    return Duration.ofMillis(getInt(MODEL_POLL_INTERVAL_MS));
  }

  /** {@value #MODEL_DIR}, or empty when not set (allowed with the models topic on). */
  public Optional<Path> modelDirIfSet() {
    String raw = getString(MODEL_DIR);
    return raw.isEmpty() ? Optional.empty() : Optional.of(Path.of(raw));
  }

  /** {@value #MODEL_TOPIC_ENABLE}. */
  public boolean modelTopicEnabled() {
    return getBoolean(MODEL_TOPIC_ENABLE);
  }

  /** {@value #MODEL_TOPIC}. */
  public String modelTopic() {
    return getString(MODEL_TOPIC);
  }

  /** {@value #MODEL_NAME}. */
  public String modelName() {
    return getString(MODEL_NAME);
  }

  /** {@value #MODEL_TOPIC_WAIT_MS}. */
  public Duration modelTopicWait() {
    return Duration.ofMillis(getInt(MODEL_TOPIC_WAIT_MS));
  }

  /** {@value #BATCH_MAX_SIZE}. */
  public int batchMaxSize() {
    return getInt(BATCH_MAX_SIZE);
  }

  /** {@value #BATCH_MAX_DELAY_MS}. */
  public Duration batchMaxDelay() {
    return Duration.ofMillis(getInt(BATCH_MAX_DELAY_MS));
  }

  /** {@value #INFERENCE_ENGINE}. */
  public InferenceEngine inferenceEngine() {
    return inferenceEngine;
  }

  /**
   * {@value #FORECAST_ROLL_FORWARD}: the variant that overrides the model's, or empty for {@value
   * #ROLL_FORWARD_FROM_ARTIFACT}.
   */
  public Optional<RollForward> rollForward() {
    return rollForward;
  }

  /** {@value #FORECAST_PATH_EVERY_TICKS}, K >= 1. */
  public int pathEveryTicks() {
    return getInt(FORECAST_PATH_EVERY_TICKS);
  }

  /** {@value #HTTP_PORT}; -1 when HTTP is off, 0 for a free port. */
  public int httpPort() {
    return getInt(HTTP_PORT);
  }

  /** {@value #HTTP_HOST}. */
  public String httpHost() {
    return getString(HTTP_HOST);
  }

  /** {@value #APPLICATION_SERVER}, if set. */
  public Optional<String> applicationServer() {
    String s = getString(APPLICATION_SERVER);
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** {@value #PROCESSING_GUARANTEE}. */
  public String processingGuarantee() {
    return getString(PROCESSING_GUARANTEE);
  }

  /**
   * {@value #INFERENCE_THREADS}, resolved: at least 1; {@link #numStreamThreads()} when set to 0.
   */
  public int inferenceThreads() {
    int n = getInt(INFERENCE_THREADS);
    return n == 0 ? numStreamThreads() : n;
  }

  /** {@value #NUM_STREAM_THREADS}. */
  public int numStreamThreads() {
    return getInt(NUM_STREAM_THREADS);
  }

  /** {@value #TOPICS_CREATE}. */
  public boolean createTopics() {
    return getBoolean(TOPICS_CREATE);
  }

  /** {@value #TOPICS_PARTITIONS}; empty for the broker default. */
  public Optional<Integer> topicPartitions() {
    int p = getInt(TOPICS_PARTITIONS);
    return p < 0 ? Optional.empty() : Optional.of(p);
  }

  /** {@value #TOPICS_REPLICATION_FACTOR}; empty for the broker default. */
  public Optional<Short> topicReplicationFactor() {
    int r = getInt(TOPICS_REPLICATION_FACTOR);
    return r < 0 ? Optional.empty() : Optional.of((short) r);
  }

  /** {@value #TICK_SYMBOL_PATTERN}, compiled. */
  public Pattern symbolPattern() {
    return symbolPattern;
  }

  /** {@value #TICK_PRICE_MIN}, price units. */
  public double priceMin() {
    return getDouble(TICK_PRICE_MIN);
  }

  /** {@value #TICK_PRICE_MAX}, price units. */
  public double priceMax() {
    return getDouble(TICK_PRICE_MAX);
  }

  /** {@value #TICK_TIME_MIN_MS}, epoch ms. */
  public long timeMinMs() {
    return getLong(TICK_TIME_MIN_MS);
  }

  /** {@value #TICK_FUTURE_SKEW_WALL_MS}; 0: off. */
  public long futureSkewWallMs() {
    return getLong(TICK_FUTURE_SKEW_WALL_MS);
  }

  /** {@value #TICK_FUTURE_SKEW_WINDOW_MS}; 0: off. */
  public long futureSkewWindowMs() {
    return getLong(TICK_FUTURE_SKEW_WINDOW_MS);
  }

  /** {@value #GUARD_INPUT_MARGIN}. */
  public double guardInputMargin() {
    return getDouble(GUARD_INPUT_MARGIN);
  }

  /** {@value #GUARD_OUTPUT_MAX_RATIO}. */
  public double guardOutputMaxRatio() {
    return getDouble(GUARD_OUTPUT_MAX_RATIO);
  }

  /**
   * {@value #WINDOW_JUMP_MAX_MOVE}: NaN for {@code auto}, infinity for {@code off}, else the
   * number.
   */
  public double jumpMaxMove() {
    return jumpMaxMove;
  }

  /** {@value #WINDOW_JUMP_QUANTILE_MULTIPLE}. */
  public double jumpQuantileMultiple() {
    return getDouble(WINDOW_JUMP_QUANTILE_MULTIPLE);
  }

  /** {@value #WINDOW_GAP_MAX_INTERVALS}; 0: off. */
  public double gapMaxIntervals() {
    return getDouble(WINDOW_GAP_MAX_INTERVALS);
  }

  /** {@value #WINDOW_GAP_MIN_MS}, ms, at least 0. */
  public long gapMinMs() {
    return getLong(WINDOW_GAP_MIN_MS);
  }

  /** {@value #WINDOW_IDLE_TTL_MS}; 0: never. */
  public long idleTtlMs() {
    return getLong(WINDOW_IDLE_TTL_MS);
  }

  /** The {@value #STREAMS_PREFIX} settings with the prefix removed. */
  public Map<String, String> streamsOverrides() {
    Map<String, String> out = new TreeMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith(STREAMS_PREFIX)) {
        out.put(k.substring(STREAMS_PREFIX.length()), v);
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return "AppConfig" + asMap();
  }
}
