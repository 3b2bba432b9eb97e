package io.tickcast.trainer.config;

import java.util.List;

/**
 * Prediction intervals (the trainer config's {@code intervals} section): the nominal levels
 * calibrated per horizon on the validation windows and stored in {@code model.json}.
 *
 * @param levels nominal coverages, each strictly between 0 and 1, distinct (default {@code [0.8,
 *     0.95]}); {@code []} calibrates none, and the stream app then emits no bounds
 */
public record IntervalConfig(List<Double> levels) {

  /** Default {@link #levels}. */
  public static final List<Double> DEFAULT_LEVELS = List.of(0.8, 0.95);

  /** Fills the default for an absent list. */
  public IntervalConfig {
    levels = levels == null ? DEFAULT_LEVELS : List.copyOf(levels);
  }

  /** The default levels. */
  public static IntervalConfig defaults() {
    return new IntervalConfig(null);
  }
}
