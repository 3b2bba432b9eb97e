package io.tickcast.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.normalise.NormalisationException;
import io.tickcast.core.testing.TestModels;
import org.junit.jupiter.api.Test;

/**
 * Forecasts of a hand-built network whose output is {@code sum_c w_c * x_last,c + bias} (in
 * normalised space), checked against values worked out by hand from the tutorial's equations.
 */
class ForecasterTest {
  private static final double EPS = 1e-9;
  private static final double[][] PRICES = {{100}, {102}, {104}, {110}};

  private static Forecaster forecaster(double[] weights, double bias, int w, Normalisation n,
      RollForward variant) {
    var model = new Dl4jSequenceModel(TestModels.lastValuePlus(weights, bias), weights.length);
    return new Forecaster(model, new ForecastSpec(w, weights.length, 0, 3, n, variant));
  }

  @Test
  void nextStepDenormalisesOnTheFirstPrice() {
    Forecaster f = forecaster(new double[] {1}, 0.01, 4, Normalisation.FIRST_PRICE, RollForward.SEED);
    // n_last = 110/100 - 1 = 0.1; y = 0.11; p = 100 * 1.11
    assertThat(f.nextStep(new double[][][] {PRICES})[0]).isCloseTo(111.0, within(EPS));
  }

  @Test
  void seedRollForwardStaysInTheFirstWindowsSpace() {
    Forecaster f = forecaster(new double[] {1}, 0.01, 4, Normalisation.FIRST_PRICE, RollForward.SEED);
    // frames [0,.02,.04,.1] -> .11 -> [.02,.04,.1,.11] -> .12 -> ... ; p = 100 (y + 1)
    PathForecast p = f.forecast(new double[][][] {PRICES})[0];
    assertThat(p.path()).containsExactly(new double[] {111, 112, 113}, within(EPS));
    assertThat(p.nextStep()).isCloseTo(111, within(EPS));
  }

  @Test
  void renormaliseRollForwardRebasesEveryShiftedWindow() {
    Forecaster f =
        forecaster(new double[] {1}, 0.01, 4, Normalisation.FIRST_PRICE, RollForward.RENORMALISE);
    // [100,102,104,110] -> 110 + .01*100 = 111; [102,104,110,111] -> 111 + .01*102 = 112.02;
    // [104,110,111,112.02] -> 112.02 + .01*104 = 113.06
    PathForecast p = f.forecast(new double[][][] {PRICES})[0];
    assertThat(p.path()).containsExactly(new double[] {111, 112.02, 113.06}, within(EPS));
  }

  @Test
  void lastPriceRollForwardVariants() {
    Forecaster seed =
        forecaster(new double[] {1}, 0.01, 4, Normalisation.LAST_PRICE, RollForward.SEED);
    // base 110; n_last = 0: y = 0.01, 0.02, 0.03 -> 110 (1 + y)
    assertThat(seed.forecast(new double[][][] {PRICES})[0].path())
        .containsExactly(new double[] {111.1, 112.2, 113.3}, within(EPS));
    Forecaster renorm =
        forecaster(new double[] {1}, 0.01, 4, Normalisation.LAST_PRICE, RollForward.RENORMALISE);
    // every shifted window is based on its own last price: p_h = p_{h-1} * 1.01
    assertThat(renorm.forecast(new double[][][] {PRICES})[0].path())
        .containsExactly(new double[] {111.1, 112.211, 113.33311}, within(EPS));
  }

  @Test
  void withoutNormalisationAllVariantsAgree() {
    for (RollForward v : RollForward.values()) {
      Forecaster f = forecaster(new double[] {1}, 0.01, 4, Normalisation.NONE, v);
      assertThat(f.forecast(new double[][][] {PRICES})[0].path())
          .containsExactly(new double[] {110.01, 110.02, 110.03}, within(EPS));
    }
  }

  @Test
  void carryStateOfALastRowModelIsTheSeedPath() {
    // The output depends on the last row only, so carrying the state changes nothing: the seed
    // arithmetic (normalise once on 100, y_h = y_{h-1} + 0.01) gives 111, 112, 113.
    Forecaster f =
        forecaster(new double[] {1}, 0.01, 4, Normalisation.FIRST_PRICE, RollForward.CARRY_STATE);
    PathForecast p = f.forecast(new double[][][] {PRICES})[0];
    assertThat(p.path()).containsExactly(new double[] {111, 112, 113}, within(EPS));
    assertThat(p.nextStep()).isCloseTo(111, within(EPS));
  }

  @Test
  void carryStateFeedsPredictionsBackWithoutDroppingTheOldestRows() {
    // A model that sums the target column over the whole sequence sees every fed-back step:
    // normalised [0, .02, .04, .1] sums to .16; the sequence grows by that sum, so the sums
    // double: .16, .32, .64 -> 100 (1 + y) = 116, 132, 164. (Seed would drop rows: .16, .32, .62.)
    Forecaster f = new Forecaster(new SumModel(1),
        new ForecastSpec(4, 1, 0, 3, Normalisation.FIRST_PRICE, RollForward.CARRY_STATE));
    assertThat(f.forecast(new double[][][] {PRICES})[0].path())
        .containsExactly(new double[] {116, 132, 164}, within(EPS));
    Forecaster seed = new Forecaster(new SumModel(1),
        new ForecastSpec(4, 1, 0, 3, Normalisation.FIRST_PRICE, RollForward.SEED));
    assertThat(seed.forecast(new double[][][] {PRICES})[0].path())
        .containsExactly(new double[] {116, 132, 162}, within(EPS));
  }

