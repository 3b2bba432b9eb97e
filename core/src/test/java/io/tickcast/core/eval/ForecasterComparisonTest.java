package io.tickcast.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecasterComparisonTest {
  // three origins, two horizons; the last cell of the last origin is past the series
  private static final double[][] ACTUAL = {{11, 12}, {12, 13}, {13, Double.NaN}};
  private static final double[] LAST = {10, 11, 12};
  private static final double[][] MODEL = {{10.5, 11}, {11.5, 12.5}, {12, 0}};
  private static final double[][] PERSISTENCE = {{10, 10}, {11, 11}, {12, 12}};
  private static final double[][] UP_ONE = {{11, 12}, {12, 13}, {13, 14}}; // perfect

  @Test
  void bestBaselineIsTheLowestRmseAndUIsAgainstPersistence() {
    Map<String, double[][]> b = new LinkedHashMap<>();
    b.put("persistence", PERSISTENCE);
    b.put("up", UP_ONE);
    ForecasterComparison c = ForecasterComparison.of("model", MODEL, b, ACTUAL, LAST);
    assertThat(c.forecasters()).extracting(ForecasterComparison.Forecaster::name)
        .containsExactly("model", "persistence", "up");
    // h=1: model errors -0.5, -0.5, -1 -> rmse sqrt(1.5/3); persistence errors all -1 -> 1
    HorizonMetrics m1 = c.forecaster("model").perHorizon().get(0);
    assertThat(m1.rmse()).isCloseTo(Math.sqrt(1.5 / 3), within(1e-12));
    assertThat(m1.theilU()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(c.forecaster("persistence").perHorizon().get(0).theilU()).isEqualTo(1.0);
    // h=2 scores two cells: persistence errors -2, -2 -> rmse 2; model -1, -0.5
    assertThat(c.forecaster("model").perHorizon().get(1).count()).isEqualTo(2);
    assertThat(c.forecaster("model").perHorizon().get(1).theilU())
        .isCloseTo(Math.sqrt(1.25 / 2) / 2, within(1e-12));
    assertThat(c.verdicts()).extracting(ForecasterComparison.Verdict::bestBaseline)
        .containsExactly("up", "up");
    assertThat(c.verdicts().get(0).bestBaselineTheilU()).isZero();
  }

  @Test
  void dieboldMarianoBetweenTwoForecastersGeneralisesTheOneAgainstPersistence() {
    DieboldMariano.Result viaPaths = ForecastEvaluation.dieboldMariano(MODEL, PERSISTENCE, ACTUAL, 1);
    DieboldMariano.Result viaLast =
        ForecastEvaluation.dieboldMarianoVsPersistence(MODEL, ACTUAL, LAST, 1);
    assertThat(viaPaths).isEqualTo(viaLast);
    // d = e_model^2 - e_pers^2 = (0.25-1, 0.25-1, 1-1) = (-0.75, -0.75, 0)
    double mean = -0.5;
    double gamma0 = (0.0625 + 0.0625 + 0.25) / 3;
    assertThat(viaPaths.statistic()).isCloseTo(mean / Math.sqrt(gamma0 / 3), within(1e-12));
  }
}
