package io.tickcast.core.interval;

import java.util.Arrays;

/**
 * The split-conformal quantile of calibration scores: for n scores and nominal coverage {@code
 * level} = 1 − α, the ⌈(n + 1)·level⌉-th smallest score (the finite-sample corrected empirical
 * quantile; Lei, G'Sell, Rinaldo, Tibshirani and Wasserman, "Distribution-free predictive
 * inference for regression", JASA 2018; Angelopoulos and Bates, "A gentle introduction to
 * conformal prediction", 2021, section 1). With exchangeable scores, a new score lies at or below
 * it with probability at least {@code level}.
 */
public final class ConformalQuantile {
  private ConformalQuantile() {}

  /**
   * The 1-based rank ⌈(n + 1)·level⌉ of the conformal quantile among n sorted scores; above n
   * when there are too few scores for the level (the quantile is then +∞).
   *
   * @param n number of calibration scores, at least 0
   * @param level nominal coverage, strictly between 0 and 1
   * @throws IllegalArgumentException if the level or n is out of range
   */
  public static int rank(int n, double level) {
    checkLevel(level);
    if (n < 0) {
      throw new IllegalArgumentException("score count must be >= 0, was " + n);
    }
    // A hair below the ceiling so that e.g. (19 + 1) * 0.95 = 19.000000000000004 gives 19.
    return (int) Math.ceil((n + 1) * level - 1e-9);
  }

  /**
   * The fewest scores for which the quantile at {@code level} is finite: ⌈1/(1 − level)⌉ − 1
   * (e.g. 4 for 0.8, 19 for 0.95).
   */
  public static int minimumScores(double level) {
    checkLevel(level);
    int n = 0;
    while (rank(n, level) > n) {
      n++;
    }
    return n;
  }

  /**
   * The conformal quantile of {@code scores}.
   *
   * @param scores calibration scores (e.g. absolute errors); not modified; every one finite
   * @param level nominal coverage, strictly between 0 and 1
   * @return the ⌈(n + 1)·level⌉-th smallest score, or {@link Double#POSITIVE_INFINITY} when that
   *     rank exceeds n
   * @throws IllegalArgumentException if a score is not finite or the level is out of range
   */
  public static double of(double[] scores, double level) {
    int k = rank(scores.length, level);
    if (k > scores.length) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sorted = scores.clone();
    for (double s : sorted) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("calibration score is not finite: " + s);
      }
    }
    Arrays.sort(sorted);
    return sorted[k - 1];
  }

  static void checkLevel(double level) {
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException(
          "interval level must be strictly between 0 and 1, was " + level);
    }
  }
}
