package io.tickcast.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.engine.Dl4jImport;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.engine.FloatWindows;
import io.tickcast.core.engine.JavaLstmSequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows normalised once ({@link PreparedBatch}) forecast as the hand-worked values of {@link
 * ForecasterTest}, and are not modified by the forecast; the flat float buffer holds each
 * window's first-price normalisation, whichever way the batch was prepared.
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

  @Test
  void theFlatBufferHoldsEachWindowsNormalisationRoundedToFloat() {
    ForecastSpec spec = forecaster(RollForward.SEED).spec();
    double[][] other = {{50}, {55}, {45}, {60}};
    // n = p / p0 - 1, worked by hand, rounded to float
    float[] expected = {0f, (float) 0.02, (float) 0.04, (float) 0.1,
        0f, (float) 0.1, (float) -0.1, (float) 0.2};
    PreparedBatch whole = PreparedBatch.of(spec, new double[][][] {PRICES, other});
    PreparedBatch oneByOne = PreparedBatch.of(
        List.of(PreparedBatch.window(spec, PRICES), PreparedBatch.window(spec, other)));
    for (PreparedBatch batch : List.of(whole, oneByOne)) {
      FloatWindows flat = batch.flat();
      assertThat(flat.batch()).isEqualTo(2);
      assertThat(flat.windowLength()).isEqualTo(4);
      assertThat(flat.features()).isEqualTo(1);
      assertThat(flat.data()).containsExactly(expected);
      assertThat(batch.base(0)).isEqualTo(100);
      assertThat(batch.base(1)).isEqualTo(50);
      // the double windows (roll-forward, double models) are not rounded
      assertThat(batch.normalised()[1][3][0]).isCloseTo(0.2, within(EPS));
    }
  }

  @Test
  void windowsOfTheWrongShapeAreRejected() {
    ForecastSpec spec = forecaster(RollForward.SEED).spec();
    assertThatThrownBy(() -> PreparedBatch.of(spec, new double[][][] {{{100}, {101}}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
    var five = new ForecastSpec(5, 1, 0, 3, Normalisation.FIRST_PRICE, RollForward.SEED);
    assertThatThrownBy(() -> PreparedBatch.of(List.of(PreparedBatch.window(spec, PRICES),
        PreparedBatch.window(five, new double[][] {{1}, {2}, {3}, {4}, {5}}))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time steps");
  }

  @Test
  void aFloatEngineReadsTheFlatBufferAsItWouldTheDoubleWindows() {
    var net = io.tickcast.core.testing.TestModels.tinyLstm(1, 4, 7);
    var model = new JavaLstmSequenceModel(Dl4jImport.weights(net, 1));
    ForecastSpec spec = new ForecastSpec(4, 1, 0, 3, Normalisation.FIRST_PRICE, RollForward.SEED);
    Forecaster f = new Forecaster(model, spec);
    double[][][] raw = {PRICES, {{50}, {55}, {45}, {60}}};
    double[] y = model.predict(new double[][][] {
        Normalisation.FIRST_PRICE.apply(raw[0]), Normalisation.FIRST_PRICE.apply(raw[1])});
    double[] prices = f.nextStep(raw);
    // p = p0 (n + 1); the engine rounds its inputs to float either way: the same bits
    assertThat(prices[0]).isEqualTo(100 * (y[0] + 1));
    assertThat(prices[1]).isEqualTo(50 * (y[1] + 1));
    assertThat(f.forecast(raw)[1].nextStep()).isEqualTo(prices[1]);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
