package io.tickcast.trainer.config;

import io.tickcast.core.interval.IntervalScaling;
import java.util.List;

/**
 * Prediction intervals (the trainer config's {@code intervals} section): the nominal levels
 * calibrated per horizon on the validation windows and stored in {@code model.json}.
 *
 * @param levels nominal coverages, each strictly between 0 and 1, distinct (default {@code [0.8,
 *     0.95]}); {@code []} calibrates none, and the stream app then emits no bounds
 * @param scaling {@code window-volatility} (default: each window's half-width is a calibrated
 *     multiple of its own volatility, see {@link IntervalScaling}) or {@code none} (one
 *     half-width per horizon for every window)
 */
public record IntervalConfig(List<Double> levels, String scaling) {

  /** Default {@link #levels}. */
  public static final List<Double> DEFAULT_LEVELS = List.of(0.8, 0.95);
  /** Default {@link #scaling}. */
  public static final String DEFAULT_SCALING = IntervalScaling.WINDOW_VOLATILITY.configName();

  /** Fills the defaults for absent values. */
  public IntervalConfig {
    levels = levels == null ? DEFAULT_LEVELS : List.copyOf(levels);
    scaling = scaling == null ? DEFAULT_SCALING : scaling;
  }

  /** These levels with the default scaling. */
  public IntervalConfig(List<Double> levels) {
    this(levels, null);
  }

  /** The defaults. */
  public static IntervalConfig defaults() {
    return new IntervalConfig(null, null);
  }
}
