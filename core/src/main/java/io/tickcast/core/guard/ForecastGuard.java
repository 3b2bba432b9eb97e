package io.tickcast.core.guard;

import io.tickcast.core.model.InputProfile;
import io.tickcast.core.normalise.Normalisation;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides whether a window may be forecast and whether a forecast may be published, so that
 * every price Tickcast emits is usable.
 *
 * <p><b>Inputs.</b> Every normalised value must be finite, and column c's normalised values must
 * lie in {@code [min_c - m·s_c, max_c + m·s_c]}, where {@code [min_c, max_c]} is the range the
 * training windows covered ({@link InputProfile}), {@code s_c = max_c - min_c} and m the margin.
 * Without a profile (a {@code model.json} older than it) the ratio modes use the fallback {@code
 * [-0.9, 9]} (every price within 0.1× to 10× of the window's base price), and {@code none} checks
 * finiteness only.
 *
 * <p><b>Outputs</b> (next step and every path step), against the window's last price {@code
 * p_last}: finite; for the ratio modes also {@code > 0} and {@code p_last / R <= value <= p_last
 * · R}; for {@code none}, {@code |value - p_last| <= R · s_target} when a profile is present
 * (finite only without one).
 *
 * <p>Immutable and thread-safe.
 */
public final class ForecastGuard {
  /** Fallback normalised range of the ratio modes when the model has no {@link InputProfile}. */
  public static final double FALLBACK_RATIO_MIN = -0.9;
  /** Upper end of {@link #FALLBACK_RATIO_MIN}'s range. */
  public static final double FALLBACK_RATIO_MAX = 9.0;

  /** Why a window or a forecast was withheld; {@link #code()} is a bounded metric tag value. */
  public enum Verdict {
    /** Usable. */
    OK,
    /** A normalised input is NaN or infinite (e.g. a huge price overflowed {@code p/p0}). */
    INPUT_NON_FINITE,
    /** A normalised input lies outside the range derived from the training data. */
    INPUT_OUT_OF_RANGE,
    /** The model returned NaN or an infinity. */
    OUTPUT_NON_FINITE,
    /** The model returned a price {@code <= 0} under a ratio normalisation. */
    OUTPUT_NON_POSITIVE,
    /** The forecast is farther from the last price than the output bound allows. */
    OUTPUT_OUT_OF_BOUND;

    /** Lower-case code, e.g. {@code input_out_of_range}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Normalisation normalisation;
  private final int targetColumn;
  private final double[] lo;
  private final double[] hi;
  private final double maxRatio;
  private final double maxAbsMove;

  /**
   * @param normalisation the model's normalisation
   * @param features F, input columns
   * @param targetColumn the forecast column
   * @param profile the training profile, or null for the fallbacks
   * @param margin m >= 0, widening of the training range as a multiple of its span
   * @param maxRatio R > 1, the output bound
   * @throws IllegalArgumentException if m < 0, R <= 1 or the profile has another column count
   */
  public ForecastGuard(Normalisation normalisation, int features, int targetColumn,
      InputProfile profile, double margin, double maxRatio) {
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("input margin must be finite and >= 0, was " + margin);
    }
    if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
      throw new IllegalArgumentException("output max ratio must be finite and > 1, was " + maxRatio);
    }
    this.normalisation = normalisation;
    this.targetColumn = targetColumn;
    this.maxRatio = maxRatio;
    lo = new double[features];
    hi = new double[features];
    if (profile != null) {
      if (profile.normalisedMin().length != features || profile.normalisedMax().length != features) {
        throw new IllegalArgumentException("input profile has " + profile.normalisedMin().length
            + " columns, the model " + features);
      }
      for (int c = 0; c < features; c++) {
        double span = profile.normalisedMax()[c] - profile.normalisedMin()[c];
        lo[c] = profile.normalisedMin()[c] - margin * span;
        hi[c] = profile.normalisedMax()[c] + margin * span;
      }
      double targetSpan = profile.normalisedMax()[targetColumn] - profile.normalisedMin()[targetColumn];
      maxAbsMove = normalisation.requiresPositiveValues() ? Double.POSITIVE_INFINITY
          : maxRatio * targetSpan;
    } else if (normalisation.requiresPositiveValues()) {
      Arrays.fill(lo, FALLBACK_RATIO_MIN);
      Arrays.fill(hi, FALLBACK_RATIO_MAX);
      maxAbsMove = Double.POSITIVE_INFINITY;
    } else {
      Arrays.fill(lo, Double.NEGATIVE_INFINITY);
      Arrays.fill(hi, Double.POSITIVE_INFINITY);
      maxAbsMove = Double.POSITIVE_INFINITY;
    }
  }

  /** Lowest accepted normalised value of column c. */
  public double inputMin(int c) {
    return lo[c];
  }

  /** Highest accepted normalised value of column c. */
  public double inputMax(int c) {
    return hi[c];
  }

  /**
   * Checks a normalised window.
   *
   * @param normalised shape {@code [W][F]}
   * @return {@link Verdict#OK}, {@link Verdict#INPUT_NON_FINITE} or {@link
   *     Verdict#INPUT_OUT_OF_RANGE}
   */
  public Verdict checkInput(double[][] normalised) {
    Verdict v = Verdict.OK;
    for (double[] row : normalised) {
      for (int c = 0; c < row.length; c++) {
        double x = row[c];
        if (!Double.isFinite(x)) {
          return Verdict.INPUT_NON_FINITE;
        }
        if (x < lo[c] || x > hi[c]) {
          v = Verdict.INPUT_OUT_OF_RANGE;
        }
      }
    }
    return v;
  }

  /**
   * Checks one forecast price against the window's last price.
   *
   * @param lastPrice the newest tick's price, price units
   * @param value a forecast, price units
   */
  public Verdict checkOutput(double lastPrice, double value) {
    if (!Double.isFinite(value)) {
      return Verdict.OUTPUT_NON_FINITE;
    }
    if (normalisation.requiresPositiveValues()) {
      if (value <= 0) {
        return Verdict.OUTPUT_NON_POSITIVE;
      }
      // value / lastPrice can overflow to infinity, which fails the test as it should.
      double ratio = value / lastPrice;
      return ratio <= maxRatio && ratio >= 1.0 / maxRatio ? Verdict.OK : Verdict.OUTPUT_OUT_OF_BOUND;
    }
    return Math.abs(value - lastPrice) <= maxAbsMove ? Verdict.OK : Verdict.OUTPUT_OUT_OF_BOUND;
  }

  /** The first failing {@link #checkOutput} of a next step and a path, or OK. */
  public Verdict checkOutputs(double lastPrice, double nextStep, double[] path) {
    Verdict v = checkOutput(lastPrice, nextStep);
    for (int i = 0; i < path.length && v == Verdict.OK; i++) {
      v = checkOutput(lastPrice, path[i]);
    }
    return v;
  }

  /** The target column this guard was built for. */
  public int targetColumn() {
    return targetColumn;
  }
}
