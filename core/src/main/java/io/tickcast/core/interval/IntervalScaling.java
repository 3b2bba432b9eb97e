package io.tickcast.core.interval;

import io.tickcast.core.config.EnumNames;
import io.tickcast.core.normalise.Normalisation;

/**
 * How a prediction interval's half-width is scaled per window, stored in {@code model.json} as
 * {@code intervals.scaling}.
 *
 * <ul>
 *   <li>{@link #NONE} ({@code none}): the calibrated half-width q_h in the window's normalised
 *       space as is (plain split-conformal; what a {@code model.json} without the field means).
 *   <li>{@link #WINDOW_VOLATILITY} ({@code window-volatility}): studentized, or locally weighted,
 *       split-conformal (Lei et al., JASA 2018, section 5.2; Angelopoulos and Bates 2021,
 *       section 2.3): the calibration score is the normalised absolute error divided by the
 *       window's own volatility σ, and the half-width at a new window is q_h·σ of that window,
 *       so the bands widen in turbulent stretches and narrow in calm ones. σ is the population
 *       standard deviation of the window's W − 1 one-step changes of the target column: log
 *       returns ln(p_t / p_{t−1}) for the ratio normalisations ({@code first-price}, {@code
 *       last-price}; dimensionless, like their normalised errors), price differences p_t −
 *       p_{t−1} for {@code none} (price units, like its errors). It is floored at {@code
 *       volatilityFloor} (the calibrator stores one tenth of the median σ of its validation
 *       windows), so a flat window neither divides by ~0 nor gets a zero-width band.
 * </ul>
 */
public enum IntervalScaling {
  /** One half-width per horizon for every window. */
  NONE("none"),
  /** Half-widths in units of the window's own volatility σ. */
  WINDOW_VOLATILITY("window-volatility");

  /** The calibrator's {@code volatilityFloor}: this fraction of the median validation σ. */
  public static final double FLOOR_FRACTION_OF_MEDIAN = 0.1;

  private final String configName;

  IntervalScaling(String configName) {
    this.configName = configName;
  }

  /** Its name in configs and {@code model.json}. */
  public String configName() {
    return configName;
  }

  /**
   * Parses a config or {@code model.json} name; {@code null} is {@link #NONE} (a model trained
   * before scaling existed).
   *
   * @throws IllegalArgumentException naming the accepted values for an unknown name
   */
  public static IntervalScaling fromConfig(String name) {
    return name == null ? NONE : EnumNames.parse(IntervalScaling.class, name);
  }

  /**
   * The unfloored volatility σ of a window's target column (see the class comment); 0 for a
   * window of one row.
   *
   * @param window raw rows, shape {@code [W][features]}, finite; strictly positive in the target
   *     column for the ratio normalisations
   * @param targetColumn the forecast column
   * @param normalisation the model's normalisation (log returns, or differences for none)
   */
  public static double windowVolatility(double[][] window, int targetColumn,
      Normalisation normalisation) {
    int n = window.length - 1;
    if (n < 1) {
      return 0.0;
    }
    double[] change = new double[n];
    double mean = 0.0;
    for (int t = 1; t <= n; t++) {
      double prev = window[t - 1][targetColumn];
      double cur = window[t][targetColumn];
      change[t - 1] = normalisation.requiresPositiveValues() ? Math.log(cur / prev) : cur - prev;
      mean += change[t - 1];
    }
    mean /= n;
    double ss = 0.0;
    for (double c : change) {
      ss += (c - mean) * (c - mean);
    }
    return Math.sqrt(ss / n);
  }

  /**
   * The factor a window's normalised half-width q_h is multiplied by: 1 for {@link #NONE};
   * {@code max(σ, floor)} for {@link #WINDOW_VOLATILITY}.
   *
   * @param window raw rows, shape {@code [W][features]}
   * @param targetColumn the forecast column
   * @param normalisation the model's normalisation
   * @param floor the least σ, {@code > 0} for {@link #WINDOW_VOLATILITY}
   */
  public double factor(double[][] window, int targetColumn, Normalisation normalisation,
      double floor) {
    if (this == NONE) {
      return 1.0;
    }
    return Math.max(windowVolatility(window, targetColumn, normalisation), floor);
  }
}
