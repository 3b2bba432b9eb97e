package io.tickcast.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {
  @Test
  void metricsAgainstAHandComputedExample() {
    double[][] predicted = {{11, 12}, {12, 14}, {9, 8}};
    double[][] actual = {{10, 10}, {13, Double.NaN}, {10, 12}};
    double[] last = {10, 12, 11};

    List<HorizonMetrics> m = ForecastEvaluation.perHorizon(predicted, actual, last);

    HorizonMetrics h1 = m.get(0);
    // errors 1, -1, -1; persistence errors 0, -1, 1
    assertThat(h1.horizon()).isEqualTo(1);
    assertThat(h1.count()).isEqualTo(3);
    assertThat(h1.rmse()).isCloseTo(1.0, within(1e-12));
    assertThat(h1.mae()).isCloseTo(1.0, within(1e-12));
    assertThat(h1.mape()).isCloseTo(100 * (0.1 + 1.0 / 13 + 0.1) / 3, within(1e-9));
    assertThat(h1.persistenceRmse()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    assertThat(h1.theilU()).isCloseTo(1 / Math.sqrt(2.0 / 3), within(1e-12));
    // directions (pred - last, actual - last): (+, 0), (0, +), (-, -) -> 1 of 3
    assertThat(h1.directionalAccuracy()).isCloseTo(1.0 / 3, within(1e-12));

    HorizonMetrics h2 = m.get(1);
    // NaN (series ended) is not scored: errors 2, -4; persistence 0, -1
    assertThat(h2.count()).isEqualTo(2);
    assertThat(h2.rmse()).isCloseTo(Math.sqrt((4 + 16) / 2.0), within(1e-12));
    assertThat(h2.persistenceRmse()).isCloseTo(Math.sqrt(0.5), within(1e-12));
  }

  @Test
  void persistenceForecastHasUnitU() {
    double[][] predicted = {{5}, {6}, {7}};
    double[][] actual = {{6}, {5}, {9}};
    double[] last = {5, 6, 7};
    assertThat(ForecastEvaluation.perHorizon(predicted, actual, last).get(0).theilU())
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void dieboldMarianoAgainstPersistenceSkipsMissingActuals() {
    double[][] predicted = {{11}, {12}, {9}, {50}};
    double[][] actual = {{10}, {13}, {10}, {Double.NaN}};
    double[] last = {10, 12, 11, 40};
    // model errors 1, -1, -1; persistence errors 0, -1, 1: d = [1, 0, 0], mean 1/3,
    // gamma_0 = (4/9 + 1/9 + 1/9) / 3 = 2/9, DM = (1/3) / sqrt((2/9) / 3)
    DieboldMariano.Result r =
        ForecastEvaluation.dieboldMarianoVsPersistence(predicted, actual, last, 1);
    assertThat(r.statistic()).isCloseTo((1.0 / 3) / Math.sqrt(2.0 / 27), within(1e-12));
  }

  @Test
  void rmseOfTwoArrays() {
    assertThat(ForecastEvaluation.rmse(new double[] {1, 2, 3}, new double[] {1, 4, 0}))
        .isCloseTo(Math.sqrt(13.0 / 3), within(1e-12));
  }
}
