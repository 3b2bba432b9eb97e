package io.tickcast.streams.topology;

import static io.tickcast.streams.topology.TopologyFixture.tick;
import static io.tickcast.streams.topology.TopologyFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ForecastTopologyTest {
  private static final Duration DELAY = Duration.ofMillis(100);

  @TempDir Path tmp;

  private TopologyFixture fixture(ModelMetadata ignored, int maxBatch) {
    return new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"), WireFormat.AVRO,
        maxBatch, DELAY);
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void assertPath(Forecast f, double... expected) {
    assertThat(f.getPath()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(f.getPath().get(i)).as("path[%d]", i).isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void noForecastForTheFirstWMinusOneTicksThenOnePerTick() {
    ModelMetadata meta = Models.lastValuePlus(tmp.resolve("model"), 5, 3, Normalisation.NONE,
        RollForward.SEED, 0.5);
    try (TopologyFixture fx = fixture(meta, 1)) {
      for (int i = 0; i < 4; i++) {
        fx.send(tick("SPX", i, 10 + i));
      }
      assertThat(fx.forecasts.isEmpty()).isTrue();
      fx.send(tick("SPX", 4, 14));
      var out = fx.forecasts.readKeyValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).key).isEqualTo("SPX");
      Forecast f = out.get(0).value;
      // none normalisation: next = p_last + 0.5; the seed roll-forward adds 0.5 per step.
      assertThat(f.getNextStep()).isCloseTo(14.5, within(1e-9));
      assertPath(f, 14.5, 15.0, 15.5);
      assertThat(f.getLastTickPrice()).isEqualTo(14.0);
      assertThat(f.getLastTickTime()).isEqualTo(TopologyFixture.START.plusSeconds(240));
      assertThat(f.getModelVersion()).isEqualTo(meta.modelVersion());
      assertThat(f.getRollForward()).isEqualTo("seed");
      for (int i = 5; i < 8; i++) {
        fx.send(tick("SPX", i, 10 + i));
      }
      List<Forecast> next = fx.drainForecasts();
      assertThat(next).extracting(Forecast::getNextStep).containsExactly(15.5, 16.5, 17.5);
      assertThat(fx.counter("tickcast.forecasts.emitted")).isEqualTo(4.0);
      assertThat(fx.registry.get("tickcast.symbols.tracked").gauge().value()).isEqualTo(1.0);
    }
  }

  @ParameterizedTest
  @EnumSource(RollForward.class)
  void firstPriceForecastsDenormaliseOnTheWindowsFirstPrice(RollForward variant) {
    Models.lastValuePlus(tmp.resolve("model"), 3, 3, Normalisation.FIRST_PRICE, variant, 0.01);
    try (TopologyFixture fx = fixture(null, 1)) {
      fx.sendSeries("SPX", new double[] {100, 102, 104});
      Forecast f = fx.forecasts.readValue();
      // n_last = 104/100 - 1 = 0.04; output 0.05 -> 100 * 1.05 = 105.
      assertThat(f.getNextStep()).isCloseTo(105.0, within(1e-9));
      if (variant != RollForward.RENORMALISE) {
        // stays on base 100: +0.01 * 100 per step (carry-state too: a last-row model has no
        // state to carry, so it is the seed arithmetic)
        assertPath(f, 105.0, 106.0, 107.0);
      } else {
        // re-based each step: 104 + 1.00, then 105 + 0.01 * 102, then 106.02 + 0.01 * 104
        assertPath(f, 105.0, 106.02, 107.06);
      }
      assertThat(f.getRollForward()).isEqualTo(variant.configName());
    }
  }

  @Test
  void interleavedSymbolsGiveTheSameForecastsAsEachSymbolAlone() {
    Models.tinyLstm(tmp.resolve("model"), 10, 5, Normalisation.FIRST_PRICE,
        RollForward.RENORMALISE, 7);
    double[] a = TestData.sp500("Close", 30);
    double[] b = TestData.sp500("Open", 30);
    List<Forecast> mixed;
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("s1"),
        WireFormat.AVRO, 4, DELAY)) {
      for (int i = 0; i < a.length; i++) {
        fx.send(tick("A", i, a[i]));
        fx.send(tick("B", i, b[i]));
      }
      fx.driver.advanceWallClockTime(DELAY);
      mixed = fx.drainForecasts();
    }
    List<Forecast> alone = new ArrayList<>();
    for (String s : new String[] {"A", "B"}) {
      try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("s-" + s),
          WireFormat.AVRO, 1, DELAY)) {
        fx.sendSeries(s, s.equals("A") ? a : b);
        alone.addAll(fx.drainForecasts());
      }
    }
    for (String s : new String[] {"A", "B"}) {
      double[] series = s.equals("A") ? a : b;
      List<Forecast> m = mixed.stream().filter(f -> f.getSymbol().equals(s)).toList();
      List<Forecast> o = alone.stream().filter(f -> f.getSymbol().equals(s)).toList();
      assertThat(m).hasSize(series.length - 9).hasSameSizeAs(o);
      for (int k = 0; k < m.size(); k++) {
        double p0 = series[k]; // first price of the k-th window
        assertThat(m.get(k).getLastTickTime()).isEqualTo(o.get(k).getLastTickTime());
        assertThat(m.get(k).getNextStep() / p0).isCloseTo(o.get(k).getNextStep() / p0, within(1e-6));
        for (int h = 0; h < 5; h++) {
          assertThat(m.get(k).getPath().get(h) / p0)
              .isCloseTo(o.get(k).getPath().get(h) / p0, within(1e-6));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RollForward.class)
  void forecastsEqualTheCoreForecasterForEachWindow(RollForward variant) {
    int w = 10;
    int h = 5;
    ModelMetadata meta = Models.tinyLstm(tmp.resolve("model"), w, h, Normalisation.FIRST_PRICE,
        variant, 11);
    double[] series = TestData.sp500("Close", 40);
    List<Forecast> out;
    try (TopologyFixture fx = fixture(meta, 8)) {
      fx.sendSeries("SPX", series);
      fx.driver.advanceWallClockTime(DELAY);
      out = fx.drainForecasts();
    }
    assertThat(out).hasSize(series.length - w + 1);
    Forecaster direct = ModelArtifact.load(tmp.resolve("model")).newForecaster();
    for (int k = 0; k < out.size(); k++) {
      double[][] window = new double[w][1];
      for (int t = 0; t < w; t++) {
        window[t][0] = series[k + t];
      }
      PathForecast expected = direct.forecast(new double[][][] {window})[0];
      Forecast f = out.get(k);
      double p0 = series[k];
      assertThat(f.getLastTickPrice()).isEqualTo(series[k + w - 1]);
      // compare in normalised space n = p / p0 - 1
      assertThat(f.getNextStep() / p0 - 1).isCloseTo(expected.nextStep() / p0 - 1, within(1e-6));
      for (int j = 0; j < h; j++) {
        assertThat(f.getPath().get(j) / p0 - 1).isCloseTo(expected.path()[j] / p0 - 1, within(1e-6));
      }
      assertThat(f.getModelVersion()).isEqualTo(meta.modelVersion());
    }
  }

  @Test
  void outOfOrderTickGoesToTheDeadLetterTopicAndLeavesTheWindowAlone() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.FIRST_PRICE, RollForward.SEED, 0.01);
    try (TopologyFixture fx = fixture(null, 1)) {
      fx.sendSeries("SPX", new double[] {100, 110, 120});
      assertThat(fx.drainForecasts()).hasSize(1);
      Tick late = tick("SPX", 1, 111);
      RecordHeaders original = new RecordHeaders();
      original.add("trace-id", utf8("abc"));
      fx.sendRaw(utf8("SPX"), fx.bytes(late), original);
      assertThat(fx.forecasts.isEmpty()).isTrue();
      TestRecord<byte[], byte[]> dl = fx.deadLetters.readRecord();
      assertThat(dl.key()).isEqualTo(utf8("SPX"));
      assertThat(dl.value()).isEqualTo(fx.bytes(late));
      assertThat(header(dl, "tickcast.dlq.reason")).isEqualTo("out_of_order");
      assertThat(header(dl, "tickcast.dlq.source.topic")).isEqualTo(TopologyFixture.TICKS);
      assertThat(header(dl, "tickcast.dlq.source.partition")).isEqualTo("0");
      assertThat(header(dl, "tickcast.dlq.source.offset")).isEqualTo("3");
      assertThat(header(dl, "trace-id")).isEqualTo("abc");
      // window still [100, 110, 120]: next tick 130 gives window [110, 120, 130] -> 130 + 0.01*110
      fx.send(tick("SPX", 3, 130));
      assertThat(fx.forecasts.readValue().getNextStep()).isCloseTo(131.1, within(1e-9));
      assertThat(fx.counter("tickcast.ticks.rejected", "reason", "out_of_order")).isEqualTo(1.0);
    }
  }

  @Test
  void exactDuplicateIsDroppedAndCounted() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE, RollForward.SEED, 0.5);
    try (TopologyFixture fx = fixture(null, 1)) {
      fx.sendSeries("SPX", new double[] {10, 11, 12});
      assertThat(fx.drainForecasts()).hasSize(1);
      fx.send(tick("SPX", 2, 12));
      assertThat(fx.forecasts.isEmpty()).isTrue();
      assertThat(fx.deadLetters.isEmpty()).isTrue();
      assertThat(fx.counter("tickcast.ticks.duplicates")).isEqualTo(1.0);
      assertThat(fx.counter("tickcast.ticks.accepted")).isEqualTo(3.0);
      assertThat(fx.counter("tickcast.ticks.received")).isEqualTo(4.0);
    }
  }

  @Test
  void sameTimeAnotherPriceCorrectsTheNewestTick() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.FIRST_PRICE, RollForward.SEED, 0.01);
    try (TopologyFixture fx = fixture(null, 1)) {
      fx.sendSeries("SPX", new double[] {100, 110, 120});
      assertThat(fx.forecasts.readValue().getNextStep()).isCloseTo(121.0, within(1e-9));
      fx.send(tick("SPX", 2, 130)); // correction of minute 2
      Forecast corrected = fx.forecasts.readValue();
      assertThat(corrected.getLastTickPrice()).isEqualTo(130.0);
      assertThat(corrected.getNextStep()).isCloseTo(131.0, within(1e-9)); // window [100, 110, 130]
      fx.send(tick("SPX", 3, 140));
      // window [110, 130, 140] (not [120, 130, 140]): 140 + 0.01 * 110
      assertThat(fx.forecasts.readValue().getNextStep()).isCloseTo(141.1, within(1e-9));
      assertThat(fx.counter("tickcast.ticks.accepted")).isEqualTo(5.0);
      assertThat(fx.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void everyRejectionReasonReachesTheDeadLetterTopicWithItsHeaders() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.FIRST_PRICE, RollForward.SEED, 0.01);
    try (TopologyFixture fx = fixture(null, 1)) {
      record Case(String reason, byte[] key, byte[] value) {}
      List<Case> cases = new ArrayList<>();
      cases.add(new Case("deserialization", utf8("A"), utf8("garbage, not a tick")));
      cases.add(new Case("deserialization", utf8("A"), new byte[] {(byte) 0xC3, 0x01, 1, 2}));
      cases.add(new Case("tombstone", utf8("A"), null));
      cases.add(new Case("invalid_symbol", null, fx.bytes(tick("", 0, 1))));
      cases.add(new Case("invalid_symbol", null, fx.bytes(tick("A B", 0, 1))));
      cases.add(new Case("invalid_symbol", null, fx.bytes(tick("X".repeat(33), 0, 1))));
      cases.add(new Case("invalid_price", utf8("A"), fx.bytes(tick("A", 0, Double.NaN))));
      cases.add(new Case("invalid_price", utf8("A"), fx.bytes(tick("A", 0, Double.POSITIVE_INFINITY))));
      cases.add(new Case("invalid_price", utf8("A"), fx.bytes(tick("A", 0, 0.0))));
      cases.add(new Case("invalid_price", utf8("A"), fx.bytes(tick("A", 0, -3.0))));
      Tick beforeEpoch = Tick.newBuilder().setSymbol("A").setTimestamp(Instant.ofEpochMilli(-1))
          .setPrice(1).build();
      cases.add(new Case("invalid_timestamp", utf8("A"), fx.bytes(beforeEpoch)));
      cases.add(new Case("key_mismatch", utf8("B"), fx.bytes(tick("A", 0, 1))));
      for (Case c : cases) {
        RecordHeaders h = new RecordHeaders();
        h.add("origin", utf8("test"));
        fx.sendRaw(c.key(), c.value(), h);
      }
      List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
      assertThat(dead).hasSize(cases.size());
      Map<String, Integer> perReason = new TreeMap<>();
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        TestRecord<byte[], byte[]> r = dead.get(i);
        assertThat(header(r, "tickcast.dlq.reason")).as("case %d", i).isEqualTo(c.reason());
        assertThat(r.key()).isEqualTo(c.key());
        assertThat(r.value()).isEqualTo(c.value());
        assertThat(header(r, "tickcast.dlq.source.topic")).isEqualTo(TopologyFixture.TICKS);
        assertThat(header(r, "tickcast.dlq.source.partition")).isEqualTo("0");
        assertThat(header(r, "tickcast.dlq.source.offset")).isEqualTo(Integer.toString(i));
        assertThat(header(r, "tickcast.dlq.detail")).isNotBlank();
        assertThat(header(r, "origin")).isEqualTo("test");
        perReason.merge(c.reason(), 1, Integer::sum);
      }
      perReason.forEach((reason, n) ->
          assertThat(fx.counter("tickcast.ticks.rejected", "reason", reason)).as(reason)
              .isEqualTo((double) n));
      assertThat(fx.forecasts.isEmpty()).isTrue();
      // the stream thread survived all of it
      fx.sendSeries("A", new double[] {100, 101, 102});
      assertThat(fx.forecasts.readValue().getNextStep()).isCloseTo(103.0, within(1e-9));
      assertThat(fx.counter("tickcast.ticks.received")).isEqualTo(cases.size() + 3.0);
      assertThat(fx.counter("tickcast.ticks.accepted")).isEqualTo(3.0);
    }
  }

  @Test
  void aModelThatReadsVolumeRejectsTicksWithoutUsableVolume() {
    Models.lastValuePlusWithVolume(tmp.resolve("model"), 3, 1, Normalisation.FIRST_PRICE, 0.01);
    try (TopologyFixture fx = fixture(null, 1)) {
      fx.send(tick("A", 0, 100));
      fx.send(Tick.newBuilder(tick("A", 0, 100)).setVolume(-5.0).build());
      fx.send(Tick.newBuilder(tick("A", 0, 100)).setVolume(0.0).build());
      assertThat(fx.deadLetters.readRecordsToList())
          .extracting(r -> header(r, "tickcast.dlq.reason"))
          .containsExactly("missing_volume", "invalid_volume", "invalid_volume");
      for (int i = 0; i < 3; i++) {
        fx.send(Tick.newBuilder(tick("A", i, 100 + 10 * i)).setVolume(1000.0 + i).build());
      }
      // weights [1, 0]: the volume column is read but does not move the output
      assertThat(fx.forecasts.readValue().getNextStep()).isCloseTo(121.0, within(1e-9));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void tickWithoutKeyIsKeyedByItsSymbol(boolean emptyKey) {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE, RollForward.SEED, 0.5);
    try (TopologyFixture fx = fixture(null, 1)) {
      double[] prices = {10, 11, 12, 13};
      for (int i = 0; i < prices.length; i++) {
        fx.sendRaw(emptyKey ? new byte[0] : null, fx.bytes(tick("SPX", i, prices[i])), null);
      }
      var out = fx.forecasts.readKeyValuesToList();
      assertThat(out).extracting(kv -> kv.key).containsExactly("SPX", "SPX");
      assertThat(out).extracting(kv -> kv.value.getNextStep()).containsExactly(12.5, 13.5);
      assertThat(fx.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void tombstoneGoesToTheDeadLetterTopicWithItsKey() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE, RollForward.SEED, 0.5);
    try (TopologyFixture fx = fixture(null, 1)) {
      fx.sendRaw(utf8("SPX"), null, null);
      fx.sendRaw(null, null, null);
      List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
      assertThat(dead).hasSize(2);
      assertThat(dead.get(0).key()).isEqualTo(utf8("SPX"));
      assertThat(dead.get(0).value()).isNull();
      assertThat(dead.get(1).key()).isNull();
      assertThat(dead).extracting(r -> header(r, "tickcast.dlq.reason"))
          .containsOnly("tombstone");
    }
  }

  @Test
  void jsonTicksAreReadWhenConfigured() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE, RollForward.SEED, 0.5);
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.JSON, 1, DELAY)) {
      long t0 = TopologyFixture.START.toEpochMilli();
      for (int i = 0; i < 3; i++) {
        String json = "{\"symbol\":\"SPX\",\"timestamp\":" + (t0 + 60_000L * i) + ",\"price\":"
            + (10 + i) + "}";
        fx.sendRaw(utf8("SPX"), utf8(json), null);
      }
      assertThat(fx.forecasts.readValue().getNextStep()).isCloseTo(12.5, within(1e-9));
      // Avro bytes on a JSON topic
      fx.sendRaw(utf8("SPX"), TickCodec.encode(tick("SPX", 5, 1), WireFormat.AVRO), null);
      assertThat(header(fx.deadLetters.readRecord(), "tickcast.dlq.reason"))
          .isEqualTo("deserialization");
    }
  }

  @Test
  void fullWindowsWaitForTheBatchLimitOrTheDelay() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE, RollForward.SEED, 0.5);
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.AVRO, 4, Duration.ofSeconds(1))) {
      fx.sendSeries("A", new double[] {1, 2, 3, 4, 5}); // three full windows
      assertThat(fx.forecasts.isEmpty()).isTrue();
      fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
      assertThat(fx.drainForecasts()).extracting(Forecast::getNextStep)
          .containsExactly(3.5, 4.5, 5.5);
      var sizes = fx.registry.get("tickcast.inference.batch.size").summary();
      assertThat(sizes.count()).isEqualTo(1);
      assertThat(sizes.totalAmount()).isEqualTo(3.0);
      for (int i = 5; i < 9; i++) {
        fx.send(tick("A", i, i + 1));
      }
      // the fourth queued window fills the batch: forecast without waiting for the clock
      assertThat(fx.drainForecasts()).extracting(Forecast::getNextStep)
          .containsExactly(6.5, 7.5, 8.5, 9.5);
      assertThat(sizes.count()).isEqualTo(2);
      assertThat(sizes.totalAmount()).isEqualTo(7.0);
      assertThat(fx.registry.get("tickcast.inference.window.latency").timer().count()).isEqualTo(7);
      assertThat(fx.registry.get("tickcast.tick.to.forecast.latency").timer().count()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 16})
  void theNextTickScoresThePreviousForecastAgainstPersistence(int maxBatch) {
    ModelMetadata meta = Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE,
        RollForward.SEED, 0.5);
    try (TopologyFixture fx = fixture(meta, maxBatch)) {
      fx.sendSeries("SPX", new double[] {10, 11, 13, 12, 15});
      fx.driver.advanceWallClockTime(DELAY);
      assertThat(fx.drainForecasts()).extracting(Forecast::getNextStep)
          .containsExactly(13.5, 12.5, 15.5);
      // 12 scores 13.5 (persistence 13); 15 scores 12.5 (persistence 12)
      assertThat(fx.counter("tickcast.forecast.scored")).isEqualTo(2.0);
      assertThat(fx.counter("tickcast.forecast.squared.error", "forecaster", "model"))
          .isCloseTo(1.5 * 1.5 + 2.5 * 2.5, within(1e-9));
      assertThat(fx.counter("tickcast.forecast.squared.error", "forecaster", "persistence"))
          .isCloseTo(1.0 + 9.0, within(1e-9));
      assertThat(fx.counter("tickcast.forecast.absolute.error", "forecaster", "model"))
          .isCloseTo(4.0, within(1e-9));
      assertThat(fx.counter("tickcast.forecast.absolute.error", "forecaster", "persistence"))
          .isCloseTo(4.0, within(1e-9));
      // a model without a stored drift rate: drift is a random walk without drift
      assertThat(fx.counter("tickcast.forecast.squared.error", "forecaster", "drift"))
          .isCloseTo(1.0 + 9.0, within(1e-9));
      String scrape = fx.registry.scrape();
      assertThat(scrape).contains(
          "tickcast_ticks_received_total 5.0",
          "tickcast_ticks_accepted_total 5.0",
          "tickcast_ticks_rejected_total{reason=\"out_of_order\"} 0.0",
          "tickcast_ticks_duplicates_total 0.0",
          "tickcast_forecasts_emitted_total 3.0",
          "tickcast_inference_batch_latency_seconds_bucket{",
          "tickcast_inference_batch_latency_seconds_max",
          "tickcast_inference_window_latency_seconds_count 3",
          "tickcast_inference_batch_size_bucket{",
          "tickcast_tick_to_forecast_latency_seconds_bucket{",
          "tickcast_symbols_tracked 1.0",
          "tickcast_model_info{normalisation=\"none\",roll_forward=\"seed\",version=\""
              + meta.modelVersion() + "\"} 1",
          "tickcast_forecast_scored_total 2.0",
          "tickcast_forecast_squared_error_total{forecaster=\"model\"} 8.5",
          "tickcast_forecast_absolute_error_total{forecaster=\"persistence\"} 4.0");
    }
  }

  @Test
  void theDriftBaselineIsScoredWithTheModelsTrainingDrift() throws Exception {
    ModelMetadata meta = Models.lastValuePlus(tmp.resolve("model"), 3, 1, Normalisation.NONE,
        RollForward.SEED, 0.5);
    // as the trainer stores it: evaluation.baselines.drift.meanLogReturn, here ln 1.1
    var json = ModelArtifact.json();
    var evaluation = json.createObjectNode();
    evaluation.putObject("baselines").putObject("drift").put("meanLogReturn", Math.log(1.1));
    json.writeValue(tmp.resolve("model").resolve("model.json").toFile(),
        meta.withEvaluation(evaluation, meta.rollForward()));
    try (TopologyFixture fx = fixture(meta, 16)) {
      fx.sendSeries("SPX", new double[] {10, 11, 13, 12, 15});
      fx.driver.advanceWallClockTime(DELAY);
      assertThat(fx.drainForecasts()).hasSize(3);
      // 12 scores 13 * 1.1 = 14.3; 15 scores 12 * 1.1 = 13.2
      assertThat(fx.counter("tickcast.forecast.scored")).isEqualTo(2.0);
      assertThat(fx.counter("tickcast.forecast.squared.error", "forecaster", "drift"))
          .isCloseTo(2.3 * 2.3 + 1.8 * 1.8, within(1e-9));
      assertThat(fx.counter("tickcast.forecast.absolute.error", "forecaster", "drift"))
          .isCloseTo(4.1, within(1e-9));
      assertThat(fx.counter("tickcast.forecast.squared.error", "forecaster", "persistence"))
          .isCloseTo(1.0 + 9.0, within(1e-9));
    }
  }
}
