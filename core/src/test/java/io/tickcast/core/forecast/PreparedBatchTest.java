package io.tickcast.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows normalised once ({@link PreparedBatch}) forecast as the hand-worked values of {@link
 * ForecasterTest}, and are not modified by the forecast.
 */
class PreparedBatchTest {
  private static final double EPS = 1e-9;
  private static final double[][] PRICES = {{100}, {102}, {104}, {110}};

  private static Forecaster forecaster(RollForward variant) {
    var model = new Dl4jSequenceModel(TestModels.lastValuePlus(new double[] {1}, 0.01), 1);
    return new Forecaster(model, new ForecastSpec(4, 1, 0, 3, Normalisation.FIRST_PRICE,
        variant));
  }

  @Test
  void aPreparedWindowIsTheFirstPriceNormalisation() {
    PreparedBatch.Window w = PreparedBatch.window(forecaster(RollForward.SEED).spec(), PRICES);
    assertThat(w.base()).isEqualTo(100);
    assertThat(w.normalised()[3][0]).isCloseTo(0.1, within(EPS)); // 110 / 100 - 1
  }

  @Test
  void preparedWindowsForecastTheHandWorkedValues() {
    for (RollForward variant : RollForward.values()) {
      Forecaster f = forecaster(variant);
      PreparedBatch.Window w = PreparedBatch.window(f.spec(), PRICES);
      double[][] before = copy(w.normalised());
      // n_last = 0.1; y = 0.11; p = 100 * 1.11
      assertThat(f.nextStep(PreparedBatch.of(List.of(w)))[0]).isCloseTo(111.0, within(EPS));
      PathForecast p = f.forecast(PreparedBatch.of(List.of(w)))[0];
      assertThat(p.nextStep()).as("%s", variant).isCloseTo(111.0, within(EPS));
      assertThat(p.path()).hasSize(3);
      // the model's path from the same raw window, normalised inside
      PathForecast raw = f.forecast(new double[][][] {PRICES})[0];
      assertThat(p.path()).as("%s", variant).containsExactly(raw.path(), within(EPS));
      assertThat(w.normalised()).as("%s leaves the prepared window as it was", variant)
          .isDeepEqualTo(before);
    }
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
