package io.tickcast.ticks;

import java.util.Locale;

/**
 * Why a record went to the dead-letter topic. The {@link #code()} is the value of the {@code
 * tickcast.dlq.reason} header and of the {@code reason} tag of {@code tickcast.ticks.rejected}.
 */
public enum RejectReason {
  /** The value bytes are not a tick in the configured wire format. */
  DESERIALIZATION,
  /** A null value (tombstone): ticks are never deleted. */
  TOMBSTONE,
  /** Symbol empty, too long or with characters outside {@link TickValidator#SYMBOL_PATTERN}. */
  INVALID_SYMBOL,
  /** Price NaN or infinite, or not {@code > 0} under a ratio normalisation ({@code first-price}, {@code last-price}). */
  INVALID_PRICE,
  /** Event time before the epoch. */
  INVALID_TIMESTAMP,
  /** The model reads volume and the tick has none. */
  MISSING_VOLUME,
  /** Volume NaN, infinite or negative (or not {@code > 0} under a ratio normalisation). */
  INVALID_VOLUME,
  /** The record key is set and differs from the tick's symbol. */
  KEY_MISMATCH,
  /** Older than the newest tick already in the symbol's window. */
  OUT_OF_ORDER,
  /** Price outside the configured plausible range ({@code tickcast.tick.price.min/max}). */
  PRICE_OUT_OF_RANGE,
  /** JSON price or volume given as a string that is not a plain decimal ({@code "1,455.22"}). */
  PRICE_FORMAT,
  /**
   * Event time before {@code tickcast.tick.time.min.ms} (default 1973-03-03): almost always epoch
   * seconds sent where epoch milliseconds are expected.
   */
  TIMESTAMP_SECONDS,
  /**
   * Event time more than the configured skew ahead of wall-clock time or of the newest tick in
   * the symbol's window.
   */
  FUTURE_TIMESTAMP;

  /** Lower-case code with underscores, e.g. {@code key_mismatch}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
