package io.tickcast.core.eval;

/**
 * Scores prediction intervals against actual prices: empirical coverage, mean width and the
 * interval score.
 */
public final class IntervalScores {
  private IntervalScores() {}

  /**
   * The interval (Winkler) score of one central interval at nominal coverage 1 − α: {@code (u −
   * l) + (2/α)(l − y) 1{y < l} + (2/α)(y − u) 1{y > u}} (Gneiting and Raftery, "Strictly proper
   * scoring rules, prediction, and estimation", JASA 2007, eq. 43; Winkler 1972). Price units;
   * lower is better: narrow intervals score well unless the actual falls outside.
   *
   * @param lower lower bound
   * @param upper upper bound
   * @param actual the actual price
   * @param level nominal coverage 1 − α, strictly between 0 and 1
   */
  public static double intervalScore(double lower, double upper, double actual, double level) {
    double alpha = 1.0 - level;
    double s = upper - lower;
    if (actual < lower) {
      s += 2.0 / alpha * (lower - actual);
    } else if (actual > upper) {
      s += 2.0 / alpha * (actual - upper);
    }
    return s;
  }

  /**
   * Coverage, mean width and mean interval score of intervals at one horizon and level, over the
   * cells with an actual value.
   *
   * @param horizon the horizon the cells are at (reported only)
   * @param level nominal coverage, strictly between 0 and 1
   * @param lower lower bounds, shape {@code [n]}
   * @param upper upper bounds, shape {@code [n]}
   * @param actual actual prices, shape {@code [n]}; {@code NaN} cells (past the end of the
   *     series) are skipped
   * @return the metrics; coverage, width and score are {@code NaN} when no cell is scored
   */
  public static IntervalMetrics score(int horizon, double level, double[] lower, double[] upper,
      double[] actual) {
    if (lower.length != actual.length || upper.length != actual.length) {
      throw new IllegalArgumentException("bounds and actuals differ in length: " + lower.length
          + ", " + upper.length + ", " + actual.length);
    }
    int count = 0;
    int covered = 0;
    double width = 0;
    double score = 0;
    for (int i = 0; i < actual.length; i++) {
      double y = actual[i];
      if (Double.isNaN(y)) {
        continue;
      }
      count++;
      if (lower[i] <= y && y <= upper[i]) {
        covered++;
      }
      width += upper[i] - lower[i];
      score += intervalScore(lower[i], upper[i], y, level);
    }
    if (count == 0) {
      return new IntervalMetrics(horizon, level, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new IntervalMetrics(horizon, level, count, (double) covered / count, width / count,
        score / count);
  }
}
