package io.tickcast.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IntervalScoresTest {
  @Test
  void coverageWidthAndWinklerScoreOfAKnownExample() {
    // Intervals [0, 2] at 80% (alpha 0.2, penalty 2/alpha = 10). Actuals 1 (inside), 2 (on the
    // upper end: inside), 3 (1 above), -1 (1 below), NaN (not scored).
    double[] lo = {0, 0, 0, 0, 0};
    double[] hi = {2, 2, 2, 2, 2};
    double[] y = {1, 2, 3, -1, Double.NaN};
    IntervalMetrics m = IntervalScores.score(7, 0.8, lo, hi, y);
    assertThat(m.horizon()).isEqualTo(7);
    assertThat(m.count()).isEqualTo(4);
    assertThat(m.coverage()).isEqualTo(0.5);
    assertThat(m.meanWidth()).isEqualTo(2.0);
    // scores 2, 2, 2 + 10, 2 + 10 -> mean 28 / 4 = 7
    assertThat(m.intervalScore()).isCloseTo(7.0, within(1e-12));
  }

  @Test
  void theScorePenalisesMissesByTwoOverAlpha() {
    // 95%: alpha 0.05, 2/alpha = 40; actual 0.5 below a width-1 interval -> 1 + 20.
    assertThat(IntervalScores.intervalScore(10, 11, 9.5, 0.95)).isCloseTo(21.0, within(1e-9));
    assertThat(IntervalScores.intervalScore(10, 11, 10.5, 0.95)).isEqualTo(1.0);
  }

  @Test
  void nothingScoredGivesNaN() {
    IntervalMetrics m = IntervalScores.score(1, 0.8, new double[] {0}, new double[] {1},
        new double[] {Double.NaN});
    assertThat(m.count()).isZero();
    assertThat(m.coverage()).isNaN();
  }
}
