package io.tickcast.streams.topology;

import static io.tickcast.streams.topology.TopologyFixture.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.inference.ModelWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prediction intervals on the forecast records: bounds of the model that made each forecast
 * (also across a hot swap), and the online next-step coverage counters.
 */
class IntervalTopologyTest {
  @TempDir Path tmp;

  @Test
  void boundsComeFromTheModelVersionEachRecordNamesAndCoverageIsCounted() throws Exception {
    Path root = tmp.resolve("models");
    // next = last + 0.5, path step h = last + 0.5 h; normalisation none: bounds = forecast -+ q.
    ModelMetadata v1 = Models.lastValuePlus(root.resolve("v1"), 3, 2, Normalisation.NONE,
        RollForward.SEED, 0.5);
    TestModels.withIntervals(root.resolve("v1"), Map.of(0.8, 1.0, 0.95, 2.0));
    try (TopologyFixture fx = new TopologyFixture(root.resolve("v1"), tmp.resolve("state"),
            WireFormat.AVRO, 1, Duration.ofMillis(100));
        ModelWatcher watcher = new ModelWatcher(root, fx.holder, fx.metrics::reloadFailed)) {
      fx.sendSeries("SPX", new double[] {10, 11, 12});
      Forecast first = fx.forecasts.readValue();
      assertThat(first.getModelVersion()).isEqualTo(v1.modelVersion());
      assertThat(first.getPath()).containsExactly(12.5, 13.0);
      List<PredictionInterval> iv = first.getIntervals();
      assertThat(iv).extracting(PredictionInterval::getLevel).containsExactly(0.8, 0.95);
      assertThat(iv.get(0).getNextLower()).isCloseTo(11.5, within(1e-9));
      assertThat(iv.get(0).getNextUpper()).isCloseTo(13.5, within(1e-9));
      assertThat(iv.get(0).getPathLower()).containsExactly(11.5, 12.0);
      assertThat(iv.get(1).getPathUpper()).containsExactly(14.5, 15.0);

      // 13 lies in both of the first forecast's next-step intervals ([11.5, 13.5], [10.5, 14.5]);
      // the next forecast is 13.5 with [12.5, 14.5] and [11.5, 15.5]: 17 lies in neither.
      fx.send(tick("SPX", 3, 13));
      fx.send(tick("SPX", 4, 17));
      fx.drainForecasts();
      assertThat(fx.counter("tickcast.forecast.interval.scored", "level", "0.8")).isEqualTo(2);
      assertThat(fx.counter("tickcast.forecast.interval.covered", "level", "0.8")).isEqualTo(1);
      assertThat(fx.counter("tickcast.forecast.interval.covered", "level", "0.95")).isEqualTo(1);
      var width95 = fx.registry.find("tickcast.forecast.interval.width").tag("level", "0.95")
          .summary();
      assertThat(width95.count()).isEqualTo(2);
      assertThat(width95.totalAmount()).isCloseTo(8.0, within(1e-9));
      assertThat(fx.registry.scrape())
          .contains("tickcast_forecast_interval_covered_total{level=\"0.8\"} 1.0")
          .contains("tickcast_forecast_interval_width_sum{level=\"0.95\"} 8.0");

      // Hot swap to a model with one narrower level: records naming it carry its bounds.
      Thread.sleep(5); // artifacts are ordered by creation time
      ModelMetadata v2 = Models.lastValuePlus(root.resolve("v2"), 3, 2, Normalisation.NONE,
          RollForward.SEED, 2.0);
      TestModels.withIntervals(root.resolve("v2"), Map.of(0.8, 0.25));
      assertThat(watcher.pollOnce()).isTrue();
      fx.send(tick("SPX", 5, 18));
      Forecast second = fx.forecasts.readValue();
      assertThat(second.getModelVersion()).isEqualTo(v2.modelVersion());
      assertThat(second.getNextStep()).isCloseTo(20.0, within(1e-9));
      assertThat(second.getIntervals()).hasSize(1);
      assertThat(second.getIntervals().get(0).getNextLower()).isCloseTo(19.75, within(1e-9));
      assertThat(second.getIntervals().get(0).getPathUpper()).containsExactly(20.25, 22.25);

      // A model without intervals: no bounds; the v2 forecast is still scored with its own.
      Thread.sleep(5);
      ModelMetadata v3 = Models.lastValuePlus(root.resolve("v3"), 3, 2, Normalisation.NONE,
          RollForward.SEED, 1.0);
      assertThat(watcher.pollOnce()).isTrue();
      fx.send(tick("SPX", 6, 20.1));
      Forecast third = fx.forecasts.readValue();
      assertThat(third.getModelVersion()).isEqualTo(v3.modelVersion());
      assertThat(third.getIntervals()).isNull();
      // 18 scored v1's forecast 17.5 (18 in [16.5, 18.5] and [15.5, 19.5]); 20.1 scores v2's
      // 20 with v2's own [19.75, 20.25]: covered. 0.8: 3 of 4; 0.95 (v2 has none): 2 of 3.
      assertThat(fx.counter("tickcast.forecast.interval.scored", "level", "0.8")).isEqualTo(4);
      assertThat(fx.counter("tickcast.forecast.interval.covered", "level", "0.8")).isEqualTo(3);
      assertThat(fx.counter("tickcast.forecast.interval.scored", "level", "0.95")).isEqualTo(3);
      assertThat(fx.counter("tickcast.forecast.interval.covered", "level", "0.95")).isEqualTo(2);
    }
  }

