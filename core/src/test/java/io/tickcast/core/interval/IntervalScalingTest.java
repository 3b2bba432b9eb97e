package io.tickcast.core.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.normalise.Normalisation;
import org.junit.jupiter.api.Test;

class IntervalScalingTest {
  @Test
  void noneNormalisationUsesThePopulationStandardDeviationOfPriceDifferences() {
    // differences 10, -11: mean -0.5, deviations +-10.5, population sd 10.5.
    double[][] window = {{0, 7}, {10, 7}, {-1, 7}};
    assertThat(IntervalScaling.windowVolatility(window, 0, Normalisation.NONE))
        .isCloseTo(10.5, within(1e-12));
    // the other column is constant
    assertThat(IntervalScaling.windowVolatility(window, 1, Normalisation.NONE)).isZero();
  }

  @Test
  void ratioNormalisationsUseLogReturns() {
    // 100 -> 200 -> 100: log returns +ln 2, -ln 2; mean 0; sd ln 2.
    double[][] window = {{100}, {200}, {100}};
    assertThat(IntervalScaling.windowVolatility(window, 0, Normalisation.LAST_PRICE))
        .isCloseTo(Math.log(2), within(1e-12));
    assertThat(IntervalScaling.windowVolatility(window, 0, Normalisation.FIRST_PRICE))
        .isCloseTo(0.693147180559945, within(1e-12));
  }

  @Test
  void theFactorIsOneUnscaledAndTheFlooredVolatilityScaled() {
    double[][] flat = {{5}, {5}, {5}};
    double[][] moving = {{0}, {10}, {-1}};
    assertThat(IntervalScaling.NONE.factor(moving, 0, Normalisation.NONE, 0.0)).isEqualTo(1.0);
    assertThat(IntervalScaling.WINDOW_VOLATILITY.factor(flat, 0, Normalisation.NONE, 0.25))
        .isEqualTo(0.25);
    assertThat(IntervalScaling.WINDOW_VOLATILITY.factor(moving, 0, Normalisation.NONE, 0.25))
        .isCloseTo(10.5, within(1e-12));
  }

  @Test
  void namesParseAndAnAbsentOneIsNone() {
    assertThat(IntervalScaling.fromConfig(null)).isEqualTo(IntervalScaling.NONE);
    assertThat(IntervalScaling.fromConfig("window-volatility"))
        .isEqualTo(IntervalScaling.WINDOW_VOLATILITY);
    assertThatThrownBy(() -> IntervalScaling.fromConfig("garch"))
        .hasMessageContaining("'garch'").hasMessageContaining("window-volatility");
  }
}
