package io.tickcast.core.baseline;

import java.util.Map;

/** A baseline fitted on its training rows. */
public interface FittedBaseline {

  /** The baseline's name, as {@link Baseline#name()}. */
  String name();

  /**
   * Forecasts the next {@code horizon} prices after {@code origin}.
   *
   * @param series prices of the target column, oldest first, price units; only {@code
   *     series[0..origin]} is read (what has been observed at the origin)
   * @param origin index of the last observed price
   * @param horizon H, steps ahead, at least 1
   * @return forecasts for {@code origin + 1 .. origin + H}, shape {@code [H]}, price units
   * @throws IllegalArgumentException if {@code origin} leaves too little history or is outside
   *     {@code series}
   */
  double[] forecast(double[] series, int origin, int horizon);

  /** The fitted parameters (name to number), for the model metadata and reports. */
  Map<String, Object> parameters();

  /**
   * Paths from consecutive origins: row {@code i} is {@link #forecast forecast(series,
   * firstOrigin + i, horizon)}.
   *
   * @param count number of origins
   * @return shape {@code [count][H]}, price units
   */
  default double[][] paths(double[] series, int firstOrigin, int count, int horizon) {
    double[][] out = new double[count][];
    for (int i = 0; i < count; i++) {
      out[i] = forecast(series, firstOrigin + i, horizon);
    }
    return out;
  }

  /** Rejects an origin outside {@code [minOrigin, series.length)} or a horizon below 1. */
  static void checkOrigin(String name, double[] series, int origin, int minOrigin, int horizon) {
    if (origin < minOrigin || origin >= series.length) {
      throw new IllegalArgumentException(name + " baseline: origin " + origin + " outside ["
          + minOrigin + ", " + series.length + ")");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException(name + " baseline: horizon must be >= 1, was " + horizon);
    }
  }

  /**
   * {@code ln series[row]}.
   *
   * @throws IllegalArgumentException if the price is not finite and positive (the row is named)
   */
  static double logPrice(String name, double[] series, int row) {
    double p = series[row];
    if (!(Double.isFinite(p) && p > 0)) {
      throw new IllegalArgumentException(name + " baseline: row " + row + " is " + p
          + "; prices must be finite and positive (log scale)");
    }
    return Math.log(p);
  }
}