  @Test
  void windowVolatilityScalingWidensTheBoundsByTheWindowsOwnVolatility() throws Exception {
    Path dir = tmp.resolve("scaled");
    // next = last + 0.5, path h = last + 0.5 h; none: bounds = forecast -+ q x sd of the
    // window's price differences.
    Models.lastValuePlus(dir, 3, 2, Normalisation.NONE, RollForward.SEED, 0.5);
    TestModels.withIntervals(dir, Map.of(0.8, 1.0), "window-volatility", 0.1);
    try (TopologyFixture fx = new TopologyFixture(dir, tmp.resolve("state"), WireFormat.AVRO, 1,
        Duration.ofMillis(100))) {
      // window 10, 11, 13: differences 1, 2, sd 0.5; forecast 13.5, 14: half-width 0.5.
      fx.sendSeries("SPX", new double[] {10, 11, 13});
      PredictionInterval i = fx.forecasts.readValue().getIntervals().get(0);
      assertThat(i.getNextLower()).isCloseTo(13.0, within(1e-9));
      assertThat(i.getNextUpper()).isCloseTo(14.0, within(1e-9));
      assertThat(i.getPathUpper().get(0)).isCloseTo(14.0, within(1e-9));
      assertThat(i.getPathUpper().get(1)).isCloseTo(14.5, within(1e-9));
      // window 11, 13, 19: differences 2, 6, sd 2; forecast 19.5: [17.5, 21.5].
      fx.send(tick("SPX", 3, 19));
      PredictionInterval j = fx.forecasts.readValue().getIntervals().get(0);
      assertThat(j.getNextLower()).isCloseTo(17.5, within(1e-9));
      assertThat(j.getNextUpper()).isCloseTo(21.5, within(1e-9));
      // window 13, 19, 19... flat after 19, 19, 19: sd 0, the floor 0.1: [19.4, 19.6].
      fx.send(tick("SPX", 4, 19));
      fx.send(tick("SPX", 5, 19));
      List<Forecast> rest = fx.drainForecasts();
      PredictionInterval k = rest.get(rest.size() - 1).getIntervals().get(0);
      assertThat(k.getNextLower()).isCloseTo(19.4, within(1e-9));
      assertThat(k.getNextUpper()).isCloseTo(19.6, within(1e-9));
    }
  }

  @Test
  void aNextStepOnlyForecastHasNextBoundsAndEmptyPathBounds() {
    Path dir = tmp.resolve("m");
    Models.lastValuePlus(dir, 3, 2, Normalisation.LAST_PRICE, RollForward.SEED, 0.0);
    TestModels.withIntervals(dir, Map.of(0.8, 0.01));
    // K = 2: every second full window gets the path.
    try (TopologyFixture fx = new TopologyFixture(dir, tmp.resolve("state"), WireFormat.AVRO, 1,
        Duration.ofMillis(100), null, 2)) {
      fx.sendSeries("SPX", new double[] {100, 100, 200, 200});
      List<Forecast> out = fx.drainForecasts();
      assertThat(out).hasSize(2);
      for (Forecast f : out) {
        PredictionInterval i = f.getIntervals().get(0);
        // last-price: bounds = forecast -+ 0.01 x last price (the forecast is the last price).
        assertThat(i.getNextLower()).isCloseTo(0.99 * f.getLastTickPrice(), within(1e-9));
        assertThat(i.getNextUpper()).isCloseTo(1.01 * f.getLastTickPrice(), within(1e-9));
        assertThat(i.getPathLower()).hasSameSizeAs(f.getPath());
        assertThat(i.getPathUpper()).hasSameSizeAs(f.getPath());
      }
      assertThat(out).anyMatch(f -> f.getPath().isEmpty());
    }
  }
}
