package io.tickcast.streams.topology;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.ForecastDeserializer;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.StreamApp;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.metrics.TickcastMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} around {@link ForecastTopology} with a model artifact on disk,
 * wired as {@link StreamApp} wires it: from an {@link AppConfig}, with its Kafka Streams
 * properties.
 */
final class TopologyFixture implements AutoCloseable {
  static final String TICKS = "ticks";
  static final String FORECASTS = "forecasts";
  static final String DLQ = "ticks.dlq";
  static final Instant START = Instant.parse("2024-01-02T00:00:00Z");

  final ModelHolder holder;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final TickcastMetrics metrics;
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> ticks;
  final TestOutputTopic<String, Forecast> forecasts;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  final WireFormat tickFormat;
  /** The Kafka Streams properties the driver runs with: {@link StreamApp#streamsProperties}. */
  final Properties streamsProperties;

  /**
   * @param modelDir an artifact directory
   * @param stateDir Kafka Streams state directory
   * @param maxBatch batch limit; 1 forecasts each window at once
   * @param maxDelay punctuation interval
   */
  TopologyFixture(Path modelDir, Path stateDir, WireFormat tickFormat, int maxBatch,
      Duration maxDelay) {
    this(modelDir, stateDir, tickFormat, maxBatch, maxDelay, null, 1);
  }

  /**
   * @param rollForward configured roll-forward override, or null for the model's own
   * @param pathEveryTicks K: only every K-th full window of a symbol gets the H-step path
   */
  TopologyFixture(Path modelDir, Path stateDir, WireFormat tickFormat, int maxBatch,
      Duration maxDelay, RollForward rollForward, int pathEveryTicks) {
    // The driver's wall clock stands still at START while ticks run ahead of it: no wall-clock
    // skew check unless a test asks for one.
    this(modelDir, stateDir, tickFormat, maxBatch, maxDelay, rollForward, pathEveryTicks,
        IntegrityPolicy.defaults().withWallSkewMs(0));
  }

  /** @param integrity the integrity rules (production defaults: {@link IntegrityPolicy#defaults()}) */
  TopologyFixture(Path modelDir, Path stateDir, WireFormat tickFormat, int maxBatch,
      Duration maxDelay, RollForward rollForward, int pathEveryTicks, IntegrityPolicy integrity) {
    // The production wiring: an app configuration, its Kafka Streams properties (exactly-once,
    // transaction timeout, RocksDB config setter) and its topology settings.
    Map<String, String> c = new HashMap<>();
    c.put(AppConfig.MODEL_DIR, modelDir.toString());
    c.put(AppConfig.APPLICATION_ID, "tickcast-test");
    c.put(AppConfig.BOOTSTRAP_SERVERS, "unused:9092");
    c.put(AppConfig.STATE_DIR, stateDir.toString());
    c.put(AppConfig.TOPIC_TICKS, TICKS);
    c.put(AppConfig.TOPIC_FORECASTS, FORECASTS);
    c.put(AppConfig.TOPIC_DEAD_LETTER, DLQ);
    c.put(AppConfig.TICK_FORMAT, tickFormat.name().toLowerCase(Locale.ROOT));
    c.put(AppConfig.FORECAST_FORMAT, "avro");
    c.put(AppConfig.BATCH_MAX_SIZE, Integer.toString(maxBatch));
    c.put(AppConfig.BATCH_MAX_DELAY_MS, Long.toString(maxDelay.toMillis()));
    c.put(AppConfig.FORECAST_PATH_EVERY_TICKS, Integer.toString(pathEveryTicks));
    if (rollForward != null) {
      c.put(AppConfig.FORECAST_ROLL_FORWARD, rollForward.configName());
    }
    AppConfig config = AppConfig.of(c);
    LoadedModel model = ModelArtifact.load(modelDir);
    this.tickFormat = tickFormat;
    holder = new ModelHolder(model, config.inferenceEngine(), config.rollForward().orElse(null));
    metrics = new TickcastMetrics(registry, config.batchMaxSize());
    metrics.modelInfo(model, holder.rollForward(model));
    holder.onReplace(m -> metrics.modelInfo(m, holder.rollForward(m)));
    ForecastTopology.Settings s = ForecastTopology.Settings.from(config);
    var settings = new ForecastTopology.Settings(s.ticksTopic(), s.forecastsTopic(),
        s.deadLetterTopic(), s.tickFormat(), s.forecastFormat(), s.batchMaxSize(),
        s.batchMaxDelay(), s.pathEveryTicks(), integrity);
    streamsProperties = StreamApp.streamsProperties(config);
    driver = new TopologyTestDriver(ForecastTopology.build(settings, holder, metrics),
        streamsProperties, START);
    ticks = driver.createInputTopic(TICKS, new ByteArraySerializer(), new ByteArraySerializer());
    forecasts = driver.createOutputTopic(FORECASTS, new StringDeserializer(),
        new ForecastDeserializer(WireFormat.AVRO));
    deadLetters = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  static Tick tick(String symbol, long minute, double price) {
    return Tick.newBuilder().setSymbol(symbol).setTimestamp(START.plusSeconds(60 * minute))
        .setPrice(price).build();
  }

  byte[] bytes(Tick t) {
    return TickCodec.encode(t, tickFormat);
  }

  static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /** Sends a tick keyed by its symbol. */
  void send(Tick t) {
    ticks.pipeInput(utf8(t.getSymbol()), bytes(t));
  }

  /** Sends raw bytes with headers. */
  void sendRaw(byte[] key, byte[] value, Headers headers) {
    ticks.pipeInput(new TestRecord<>(key, value, headers == null ? new RecordHeaders() : headers,
        START));
  }

  /** Sends a price series for a symbol, one tick a minute from minute 0, keyed. */
  void sendSeries(String symbol, double[] prices) {
    for (int i = 0; i < prices.length; i++) {
      send(tick(symbol, i, prices[i]));
    }
  }

  List<Forecast> drainForecasts() {
    List<Forecast> out = new ArrayList<>();
    while (!forecasts.isEmpty()) {
      out.add(forecasts.readValue());
    }
    return out;
  }

  double counter(String name, String... tags) {
    var search = registry.find(name);
    if (tags.length > 0) {
      search = search.tags(tags);
    }
    var c = search.counter();
    return c == null ? Double.NaN : c.count();
  }

  @Override
  public void close() {
    driver.close();
    registry.close();
  }
}
