package io.tickcast.streams.topology;

import static io.tickcast.streams.topology.TopologyFixture.START;
import static io.tickcast.streams.topology.TopologyFixture.tick;
import static io.tickcast.streams.topology.TopologyFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecast-integrity rules through the real topology (stream-app/README.md). */
class IntegrityTopologyTest {
  private static final Duration DELAY = Duration.ofMillis(20);
  private static final IntegrityPolicy NO_WALL_CHECK = IntegrityPolicy.defaults().withWallSkewMs(0);

  @TempDir Path tmp;

  private TopologyFixture fixture(IntegrityPolicy policy) {
    return fixture(policy, WireFormat.AVRO);
  }

  private TopologyFixture fixture(IntegrityPolicy policy, WireFormat format) {
    return new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"), format, 1, DELAY, null,
        1, policy);
  }

  private static List<String> reasons(TopologyFixture fx) {
    List<String> out = new ArrayList<>();
    while (!fx.deadLetters.isEmpty()) {
      var h = fx.deadLetters.readRecord().headers().lastHeader(DeadLetterHeaders.REASON);
      out.add(new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Tick at(String symbol, Instant t, double price) {
    return Tick.newBuilder().setSymbol(symbol).setTimestamp(t).setPrice(price).build();
  }

  @Test
  void aWindowOutsideTheTrainingRangeGetsAWithheldRecordWithoutNumbers() {
    // No profile in this model.json: first-price falls back to [-0.9, 9] (0.1x..10x the base).
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK.withJumpMaxMove(Double.POSITIVE_INFINITY))) {
      fx.sendSeries("A", new double[] {100, 100, 1100});
      Forecast f = fx.forecasts.readValue();
      // 1100/100 - 1 = 10 > 9
      assertThat(f.getStatus()).isEqualTo("withheld_input_out_of_range");
      assertThat(f.getNextStep()).isNaN();
      assertThat(f.getPath()).isEmpty();
      assertThat(f.getLastTickPrice()).isEqualTo(1100.0);
      assertThat(fx.counter("tickcast.forecasts.withheld", "reason", "input_out_of_range"))
          .isEqualTo(1.0);
      assertThat(fx.counter("tickcast.forecasts.failed")).isZero();
      assertThat(fx.counter("tickcast.forecasts.emitted")).isZero();
      // A tiny base price overflows p/p0 to infinity: not forecast either.
      fx.sendSeries("B", new double[] {1e-9, 1e9, 1e9});
      assertThat(fx.forecasts.readValue().getStatus()).isEqualTo("withheld_input_out_of_range");
    }
  }

  @Test
  void aNegativeForecastIsWithheld() {
    // first-price: next = p_last + bias * p0 = 100 - 2 * 100 < 0
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        -2.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK)) {
      fx.sendSeries("A", new double[] {100, 100, 100});
      Forecast f = fx.forecasts.readValue();
      assertThat(f.getStatus()).isEqualTo("withheld_output_non_positive");
      assertThat(f.getNextStep()).isNaN();
      assertThat(fx.counter("tickcast.forecasts.withheld", "reason", "output_non_positive"))
          .isEqualTo(1.0);
    }
  }

  @Test
  void aForecastFartherThanTheRatioBoundIsWithheld() {
    // next = 100 + 1.5 * 100 = 250 > 2 x 100
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        1.5);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK)) {
      fx.sendSeries("A", new double[] {100, 100, 100});
      assertThat(fx.forecasts.readValue().getStatus()).isEqualTo("withheld_output_out_of_bound");
    }
  }

  @Test
  void implausibleTicksGoToTheDeadLetterTopicWithTheirOwnReasons() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(IntegrityPolicy.defaults())) {
      fx.send(at("A", START, 1e12));
      fx.send(at("A", START, Double.MAX_VALUE));
      fx.send(at("A", START, 1e-12));
      fx.send(at("A", Instant.ofEpochMilli(1_704_153_600L), 100)); // 2024-01-02 in epoch seconds
      fx.send(at("A", START.plus(Duration.ofHours(1)), 100)); // wall clock stands at START
      fx.send(at("A", START, 100));
      fx.send(at("A", START.plus(Duration.ofDays(31)), 100)); // ahead of the window by > 30 days
      fx.send(at("A", START.plusSeconds(60), 100));
      assertThat(reasons(fx)).containsExactly("price_out_of_range", "price_out_of_range",
          "price_out_of_range", "timestamp_seconds", "future_timestamp", "future_timestamp");
      assertThat(fx.counter("tickcast.ticks.rejected", "reason", "future_timestamp")).isEqualTo(2.0);
      assertThat(fx.counter("tickcast.ticks.accepted")).isEqualTo(2.0);
    }
  }

  @Test
  void aFarFutureTickNeverBecomesTheWindowsNewest() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK)) {
      fx.send(tick("A", 0, 100));
      fx.send(at("A", Instant.parse("2500-01-01T00:00:00Z"), 100));
      for (int i = 1; i < 4; i++) {
        fx.send(tick("A", i, 100 + i));
      }
      assertThat(reasons(fx)).containsExactly("future_timestamp");
      assertThat(fx.drainForecasts()).hasSize(2)
          .allSatisfy(f -> assertThat(f.getStatus()).isEqualTo("ok"));
    }
  }

  @Test
  void jsonPricesAsPlainDecimalStringsAreReadAndGroupedOnesRejected() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK, WireFormat.JSON)) {
      long t0 = START.toEpochMilli();
      for (int i = 0; i < 3; i++) {
        fx.ticks.pipeInput(utf8("A"), utf8("{\"symbol\":\"A\",\"timestamp\":" + (t0 + 60_000L * i)
            + ",\"price\":\"145" + i + ".5\"}"));
      }
      fx.ticks.pipeInput(utf8("A"), utf8("{\"symbol\":\"A\",\"timestamp\":" + (t0 + 180_000L)
          + ",\"price\":\"1,455.22\"}"));
      fx.ticks.pipeInput(utf8("A"), utf8("{\"symbol\":\"A\",\"timestamp\":" + (t0 + 180_000L)
          + ",\"price\":\"1.455,22\"}"));
      assertThat(fx.forecasts.readValue().getLastTickPrice()).isEqualTo(1452.5);
      assertThat(reasons(fx)).containsExactly("price_format", "price_format");
    }
  }

  @Test
  void aSplitRestartsTheWindowSoNoForecastMixesBothSides() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK)) {
      // 4:1 split between minutes 3 and 4: ln 4 > ln 2 (the fallback limit without a profile).
      fx.sendSeries("A", new double[] {100, 101, 102, 103, 25.5, 25.6, 25.7, 25.8});
      List<Forecast> out = fx.drainForecasts();
      // windows ending at minutes 2, 3 (pre-split) and 6, 7 (three post-split ticks each)
      assertThat(out).extracting(Forecast::getLastTickPrice).containsExactly(102.0, 103.0, 25.7,
          25.8);
      assertThat(out.get(2).getNextStep()).isCloseTo(25.7, within(1e-9));
      assertThat(fx.counter("tickcast.windows.restarted", "reason", "price_jump")).isEqualTo(1.0);
    }
  }

  @Test
  void aHaltRestartsAnIntradayWindowButAWeekendDoesNotRestartADailyOne() {
    Models.lastValuePlus(tmp.resolve("model"), 6, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK)) {
      for (int i = 0; i < 6; i++) {
        fx.send(tick("MIN", i, 100));
      }
      fx.send(tick("MIN", 5 + 90, 100)); // 90 minutes later: > 10 x the 1-minute median
      // ticks 5 ms apart, then a 60 ms pause: > 10 x the median, but not a halt (< 5 minutes)
      Instant start = Instant.parse("2024-01-08T09:00:00Z");
      for (int i = 0; i < 6; i++) {
        fx.send(at("FAST", start.plusMillis(5L * i), 100));
      }
      fx.send(at("FAST", start.plusMillis(25 + 60), 100));
      // daily: Mon..Fri, then Monday (3 days) - not more than 10 x 1 day
      Instant monday = Instant.parse("2024-01-08T00:00:00Z");
      for (int d : new int[] {0, 1, 2, 3, 4, 7}) {
        fx.send(at("DAY", monday.plus(Duration.ofDays(d)), 100));
      }
      List<Forecast> out = fx.drainForecasts();
      assertThat(out).extracting(Forecast::getSymbol).containsExactly("MIN", "FAST", "FAST", "DAY");
      assertThat(fx.counter("tickcast.windows.restarted", "reason", "gap")).isEqualTo(1.0);
    }
  }

  @Test
  void idleWindowsAreRemovedAndTheTrackedGaugeFollowsTheStore() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    try (TopologyFixture fx = fixture(NO_WALL_CHECK.withIdleTtlMs(Duration.ofHours(1).toMillis()))) {
      fx.send(tick("OLD", 0, 100));
      fx.send(tick("NEW", 0, 100));
      assertThat(fx.registry.get("tickcast.symbols.tracked").gauge().value()).isEqualTo(2.0);
      fx.send(tick("NEW", 61, 100)); // event time moves 61 minutes past OLD's newest tick
      fx.driver.advanceWallClockTime(Duration.ofMillis(ForecastProcessor.EVICTION_INTERVAL_MS));
      assertThat(fx.counter("tickcast.windows.evicted")).isEqualTo(1.0);
      assertThat(fx.registry.get("tickcast.symbols.tracked").gauge().value()).isEqualTo(1.0);
      var store = fx.driver.<String, Object>getKeyValueStore(ForecastTopology.WINDOW_STORE);
      assertThat(store.get("OLD")).isNull();
      assertThat(store.get("NEW")).isNotNull();
    }
  }

  @Test
  void theSymbolRuleIsAConfigurablePattern() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.FIRST_PRICE, RollForward.SEED,
        0.0);
    IntegrityPolicy upperOnly = IntegrityPolicy.from(io.tickcast.streams.config.AppConfig.of(
        java.util.Map.of("tickcast.model.dir", "unused", "tickcast.tick.symbol.pattern",
            "[A-Z]{1,5}", "tickcast.tick.future.skew.wall.ms", "0")));
    try (TopologyFixture fx = fixture(upperOnly)) {
      fx.send(tick("spx", 0, 100));
      fx.send(tick("SPXLONG", 0, 100));
      fx.send(tick("SPX", 0, 100));
      assertThat(reasons(fx)).containsExactly("invalid_symbol", "invalid_symbol");
    }
  }

  @Test
  void theAppReadsRecordTimestampsWithTheTolerantExtractor() {
    // TopologyTestDriver refuses negative timestamps, so the fallback itself is tested below.
    var props = io.tickcast.streams.StreamApp.streamsProperties(
        io.tickcast.streams.config.AppConfig.of(java.util.Map.of("tickcast.model.dir", "m")));
    assertThat(props.get(org.apache.kafka.streams.StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG))
        .isEqualTo(InvalidTimestampTolerantExtractor.class);
  }

  @Test
  void theExtractorFallsBackToPartitionTimeThenWallClock() {
    var x = new InvalidTimestampTolerantExtractor();
    var valid = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("t", 0, 0,
        5L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, null, null,
        new RecordHeaders(), java.util.Optional.empty());
    var invalid = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("t", 0, 0,
        -1L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, null, null,
        new RecordHeaders(), java.util.Optional.empty());
    assertThat(x.extract(valid, 99L)).isEqualTo(5L);
    assertThat(x.extract(invalid, 99L)).isEqualTo(99L);
    long before = System.currentTimeMillis();
    assertThat(x.extract(invalid, -1L)).isBetween(before, System.currentTimeMillis());
  }
}
