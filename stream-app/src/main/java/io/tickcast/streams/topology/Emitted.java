package io.tickcast.streams.topology;

import io.tickcast.schemas.Forecast;

/**
 * The forecast processor's output: a forecast or a dead letter (an out-of-order tick).
 *
 * @param forecast the forecast, or null
 * @param deadLetter the rejection, or null
 */
public record Emitted(Forecast forecast, DeadLetter deadLetter) {
  /** A forecast. */
  public static Emitted forecast(Forecast forecast) {
    return new Emitted(forecast, null);
  }

  /** A rejected tick. */
  public static Emitted rejected(DeadLetter deadLetter) {
    return new Emitted(null, deadLetter);
  }

  /** Whether this is a rejection. */
  public boolean isRejected() {
    return deadLetter != null;
  }
}
