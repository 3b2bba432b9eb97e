package io.tickcast.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOutEvaluatorTest {

  private static double[][] linear(double start, int rows) {
    double[][] s = new double[rows][];
    for (int t = 0; t < rows; t++) {
      s[t] = new double[] {start + t};
    }
    return s;
  }

  @Test
  void aPerfectModelOnALineIsExactAndPersistenceIsOffByTheHorizon() {
    // p_t = 100 + t; the model returns last + 1 (normalisation none): every forecast is exact.
    double[][] series = linear(100, 60);
    var model = new Dl4jSequenceModel(TestModels.lastValuePlus(new double[] {1}, 1), 1);
    ForecastSpec spec = new ForecastSpec(5, 1, 0, 3, Normalisation.NONE, RollForward.RENORMALISE);

    // 55 windows; held out: windows 45..54, targets rows 50..59 (prices 150..159)
    HeldOutEvaluation e = HeldOutEvaluator.evaluate(model, spec, series, 45);

    assertThat(e.firstTargetRow()).isEqualTo(50);
    assertThat(e.actual()).containsExactly(150, 151, 152, 153, 154, 155, 156, 157, 158, 159);
    assertThat(e.pointByPoint()).containsExactly(e.actual(), within(1e-9));
    assertThat(e.pointByPointMetrics().rmse()).isCloseTo(0, within(1e-9));
    assertThat(e.pointByPointMetrics().persistenceRmse()).isCloseTo(1, within(1e-12));
    assertThat(e.pointByPointMetrics().directionalAccuracy()).isEqualTo(1.0);

    for (RollForward v : RollForward.values()) {
      List<HorizonMetrics> m = e.variants().get(v).perHorizon();
      assertThat(m).hasSize(3);
      for (int h = 1; h <= 3; h++) {
        HorizonMetrics hm = m.get(h - 1);
        assertThat(hm.horizon()).isEqualTo(h);
        // paths from windows whose h-th step is still inside the series: 10 - h + 1
        assertThat(hm.count()).isEqualTo(11 - h);
        assertThat(hm.rmse()).isCloseTo(0, within(1e-9));
        // persistence repeats the last price: off by exactly h
        assertThat(hm.persistenceRmse()).isCloseTo(h, within(1e-12));
      }
      // sequences of 3 from held-out windows 0, 3, 6 (the tutorial's every-H starts)
      double[][] multi = e.variants().get(v).multipleSequences();
      assertThat(multi).hasNumberOfRows(3);
      assertThat(multi[0]).containsExactly(new double[] {150, 151, 152}, within(1e-9));
      assertThat(multi[2]).containsExactly(new double[] {156, 157, 158}, within(1e-9));
    }
    // one path from the first held-out window across all 10 held-out ticks
    assertThat(e.fullSequence()).containsExactly(e.actual(), within(1e-9));
    assertThat(e.fullSequenceRmse()).isCloseTo(0, within(1e-9));
    // with normalisation none both variants are the same arithmetic: a tie goes to seed
    assertThat(e.winner()).isEqualTo(RollForward.SEED);
  }

  @Test
  void theVariantsDifferAsComputedByHandAndTheBetterOneWins() {
    // p_t = 20 + t, W = 2, H = 2, first-price; the model adds 0.01 to the last normalised value.
    // Window [a, a+1] normalises to [0, 1/a]: step 1 (both variants) p1 = a(1 + 1/a + 0.01)
    // = a + 1 + 0.01a, actual a + 2.
    // seed, step 2: stays on base a: p2 = a(1 + 1/a + 0.02) = a + 1 + 0.02a, actual a + 3.
    // renormalise, step 2: window [a+1, p1] on base a+1: p2 = p1 + 0.01(a+1)
    // = a + 1.01 + 0.02a.
    double[][] series = linear(20, 30);
    var model = new Dl4jSequenceModel(TestModels.lastValuePlus(new double[] {1}, 0.01), 1);
    ForecastSpec spec = new ForecastSpec(2, 1, 0, 2, Normalisation.FIRST_PRICE, RollForward.SEED);

    // 28 windows; held out: windows 20..27, i.e. a = 40..47
    HeldOutEvaluation e = HeldOutEvaluator.evaluate(model, spec, series, 20);

    double se1 = 0;
    double seSeed2 = 0;
    double seRenorm2 = 0;
    double persistence2 = 0;
    for (int a = 40; a <= 47; a++) {
      se1 += sq(0.01 * a - 1);
      if (a + 3 <= 49) { // the second step must still be in the series (last row 29 = price 49)
        seSeed2 += sq(0.02 * a - 2);
        seRenorm2 += sq(0.02 * a - 1.99);
        persistence2 += sq(2);
      }
    }
    VariantEvaluation seed = e.variants().get(RollForward.SEED);
    VariantEvaluation renorm = e.variants().get(RollForward.RENORMALISE);
    assertThat(seed.perHorizon().get(0).rmse()).isCloseTo(Math.sqrt(se1 / 8), within(1e-9));
    assertThat(renorm.perHorizon().get(0).rmse()).isCloseTo(Math.sqrt(se1 / 8), within(1e-9));
    assertThat(seed.perHorizon().get(1).count()).isEqualTo(7);
    assertThat(seed.perHorizon().get(1).rmse()).isCloseTo(Math.sqrt(seSeed2 / 7), within(1e-9));
    assertThat(renorm.perHorizon().get(1).rmse())
        .isCloseTo(Math.sqrt(seRenorm2 / 7), within(1e-9));
    double u1 = Math.sqrt(se1 / 8) / 1.0;
    double uSeed2 = Math.sqrt(seSeed2 / 7) / Math.sqrt(persistence2 / 7);
    double uRenorm2 = Math.sqrt(seRenorm2 / 7) / Math.sqrt(persistence2 / 7);
    assertThat(seed.meanTheilU()).isCloseTo((u1 + uSeed2) / 2, within(1e-9));
    assertThat(renorm.meanTheilU()).isCloseTo((u1 + uRenorm2) / 2, within(1e-9));
    // Diebold-Mariano is fed the model's and persistence's errors of the same targets
    double[] model1 = new double[8];
    double[] persistence1 = new double[8];
    double[] seed2 = new double[7];
    double[] persistence2s = new double[7];
    for (int a = 40; a <= 47; a++) {
      model1[a - 40] = 0.01 * a - 1;
      persistence1[a - 40] = -1;
      if (a <= 46) {
        seed2[a - 40] = 0.02 * a - 2;
        persistence2s[a - 40] = -2;
      }
    }
    DieboldMariano.Result dm1 = DieboldMariano.test(model1, persistence1, 1);
    assertThat(e.pointByPointDieboldMariano().statistic())
        .isCloseTo(dm1.statistic(), within(1e-6));
    assertThat(seed.dieboldMariano().get(1).statistic())
        .isCloseTo(DieboldMariano.test(seed2, persistence2s, 2).statistic(), within(1e-6));
    // every error of renormalise at step 2 is 0.01 smaller in size: it wins
    assertThat(e.winner()).isEqualTo(RollForward.RENORMALISE);
    assertThat(e.best()).isSameAs(renorm);
  }

  @Test
  void carryStateIsScoredButOnlyExactVariantsWin() {
    // p_t = 100 + t, W = 3, H = 2, none; the model adds 1.1 to the last value of a W-row
    // sequence and 0.9 to a longer one (only carry-state feeds longer ones).
    // Step 1, all variants: p + 1.1, error 0.1. Step 2: seed/renormalise (W rows again)
    // p + 2.2, error 0.2; carry-state (W + 1 rows) p + 1.1 + 0.9 = p + 2, error 0.
    // Persistence is off by h. Mean U: exact (0.1 + 0.2/2)/2 = 0.1; carry-state (0.1 + 0)/2 = 0.05.
    double[][] series = linear(100, 20);
    SequenceModel model = new SequenceModel() {
      @Override
      public int inputFeatures() {
        return 1;
      }

      @Override
      public double[] predict(double[][][] windows) {
        double[] out = new double[windows.length];
        for (int b = 0; b < out.length; b++) {
          double[][] w = windows[b];
          out[b] = w[w.length - 1][0] + (w.length == 3 ? 1.1 : 0.9);
        }
        return out;
      }

      @Override
      public SequenceModel copy() {
        return this;
      }
    };
    ForecastSpec spec = new ForecastSpec(3, 1, 0, 2, Normalisation.NONE, RollForward.SEED);
    HeldOutEvaluation e = HeldOutEvaluator.evaluate(model, spec, series, 10);

    VariantEvaluation carry = e.variants().get(RollForward.CARRY_STATE);
    VariantEvaluation seed = e.variants().get(RollForward.SEED);
    assertThat(carry.perHorizon().get(0).rmse()).isCloseTo(0.1, within(1e-9));
    assertThat(carry.perHorizon().get(1).rmse()).isCloseTo(0, within(1e-9));
    assertThat(seed.perHorizon().get(1).rmse()).isCloseTo(0.2, within(1e-9));
    assertThat(carry.meanTheilU()).isCloseTo(0.05, within(1e-9));
    assertThat(seed.meanTheilU()).isCloseTo(0.1, within(1e-9));
    assertThat(e.winner()).isEqualTo(RollForward.SEED);

    JsonNode json = e.toJson(ModelArtifact.json());
    assertThat(json.at("/variants/carry-state/exact").asBoolean()).isFalse();
    assertThat(json.at("/variants/seed/exact").asBoolean()).isTrue();
    assertThat(json.at("/variants/carry-state/perHorizon/1/rmse").asDouble())
        .isCloseTo(0, within(1e-9));
    assertThat(e.table()).contains("carry-state").contains("not eligible")
        .contains("every roll-forward variant");
  }

  @Test
  void theJsonHoldsEveryHorizonOfEveryVariant() {
    double[][] series = linear(20, 30);
    var model = new Dl4jSequenceModel(TestModels.lastValuePlus(new double[] {1}, 0.01), 1);
    ForecastSpec spec = new ForecastSpec(2, 1, 0, 2, Normalisation.FIRST_PRICE, RollForward.SEED);
    HeldOutEvaluation e = HeldOutEvaluator.evaluate(model, spec, series, 20);

    JsonNode json = e.toJson(ModelArtifact.json());

    assertThat(json.get("heldOutWindows").asInt()).isEqualTo(8);
    assertThat(json.get("rollForwardWinner").asText()).isEqualTo("renormalise");
    assertThat(json.at("/variants/seed/perHorizon")).hasSize(2);
    assertThat(json.at("/variants/renormalise/perHorizon/1/count").asInt()).isEqualTo(7);
    assertThat(json.at("/variants/renormalise/perHorizon/1/rmse").asDouble())
        .isEqualTo(e.variants().get(RollForward.RENORMALISE).perHorizon().get(1).rmse());
    assertThat(json.at("/pointByPoint/theilU").asDouble())
        .isEqualTo(e.pointByPointMetrics().theilU());
    assertThat(json.at("/pointByPoint/dieboldMariano/statistic").asDouble())
        .isEqualTo(e.pointByPointDieboldMariano().statistic());
    assertThat(json.at("/variants/seed/perHorizon/1/dieboldMariano/pValue").asDouble())
        .isEqualTo(e.variants().get(RollForward.SEED).dieboldMariano().get(1).pValue());
    assertThat(e.table()).contains("winner: renormalise").contains("persist.rmse");
  }

  private static double sq(double x) {
    return x * x;
  }
}
