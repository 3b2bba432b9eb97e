package io.tickcast.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.guard.ForecastGuard.Verdict;
import io.tickcast.core.model.InputProfile;
import io.tickcast.core.normalise.Normalisation;
import org.junit.jupiter.api.Test;

class ForecastGuardTest {
  private static final InputProfile PROFILE =
      new InputProfile(new double[] {-0.2}, new double[] {0.3}, 0.999, 0.01, 0.05);

  @Test
  void inputRangeIsTheTrainingRangeWidenedByMarginTimesSpan() {
    ForecastGuard g = new ForecastGuard(Normalisation.FIRST_PRICE, 1, 0, PROFILE, 1.0, 2.0);
    // span 0.5: [-0.2 - 0.5, 0.3 + 0.5]
    assertThat(g.inputMin(0)).isEqualTo(-0.7);
    assertThat(g.inputMax(0)).isEqualTo(0.8);
    assertThat(g.checkInput(new double[][] {{0.0}, {0.79}})).isEqualTo(Verdict.OK);
    assertThat(g.checkInput(new double[][] {{0.0}, {0.81}})).isEqualTo(Verdict.INPUT_OUT_OF_RANGE);
    assertThat(g.checkInput(new double[][] {{0.0}, {-0.71}})).isEqualTo(Verdict.INPUT_OUT_OF_RANGE);
    assertThat(g.checkInput(new double[][] {{0.0}, {Double.POSITIVE_INFINITY}}))
        .isEqualTo(Verdict.INPUT_NON_FINITE);
    assertThat(g.checkInput(new double[][] {{5.0}, {Double.NaN}}))
        .isEqualTo(Verdict.INPUT_NON_FINITE);
  }

  @Test
  void withoutAProfileRatioModesUseTheDocumentedFallbackAndNoneOnlyFiniteness() {
    ForecastGuard ratio = new ForecastGuard(Normalisation.LAST_PRICE, 1, 0, null, 1.0, 2.0);
    assertThat(ratio.inputMin(0)).isEqualTo(-0.9);
    assertThat(ratio.inputMax(0)).isEqualTo(9.0);
    ForecastGuard none = new ForecastGuard(Normalisation.NONE, 1, 0, null, 1.0, 2.0);
    assertThat(none.checkInput(new double[][] {{-1e300}, {1e300}})).isEqualTo(Verdict.OK);
    assertThat(none.checkOutput(1.0, -1e300)).isEqualTo(Verdict.OK);
  }

  @Test
  void ratioOutputsArePositiveFiniteAndWithinAFactorOfTheLastPrice() {
    ForecastGuard g = new ForecastGuard(Normalisation.FIRST_PRICE, 1, 0, PROFILE, 1.0, 2.0);
    assertThat(g.checkOutput(100, 199.9)).isEqualTo(Verdict.OK);
    assertThat(g.checkOutput(100, 50.1)).isEqualTo(Verdict.OK);
    assertThat(g.checkOutput(100, 200.1)).isEqualTo(Verdict.OUTPUT_OUT_OF_BOUND);
    assertThat(g.checkOutput(100, 49.9)).isEqualTo(Verdict.OUTPUT_OUT_OF_BOUND);
    assertThat(g.checkOutput(100, -3)).isEqualTo(Verdict.OUTPUT_NON_POSITIVE);
    assertThat(g.checkOutput(100, 0)).isEqualTo(Verdict.OUTPUT_NON_POSITIVE);
    assertThat(g.checkOutput(100, Double.NaN)).isEqualTo(Verdict.OUTPUT_NON_FINITE);
    assertThat(g.checkOutput(1e-300, 1e300)).isEqualTo(Verdict.OUTPUT_OUT_OF_BOUND);
    assertThat(g.checkOutputs(100, 101, new double[] {101, 102, -1}))
        .isEqualTo(Verdict.OUTPUT_NON_POSITIVE);
  }

  @Test
  void noneOutputsMoveAtMostRTimesTheTrainingSpan() {
    ForecastGuard g = new ForecastGuard(Normalisation.NONE, 1, 0, PROFILE, 1.0, 2.0);
    // span 0.5, R = 2: |value - last| <= 1.0; negative values are fine.
    assertThat(g.checkOutput(-0.5, -1.4)).isEqualTo(Verdict.OK);
    assertThat(g.checkOutput(-0.5, -1.6)).isEqualTo(Verdict.OUTPUT_OUT_OF_BOUND);
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(() -> new ForecastGuard(Normalisation.NONE, 1, 0, null, -1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastGuard(Normalisation.NONE, 1, 0, null, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastGuard(Normalisation.NONE, 2, 0, PROFILE, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
