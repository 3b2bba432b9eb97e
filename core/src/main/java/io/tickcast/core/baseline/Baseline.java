package io.tickcast.core.baseline;

/**
 * A statistical forecaster the model is scored against: fitted once on the rows its model trains
 * on, then asked for H-step paths from any later origin.
 */
public interface Baseline {

  /** Short name used in tables, JSON and charts, e.g. {@code drift}. */
  String name();

  /**
   * Fits the baseline.
   *
   * @param trainingPrices the target column of the training rows only, oldest first, price
   *     units; every value finite and positive
   * @return the fitted forecaster
   * @throws IllegalArgumentException if there are too few rows for this baseline, or a row is
   *     not finite and positive (the row is named)
   */
  FittedBaseline fit(double[] trainingPrices);

  /**
   * Checks that training prices are usable: at least {@code minRows}, all finite and positive.
   *
   * @throws IllegalArgumentException naming the baseline and the first bad row
   */
  static void checkTrainingPrices(String name, double[] prices, int minRows) {
    if (prices.length < minRows) {
      throw new IllegalArgumentException(name + " baseline needs at least " + minRows
          + " training rows, got " + prices.length);
    }
    for (int i = 0; i < prices.length; i++) {
      if (!(Double.isFinite(prices[i]) && prices[i] > 0)) {
        throw new IllegalArgumentException(name + " baseline: training row " + i
            + " is " + prices[i] + "; prices must be finite and positive (log returns)");
      }
    }
  }
}
