package io.tickcast.streams.topology;

import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.metrics.TickcastMetrics;
import io.tickcast.streams.window.TickWindowSerde;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the forecasting topology:
 *
 * <pre>
 * ticks (bytes) ─ validate ─┬─ rejected ───────────────────────────────┐
 *                           ├─ keyed ──────────────┐                   ├─ dead letters → DLQ topic
 *                           └─ unkeyed ─ repartition by symbol ─┤      │
 *                                                   forecast ─┬─ out-of-order ─┘
 *                  (stores: tick-windows,                     └─ forecasts → forecasts topic
 *                   latest-forecasts)
 * </pre>
 *
 * <p>Both stores are persistent (RocksDB), cached and changelogged. {@value #LATEST_STORE} answers
 * interactive queries.
 */
public final class ForecastTopology {
  /**
   * Per-symbol window store: symbol → last W ticks, the full windows queued for inference (sharing
   * those ticks) and the previous forecast's scoring state ({@link
   * io.tickcast.streams.window.TickWindow}).
   */
  public static final String WINDOW_STORE = "tick-windows";
  /**
   * Latest forecast per symbol, Avro-encoded ({@link io.tickcast.schemas.serde.ForecastCodec}),
   * for interactive queries.
   */
  public static final String LATEST_STORE = "latest-forecasts";
  /** Name of the internal repartition topic for null-key ticks (prefixed with the application id). */
  public static final String REPARTITION = "ticks-by-symbol";

  /**
   * What the topology needs from the configuration.
   *
   * @param ticksTopic input topic
   * @param forecastsTopic output topic
   * @param deadLetterTopic dead-letter topic
   * @param tickFormat wire format of ticks
   * @param forecastFormat wire format of forecasts
   * @param batchMaxSize most windows per inference call, >= 1
   * @param batchMaxDelay wall-clock interval of the flushing punctuation
   * @param pathEveryTicks K >= 1: per symbol, only every K-th full window gets the H-step path
   * @param integrity the input plausibility, window and output-guard rules
   */
  public record Settings(
      String ticksTopic,
      String forecastsTopic,
      String deadLetterTopic,
      WireFormat tickFormat,
      WireFormat forecastFormat,
      int batchMaxSize,
      Duration batchMaxDelay,
      int pathEveryTicks,
      IntegrityPolicy integrity) {

    /** Settings with the default {@link IntegrityPolicy}. */
    public Settings(String ticksTopic, String forecastsTopic, String deadLetterTopic,
        WireFormat tickFormat, WireFormat forecastFormat, int batchMaxSize, Duration batchMaxDelay,
        int pathEveryTicks) {
      this(ticksTopic, forecastsTopic, deadLetterTopic, tickFormat, forecastFormat, batchMaxSize,
          batchMaxDelay, pathEveryTicks, IntegrityPolicy.defaults());
    }

    /** The settings of an app configuration. */
    public static Settings from(AppConfig c) {
      return new Settings(c.ticksTopic(), c.forecastsTopic(), c.deadLetterTopic(), c.tickFormat(),
          c.forecastFormat(), c.batchMaxSize(), c.batchMaxDelay(), c.pathEveryTicks(),
          IntegrityPolicy.from(c));
    }
  }

  private ForecastTopology() {}

  /**
   * Builds the topology.
   *
   * @param s topics, formats and batch limits
   * @param model the served model
   * @param metrics where to count
   * @return the topology (consumes and produces bytes on the ticks and dead-letter topics)
   */
  public static Topology build(Settings s, ModelHolder model, TickcastMetrics metrics) {
    StreamsBuilder b = new StreamsBuilder();
    // Record caches: a symbol's several writes within one commit reach the changelog as one.
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
        Serdes.String(), new TickWindowSerde()).withLoggingEnabled(Map.of())
        .withCachingEnabled());
    // Avro-encoded forecasts (ForecastCodec), the bytes the processor also forwards to the sink.
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST_STORE),
        Serdes.String(), Serdes.ByteArray()).withLoggingEnabled(Map.of())
        .withCachingEnabled());

    KStream<byte[], byte[]> raw = b.stream(s.ticksTopic(),
        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withTimestampExtractor(new InvalidTimestampTolerantExtractor()).withName("ticks"));
    KStream<String, Routed> routed = raw.process(
        () -> new TickValidationProcessor(s.tickFormat(), model, metrics, s.integrity()),
        Named.as("validate"));
    Map<String, KStream<String, Routed>> branches = routed.split(Named.as("route-"))
        .branch((k, v) -> v instanceof DeadLetter, Branched.as("rejected"))
        .branch((k, v) -> v instanceof Routed.Accepted a && !a.keyed(), Branched.as("unkeyed"))
        .defaultBranch(Branched.as("keyed"));

    KStream<String, AcceptedTick> keyed = branches.get("route-keyed")
        .mapValues(v -> ((Routed.Accepted) v).tick(), Named.as("keyed-ticks"));
    KStream<String, AcceptedTick> rekeyed = branches.get("route-unkeyed")
        .mapValues(v -> ((Routed.Accepted) v).tick(), Named.as("unkeyed-ticks"))
        .repartition(Repartitioned.with(Serdes.String(), new AcceptedTickSerde())
            .withName(REPARTITION));

    KStream<String, Emitted> emitted = keyed.merge(rekeyed, Named.as("all-ticks")).process(
        () -> new ForecastProcessor(model, metrics, s.batchMaxSize(), s.batchMaxDelay(),
            s.pathEveryTicks(), s.integrity(), s.forecastFormat()),
        Named.as("forecast"), WINDOW_STORE, LATEST_STORE);
    Map<String, KStream<String, Emitted>> out = emitted.split(Named.as("emit-"))
        .branch((k, v) -> v instanceof DeadLetter, Branched.as("rejected"))
        .defaultBranch(Branched.as("forecasts"));
    // The forecast processor encoded each forecast once; the sink writes those bytes.
    out.get("emit-forecasts")
        .mapValues(v -> ((Emitted.Forecast) v).bytes(), Named.as("forecast-values"))
        .to(s.forecastsTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())
            .withName("forecasts"));

    branches.get("route-rejected").mapValues(v -> (DeadLetter) v, Named.as("invalid-ticks"))
        .merge(out.get("emit-rejected").mapValues(v -> (DeadLetter) v, Named.as("late-ticks")),
            Named.as("all-dead-letters"))
        .process(() -> new DeadLetterProcessor(metrics), Named.as("dead-letter"))
        .to(s.deadLetterTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName("dead-letters"));
    return b.build();
  }
}
