package io.tickcast.core.interval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A model's calibrated prediction intervals, as stored in {@code model.json} under {@code
 * intervals}: per nominal level, one half-width per horizon 1..H in the model's normalised space
 * (split-conformal quantiles of the absolute normalised errors on the validation windows, see
 * {@link ConformalQuantile}). {@link IntervalBands} turns them into price bounds for a window.
 *
 * @param method how they were calibrated, {@value #SPLIT_CONFORMAL}
 * @param scaling {@link IntervalScaling#configName()}: {@code none} (also when absent, as in a
 *     {@code model.json} written before the field existed: the half-widths are used as is) or
 *     {@code window-volatility} (the half-widths are multiples of the window's volatility)
 * @param volatilityFloor for {@code window-volatility}, the least window volatility used, {@code
 *     > 0} (one tenth of the median over the validation windows); {@code null} for {@code none}
 * @param calibrationWindows per horizon 1..H, how many validation windows were scored (window i
 *     is scored at horizon h only when its target row {@code i + W + h − 1} precedes the held-out
 *     rows)
 * @param levels the calibrated levels, ascending
 * @param skipped levels asked for but not calibrated, with the reason (too few validation
 *     windows for a finite quantile at some horizon); empty when none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PredictionIntervals(String method, String scaling, Double volatilityFloor,
    List<Integer> calibrationWindows, List<Level> levels, List<Skipped> skipped) {

  /** {@link #method} of the trainer's calibration. */
  public static final String SPLIT_CONFORMAL =
      "split-conformal: (n+1)-corrected quantile of |normalised actual - normalised forecast|"
          + " on the validation windows";

  /** {@link #method} of the trainer's calibration under {@code window-volatility} scaling. */
  public static final String SPLIT_CONFORMAL_SCALED =
      "split-conformal, studentized: (n+1)-corrected quantile of |normalised actual - normalised"
          + " forecast| / window volatility on the validation windows";

  /**
   * One nominal level.
   *
   * @param level nominal coverage, strictly between 0 and 1 (e.g. 0.8)
   * @param halfWidths per horizon 1..H, the interval half-width in normalised units (for {@code
   *     first-price}/{@code last-price}: a fraction of the window's base price; {@code none}:
   *     price units); under {@code window-volatility} scaling, in units of the window's
   *     volatility (multiplied by it to give the normalised half-width)
   */
  public record Level(double level, List<Double> halfWidths) {}

  /**
   * A level that could not be calibrated.
   *
   * @param level the nominal coverage asked for
   * @param reason why, e.g. too few validation windows at some horizon
   */
  public record Skipped(double level, String reason) {}

  /** Empty lists for absent ones; an absent {@code scaling} is {@code none}. */
  public PredictionIntervals {
    scaling = scaling == null ? IntervalScaling.NONE.configName() : scaling;
    calibrationWindows = calibrationWindows == null ? List.of() : List.copyOf(calibrationWindows);
    levels = levels == null ? List.of() : List.copyOf(levels);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /** Unscaled ({@code none}) intervals, as calibrated before scaling existed. */
  public PredictionIntervals(String method, List<Integer> calibrationWindows, List<Level> levels,
      List<Skipped> skipped) {
    this(method, null, null, calibrationWindows, levels, skipped);
  }

  /** {@link #scaling}, parsed. */
  public IntervalScaling scalingMode() {
    return IntervalScaling.fromConfig(scaling);
  }

  /**
   * Checks the calibration fits a model of horizon H.
   *
   * @param horizon the model's H
   * @throws IllegalArgumentException naming the level and horizon of the first bad value: a level
   *     outside (0, 1) or repeated, a half-width list whose length is not H, a half-width that is
   *     negative, NaN or infinite; an unknown scaling, or {@code window-volatility} without a
   *     finite volatility floor {@code > 0}
   */
  public void validate(int horizon) {
    if (scalingMode() == IntervalScaling.WINDOW_VOLATILITY
        && !(volatilityFloor != null && volatilityFloor > 0.0 && Double.isFinite(volatilityFloor))) {
      throw new IllegalArgumentException("intervals.scaling window-volatility needs a finite"
          + " intervals.volatilityFloor > 0, was " + volatilityFloor);
    }
    double previous = 0.0;
    for (Level l : levels) {
      if (!(l.level() > 0.0 && l.level() < 1.0)) {
        throw new IllegalArgumentException(
            "interval level must be strictly between 0 and 1, was " + l.level());
      }
      if (!(l.level() > previous)) {
        throw new IllegalArgumentException("interval levels must be ascending and distinct, "
            + l.level() + " follows " + previous);
      }
      previous = l.level();
      if (l.halfWidths() == null || l.halfWidths().size() != horizon) {
        throw new IllegalArgumentException("interval level " + l.level() + " has "
            + (l.halfWidths() == null ? 0 : l.halfWidths().size())
            + " half-widths, the model's horizon is " + horizon);
      }
      for (int h = 0; h < horizon; h++) {
        Double q = l.halfWidths().get(h);
        if (q == null || !Double.isFinite(q) || q < 0.0) {
          throw new IllegalArgumentException("interval level " + l.level() + " at horizon "
              + (h + 1) + " has half-width " + q + "; expected a finite number >= 0");
        }
      }
    }
  }
}
