package io.tickcast.core.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConformalQuantileTest {
  private static final double[] FIVE = {5, 1, 4, 2, 3};

  @Test
  void isTheCeilingOfNPlusOneTimesLevelOrderStatistic() {
    // n = 5: 0.8 -> ceil(6 x 0.8) = ceil(4.8) = 5th smallest = 5; 0.5 -> ceil(3) = 3rd = 3;
    // 0.6 -> ceil(3.6) = 4th = 4.
    assertThat(ConformalQuantile.of(FIVE, 0.8)).isEqualTo(5.0);
    assertThat(ConformalQuantile.of(FIVE, 0.5)).isEqualTo(3.0);
    assertThat(ConformalQuantile.of(FIVE, 0.6)).isEqualTo(4.0);
    // The uncorrected empirical 0.5 quantile of 1..5 would be 3 too, but for 0.6 it is 3 (the
    // ceil(5 x 0.6) = 3rd): the correction moves one rank up.
    assertThat(FIVE).containsExactly(5, 1, 4, 2, 3); // not sorted in place
  }

  @Test
  void tooFewScoresGiveAnInfiniteQuantile() {
    // n = 5, 0.95 -> ceil(5.7) = 6 > 5.
    assertThat(ConformalQuantile.of(FIVE, 0.95)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ConformalQuantile.of(new double[0], 0.5)).isEqualTo(Double.POSITIVE_INFINITY);
    // ceil(1/(1 - level)) - 1: 4 for 0.8, 19 for 0.95 (ceil(20 x 0.95) = 19 <= 19).
    assertThat(ConformalQuantile.minimumScores(0.8)).isEqualTo(4);
    assertThat(ConformalQuantile.minimumScores(0.95)).isEqualTo(19);
    assertThat(ConformalQuantile.rank(19, 0.95)).isEqualTo(19);
    assertThat(ConformalQuantile.rank(18, 0.95)).isEqualTo(19);
  }

  @Test
  void coversANewExchangeableScoreWithProbabilityRankOverNPlusOne() {
    // n = 9 uniform scores, level 0.8: rank ceil(8) = 8, so P(new <= q) = 8/10 exactly for
    // continuous i.i.d. scores. 40,000 trials: standard error sqrt(0.16/40000) = 0.002.
    Random random = new Random(11);
    int trials = 40_000;
    int covered = 0;
    double[] scores = new double[9];
    for (int t = 0; t < trials; t++) {
      for (int i = 0; i < scores.length; i++) {
        scores[i] = random.nextDouble();
      }
      if (random.nextDouble() <= ConformalQuantile.of(scores, 0.8)) {
        covered++;
      }
    }
    assertThat((double) covered / trials).isCloseTo(0.8, within(0.01));
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> ConformalQuantile.of(new double[] {1, Double.NaN}, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    assertThatThrownBy(() -> ConformalQuantile.of(FIVE, 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> ConformalQuantile.of(FIVE, 0.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
