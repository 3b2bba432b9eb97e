package io.tickcast.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DieboldMarianoTest {
  @Test
  void statisticAndPValueOfAHandComputedExample() {
    // d = e1^2 - e2^2 = [0, 3, -1, 8]; mean 2.5; gamma_0 = (6.25 + 0.25 + 12.25 + 30.25) / 4 = 12.25
    // DM = 2.5 / sqrt(12.25 / 4) = 2.5 / 1.75 = 10/7; Phi(1.4286) = 0.92344 (normal table)
    DieboldMariano.Result r =
        DieboldMariano.test(new double[] {1, -2, 0, 3}, new double[] {1, 1, 1, 1}, 1);
    assertThat(r.statistic()).isCloseTo(10.0 / 7, within(1e-12));
    assertThat(r.pValue()).isCloseTo(2 * (1 - 0.92344), within(2e-4));
  }

  @Test
  void longerHorizonsAddAutocovariances() {
    // d = [0, 3, -1, 8], mean 2.5; gamma_1 = ((0.5)(-2.5) + (-3.5)(0.5) + (5.5)(-3.5)) / 4
    //   = -22.25 / 4 = -5.5625; V = 12.25 + 2 (-5.5625) = 1.125; DM = 2.5 / sqrt(1.125 / 4)
    DieboldMariano.Result r =
        DieboldMariano.test(new double[] {1, -2, 0, 3}, new double[] {1, 1, 1, 1}, 2);
    assertThat(r.statistic()).isCloseTo(2.5 / Math.sqrt(1.125 / 4), within(1e-12));
  }

  @Test
  void identicalForecastsHaveNoStatistic() {
    DieboldMariano.Result r = DieboldMariano.test(new double[] {1, 2}, new double[] {1, 2}, 1);
    assertThat(r.statistic()).isNaN();
  }
}