  @Test
  void carryStateFedBackRowsKeepTheLastObservedNonTargetValues() {
    double[][] window = {{100, 1000}, {105, 1200}, {110, 800}};
    // y = sum of normalised prices + last row's normalised volume; prices [0, .05, .1], volume
    // last -0.2 (800/1000 - 1) in every fed-back row:
    // y1 = .15 - .2 = -.05 -> 95; y2 = .15 - .05 - .2 = -.1 -> 90; y3 = .15 - .05 - .1 - .2 = -.2 -> 80
    Forecaster f = new Forecaster(new SumModel(2),
        new ForecastSpec(3, 2, 0, 3, Normalisation.FIRST_PRICE, RollForward.CARRY_STATE));
    assertThat(f.forecast(new double[][][] {window, window})[1].path())
        .containsExactly(new double[] {95, 90, 80}, within(EPS));
    assertThat(window).isDeepEqualTo(new double[][] {{100, 1000}, {105, 1200}, {110, 800}});
  }

  @Test
  void rollForwardConfigNames() {
    assertThat(RollForward.CARRY_STATE.configName()).isEqualTo("carry-state");
    assertThat(RollForward.fromConfig(" Carry_State")).isEqualTo(RollForward.CARRY_STATE);
    assertThat(RollForward.fromConfig("seed")).isEqualTo(RollForward.SEED);
    assertThat(RollForward.CARRY_STATE.exact()).isFalse();
    assertThatThrownBy(() -> RollForward.fromConfig("carry"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carry-state");
  }

  /**
   * Output = sum of column 0 over every time step + (with two features) the last row's column 1:
   * depends on the sequence length, unlike {@code lastValuePlus}.
   */
  private record SumModel(int inputFeatures) implements io.tickcast.core.engine.SequenceModel {
    @Override
    public double[] predict(double[][][] windows) {
      double[] out = new double[windows.length];
      for (int b = 0; b < windows.length; b++) {
        for (double[] row : windows[b]) {
          out[b] += row[0];
        }
        if (inputFeatures == 2) {
          out[b] += windows[b][windows[b].length - 1][1];
        }
      }
      return out;
    }

    @Override
    public io.tickcast.core.engine.SequenceModel copy() {
      return this;
    }
  }

  @Test
  void nonTargetColumnsCarryTheLastObservedValueWhenRolling() {
    double[][] window = {{100, 1000}, {105, 1200}, {110, 800}};
    // y = n_price + 0.5 n_volume; the volume column must keep its last value (800), not the price.
    Forecaster seed =
        forecaster(new double[] {1, 0.5}, 0, 3, Normalisation.FIRST_PRICE, RollForward.SEED);
    // n_vol = -0.2 throughout: y = 0.1 - 0.1 = 0 -> 100; y = 0 - 0.1 -> 90; y = -0.1 - 0.1 -> 80
    assertThat(seed.forecast(new double[][][] {window})[0].path())
        .containsExactly(new double[] {100, 90, 80}, within(EPS));

    Forecaster renorm =
        forecaster(new double[] {1, 0.5}, 0, 3, Normalisation.FIRST_PRICE, RollForward.RENORMALISE);
    // [(100,1000),(105,1200),(110,800)] -> 100
    // [(105,1200),(110,800),(100,800)]: 105 (100/105 - 1 + 0.5 (800/1200 - 1) + 1) = 82.5
    // [(110,800),(100,800),(82.5,800)]: 110 (82.5/110 - 1 + 0 + 1) = 82.5
    assertThat(renorm.forecast(new double[][][] {window})[0].path())
        .containsExactly(new double[] {100, 82.5, 82.5}, within(EPS));
  }

  @Test
  void batchesAreForecastIndependently() {
    Forecaster f =
        forecaster(new double[] {1}, 0.01, 4, Normalisation.FIRST_PRICE, RollForward.RENORMALISE);
    double[][] other = {{50}, {50}, {50}, {50}};
    PathForecast[] out = f.forecast(new double[][][] {PRICES, other});
    assertThat(out[0].path()).containsExactly(new double[] {111, 112.02, 113.06}, within(EPS));
    assertThat(out[1].path()).containsExactly(new double[] {50.5, 51.0, 51.5}, within(EPS));
  }

  @Test
  void inputsAreNotModified() {
    double[][] window = {{100}, {102}, {104}, {110}};
    forecaster(new double[] {1}, 0.01, 4, Normalisation.FIRST_PRICE, RollForward.SEED)
        .forecast(new double[][][] {window});
    assertThat(window).isDeepEqualTo(PRICES);
  }

  @Test
  void badWindowsAreRejected() {
    Forecaster f = forecaster(new double[] {1}, 0, 4, Normalisation.FIRST_PRICE, RollForward.SEED);
    assertThatThrownBy(() -> f.nextStep(new double[][][] {{{1}, {2}}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 4");
    assertThatThrownBy(() -> f.nextStep(new double[][][] {{{0}, {2}, {3}, {4}}}))
        .isInstanceOf(NormalisationException.class);
  }
}
