package io.tickcast.cli;

/**
 * The stream app's default topic names, as compile-time constants for option defaults (they
 * equal {@code io.tickcast.streams.config.AppConfig}'s defaults; a unit test keeps them so).
 */
public final class Topics {
  /** Input topic of ticks. */
  public static final String TICKS = "tickcast.ticks";
  /** Output topic of forecasts. */
  public static final String FORECASTS = "tickcast.forecasts";
  /** Dead-letter topic of rejected ticks. */
  public static final String DEAD_LETTER = "tickcast.ticks.dlq";
  /** Compacted topic of model artifacts. */
  public static final String MODELS = "tickcast.models";

  private Topics() {}
}
