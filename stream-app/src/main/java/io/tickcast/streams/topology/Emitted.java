package io.tickcast.streams.topology;

/**
 * The forecast processor's output, one of two types: a {@link Forecast} record, encoded once, or
 * a {@link DeadLetter} (a tick out of order or too far ahead of its window).
 */
public sealed interface Emitted permits Emitted.Forecast, DeadLetter {
  /**
   * A forecast record in the forecasts topic's wire format (the same bytes the latest-forecasts
   * store holds when that format is Avro).
   *
   * @param bytes the encoded {@link io.tickcast.schemas.Forecast}
   */
  record Forecast(byte[] bytes) implements Emitted {}
}
