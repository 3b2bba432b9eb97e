package io.tickcast.core.interval;

import io.tickcast.core.normalise.Normalisation;
import java.util.List;

/**
 * Turns a model's calibrated {@link PredictionIntervals} into price bounds around a window's
 * forecast: at horizon h and level ℓ, {@code lower = denormalise(normalise(forecast, b) − q·s,
 * b)} and {@code upper = denormalise(normalise(forecast, b) + q·s, b)}, where b is the window's
 * normalisation base of the target column, q the level's half-width at h and s the window's
 * scale factor ({@link IntervalScaling#factor}: 1 for {@code none} scaling, the window's
 * volatility for {@code window-volatility}). For {@code first-price} and {@code last-price} that
 * is {@code forecast ∓ q·s·b}; for {@code none}, {@code forecast ∓ q·s}. The calibration scores
 * are measured the same way ({@link #score}), so the trainer's evaluation and the stream app share
 * this one definition. Immutable, thread-safe.
 */
public final class IntervalBands {
  private final Normalisation normalisation;
  private final int targetColumn;
  private final IntervalScaling scaling;
  private final double volatilityFloor;
  private final double[] levels;
  private final double[][] halfWidths;

  /**
   * One level's bounds around one forecast path, price units.
   *
   * @param level nominal coverage, e.g. 0.8
   * @param lower lower bound per horizon 1..n, shape {@code [n]}
   * @param upper upper bound per horizon 1..n, shape {@code [n]}
   */
  public record Band(double level, double[] lower, double[] upper) {}

  /**
   * What the bounds of one window's forecasts depend on.
   *
   * @param base the window's normalisation base of the target column ({@link Normalisation#base})
   * @param factor the half-width's scale factor ({@link IntervalScaling#factor}; 1 when unscaled)
   */
  public record WindowScale(double base, double factor) {}

  /**
   * @param intervals a calibration already checked with {@link PredictionIntervals#validate}
   * @param normalisation the model's normalisation (its space is the half-widths' space)
   * @param targetColumn the forecast column among the window's columns
   */
  public IntervalBands(PredictionIntervals intervals, Normalisation normalisation,
      int targetColumn) {
    this.normalisation = normalisation;
    this.targetColumn = targetColumn;
    this.scaling = intervals.scalingMode();
    this.volatilityFloor = intervals.volatilityFloor() == null ? 0.0 : intervals.volatilityFloor();
    List<PredictionIntervals.Level> ls = intervals.levels();
    levels = new double[ls.size()];
    halfWidths = new double[ls.size()][];
    for (int i = 0; i < ls.size(); i++) {
      levels[i] = ls.get(i).level();
      halfWidths[i] = ls.get(i).halfWidths().stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /**
   * The calibration score of one forecast: {@code |normalise(actual, b) − normalise(forecast,
   * b)|}, normalised units.
   *
   * @param normalisation the model's normalisation
   * @param actual the actual price
   * @param forecast the forecast price
   * @param base the window's base of the target column ({@link Normalisation#base})
   */
  public static double normalisedError(Normalisation normalisation, double actual,
      double forecast, double base) {
    return Math.abs(normalisation.normalise(actual, base)
        - normalisation.normalise(forecast, base));
  }

  /**
   * The calibration score of one forecast: {@link #normalisedError} divided by the window's
   * scale factor.
   *
   * @param normalisation the model's normalisation
   * @param actual the actual price
   * @param forecast the forecast price
   * @param scale the window's base and factor
   */
  public static double score(Normalisation normalisation, double actual, double forecast,
      WindowScale scale) {
    return normalisedError(normalisation, actual, forecast, scale.base()) / scale.factor();
  }

  /**
   * A window's base and scale factor under a scaling.
   *
   * @param window raw rows, shape {@code [W][features]}
   * @param normalisation the model's normalisation
   * @param targetColumn the forecast column
   * @param scaling the half-widths' scaling
   * @param volatilityFloor the least volatility (used by {@code window-volatility} only)
   * @throws io.tickcast.core.normalise.NormalisationException if the base is unusable
   */
  public static WindowScale scale(double[][] window, Normalisation normalisation,
      int targetColumn, IntervalScaling scaling, double volatilityFloor) {
    return new WindowScale(normalisation.base(window)[targetColumn],
        scaling.factor(window, targetColumn, normalisation, volatilityFloor));
  }

  /** Number of calibrated levels (0: the model has no intervals). */
  public int levelCount() {
    return levels.length;
  }

  /** The {@code i}-th level, ascending. */
  public double level(int i) {
    return levels[i];
  }

  /** H, the horizons calibrated (0 when there is no level). */
  public int horizon() {
    return halfWidths.length == 0 ? 0 : halfWidths[0].length;
  }

  /** The half-widths' scaling. */
  public IntervalScaling scaling() {
    return scaling;
  }

  /**
   * The window's base and scale factor under this calibration's scaling.
   *
   * @param window raw rows, shape {@code [W][features]}
   * @throws io.tickcast.core.normalise.NormalisationException if the base is unusable
   */
  public WindowScale scale(double[][] window) {
    return scale(window, normalisation, targetColumn, scaling, volatilityFloor);
  }

  /**
   * Lower bound of level {@code i} at horizon {@code h} around {@code forecast}, price units.
   *
   * @param i level index
   * @param h horizon, 1..H
   * @param forecast the forecast at h, price units
   * @param scale the window's base and factor ({@link #scale(double[][])})
   */
  public double lower(int i, int h, double forecast, WindowScale scale) {
    return normalisation.denormalise(normalisation.normalise(forecast, scale.base())
        - halfWidths[i][h - 1] * scale.factor(), scale.base());
  }

  /** Upper bound, as {@link #lower}. */
  public double upper(int i, int h, double forecast, WindowScale scale) {
    return normalisation.denormalise(normalisation.normalise(forecast, scale.base())
        + halfWidths[i][h - 1] * scale.factor(), scale.base());
  }

  /**
   * Every level's bounds around a forecast path.
   *
   * @param path forecasts for horizons 1..n (n ≤ H; a next-step-only forecast has n = 1), price
   *     units
   * @param scale the window's base and factor ({@link #scale(double[][])})
   * @return one band per level, ascending
   * @throws IllegalArgumentException if the path is longer than H
   */
  public Band[] bands(double[] path, WindowScale scale) {
    if (levels.length > 0 && path.length > horizon()) {
      throw new IllegalArgumentException(
          "path of " + path.length + " steps, intervals calibrated for " + horizon());
    }
    Band[] out = new Band[levels.length];
    for (int i = 0; i < levels.length; i++) {
      double[] lo = new double[path.length];
      double[] hi = new double[path.length];
      for (int h = 1; h <= path.length; h++) {
        lo[h - 1] = lower(i, h, path[h - 1], scale);
        hi[h - 1] = upper(i, h, path[h - 1], scale);
      }
      out[i] = new Band(levels[i], lo, hi);
    }
    return out;
  }
}
