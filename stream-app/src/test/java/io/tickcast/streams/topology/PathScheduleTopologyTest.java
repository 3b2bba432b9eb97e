package io.tickcast.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.TestData;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.TickWindowSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickcast.forecast.path.every.ticks} (a path for a symbol's full window c, 0-based, when
 * {@code (c + symbol.hashCode()) mod K == 0}; next step only otherwise) and {@code tickcast.forecast.roll.forward} (override of the model's
 * variant), checked against the core {@link Forecaster} on each window.
 */
class PathScheduleTopologyTest {
  private static final Duration DELAY = Duration.ofMillis(100);
  private static final int W = 5;
  private static final int H = 4;
  private static final String WINDOW_CHANGELOG =
      "tickcast-test-" + ForecastTopology.WINDOW_STORE + "-changelog";

  @TempDir Path tmp;

  @Test
  void everyThirdFullWindowOfEachSymbolGetsThePathTheOthersTheNextStepOnly() {
    Models.tinyLstm(tmp.resolve("model"), W, H, Normalisation.FIRST_PRICE, RollForward.SEED, 11);
    double[] spx = TestData.sp500("Close", 16);
    double[] abc = new double[14];
    for (int i = 0; i < abc.length; i++) {
      abc[i] = spx[i + 2] / 10;
    }
    Map<String, List<Forecast>> bySymbol = new TreeMap<>();
    List<TickWindow> changelog = new ArrayList<>();
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.AVRO, 8, DELAY, null, 3)) {
      // interleaved, ABC two ticks behind, so the two symbols' counts are out of phase
      for (int i = 0; i < spx.length; i++) {
        fx.send(TopologyFixture.tick("SPX", i, spx[i]));
        if (i >= 2) {
          fx.send(TopologyFixture.tick("ABC", i, abc[i - 2]));
        }
      }
      fx.driver.advanceWallClockTime(DELAY);
      for (Forecast f : fx.drainForecasts()) {
        bySymbol.computeIfAbsent(f.getSymbol().toString(), k -> new ArrayList<>()).add(f);
      }
      var log = fx.driver.createOutputTopic(WINDOW_CHANGELOG, new StringDeserializer(),
          new TickWindowSerde().deserializer());
      while (!log.isEmpty()) {
        var kv = log.readKeyValue();
        if (kv.key.equals("SPX")) {
          changelog.add(kv.value);
        }
      }
    }
    Forecaster direct = ModelArtifact.load(tmp.resolve("model")).newForecaster();
    // "SPX".hashCode() = 82331 ≡ 2 (mod 3): windows 1, 4, 7, ...; "ABC" = 64578 ≡ 0: 0, 3, 6, ...
    assertSchedule(bySymbol.get("SPX"), spx, direct, 0, 2);
    assertSchedule(bySymbol.get("ABC"), abc, direct, 0, 0);
    assertThat(bySymbol.get("SPX").get(1).getPath()).hasSize(H);
    assertThat(bySymbol.get("ABC").get(0).getPath()).hasSize(H);
    // The count is in the changelogged window store: 12 full windows of SPX so far.
    assertThat(changelog).isNotEmpty();
    assertThat(changelog.get(changelog.size() - 1).fullWindows()).isEqualTo(spx.length - W + 1);
  }

  @Test
  void theScheduleContinuesFromARestoredCount() {
    // TopologyTestDriver wipes its state directory on close, so a restart is simulated by what a
    // restore from the changelog leaves: a full window whose count is 4.
    Models.tinyLstm(tmp.resolve("model"), W, H, Normalisation.FIRST_PRICE, RollForward.SEED, 11);
    double[] spx = TestData.sp500("Close", 8);
    List<Forecast> out;
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.AVRO, 8, DELAY, null, 3)) {
      KeyValueStore<String, TickWindow> store =
          fx.driver.getKeyValueStore(ForecastTopology.WINDOW_STORE);
      long[] t = new long[W];
      double[] p = new double[W];
      double[] v = new double[W];
      for (int i = 0; i < W; i++) {
        t[i] = TopologyFixture.tick("SPX", i, spx[i]).getTimestamp().toEpochMilli();
        p[i] = spx[i];
        v[i] = Double.NaN;
      }
      store.put("SPX", new TickWindow(t, p, v, 4));
      for (int i = W; i < spx.length; i++) {
        fx.send(TopologyFixture.tick("SPX", i, spx[i]));
      }
      fx.driver.advanceWallClockTime(DELAY);
      out = fx.drainForecasts();
      assertThat(store.get("SPX").fullWindows()).isEqualTo(4 + spx.length - W);
    }
    // windows 0-based 4, 5, 6 of SPX (offset 82331 ≡ 2 mod 3): only 4 has a path
    assertThat(out).hasSize(3);
    assertThat(out.get(0).getPath()).hasSize(H);
    assertThat(out.get(1).getPath()).isEmpty();
    assertThat(out.get(2).getPath()).isEmpty();
    double[] shifted = new double[spx.length - 1];
    System.arraycopy(spx, 1, shifted, 0, shifted.length);
    assertSchedule(out, shifted, ModelArtifact.load(tmp.resolve("model")).newForecaster(), 4, 2);
  }

  @Test
  void theConfiguredRollForwardVariantOverridesTheModelsAndIsReported() {
    var meta = Models.tinyLstm(tmp.resolve("model"), W, H, Normalisation.FIRST_PRICE,
        RollForward.SEED, 11);
    double[] spx = TestData.sp500("Close", 9);
    List<Forecast> out;
    String scrape;
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.AVRO, 8, DELAY, RollForward.CARRY_STATE, 1)) {
      fx.sendSeries("SPX", spx);
      fx.driver.advanceWallClockTime(DELAY);
      out = fx.drainForecasts();
      scrape = fx.registry.scrape();
    }
    assertThat(scrape).contains("tickcast_model_info{normalisation=\"first-price\","
        + "roll_forward=\"carry-state\",version=\"" + meta.modelVersion() + "\"} 1");
    Forecaster seed = ModelArtifact.load(tmp.resolve("model")).newForecaster();
    Forecaster carry = new Forecaster(seed.model(), seed.spec().withRollForward(RollForward.CARRY_STATE));
    assertThat(out).hasSize(spx.length - W + 1);
    double seedGap = 0;
    for (int k = 0; k < out.size(); k++) {
      Forecast f = out.get(k);
      assertThat(f.getRollForward()).isEqualTo("carry-state");
      double[][][] window = {window(spx, k)};
      PathForecast expected = carry.forecast(window)[0];
      PathForecast exact = seed.forecast(window)[0];
      double p0 = spx[k];
      for (int h = 0; h < H; h++) {
        assertThat(f.getPath().get(h) / p0).isCloseTo(expected.path()[h] / p0, within(1e-6));
        seedGap = Math.max(seedGap, Math.abs(f.getPath().get(h) - exact.path()[h]) / p0);
      }
    }
    // the override took effect: the paths are not the model's own (seed) ones
    assertThat(seedGap).isGreaterThan(1e-5);
  }

  /**
   * Forecast k of a symbol is its full window {@code first + k} (0-based count): path iff {@code
   * first + k + offset} is a multiple of 3; values as the core Forecaster computes them, compared in normalised
   * space n = p / p0.
   */
  private static void assertSchedule(List<Forecast> out, double[] series, Forecaster direct,
      int first, int offset) {
    assertThat(out).hasSize(series.length - W + 1);
    for (int k = 0; k < out.size(); k++) {
      Forecast f = out.get(k);
      double[][][] window = {window(series, k)};
      double p0 = series[k];
      assertThat(f.getLastTickPrice()).isEqualTo(series[k + W - 1]);
      assertThat(f.getNextStep() / p0).isCloseTo(direct.nextStep(window)[0] / p0, within(1e-6));
      if ((first + k + offset) % 3 == 0) {
        double[] path = direct.forecast(window)[0].path();
        assertThat(f.getPath()).as("window %d", first + k).hasSize(H);
        for (int h = 0; h < H; h++) {
          assertThat(f.getPath().get(h) / p0).isCloseTo(path[h] / p0, within(1e-6));
        }
      } else {
        assertThat(f.getPath()).as("window %d", first + k).isEmpty();
      }
      assertThat(f.getRollForward()).isEqualTo("seed");
    }
  }

  private static double[][] window(double[] series, int from) {
    double[][] w = new double[W][1];
    for (int t = 0; t < W; t++) {
      w[t][0] = series[from + t];
    }
    return w;
  }
}
