package io.tickcast.ticks;

import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Tick;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one decoded tick against the rules every window relies on. Stateless; the window
 * ordering rules live in {@link io.tickcast.streams.window.WindowPolicy}.
 */
public final class TickValidator {
  /** Longest accepted symbol, characters. */
  public static final int MAX_SYMBOL_LENGTH = 32;
  /** Accepted symbols: 1-32 of letters, digits and {@code . _ : ^ / = -}. */
  public static final Pattern SYMBOL_PATTERN = Pattern.compile("[A-Za-z0-9._:^/=-]{1,32}");

  /** A failed check: the reason code and a human-readable detail. */
  public record Violation(RejectReason reason, String detail) {}

  /** Default largest accepted {@code |price|}. */
  public static final double DEFAULT_PRICE_MAX = 1e9;
  /** Default smallest accepted price under a ratio normalisation. */
  public static final double DEFAULT_PRICE_MIN = 1e-9;
  /**
   * Default earliest accepted event time, epoch ms: 10^11 ms = 1973-03-03T09:46:40Z. Epoch
   * seconds of any date before the year 5138 are below it, so a timestamp in seconds cannot pass
   * as milliseconds.
   */
  public static final long DEFAULT_TIME_MIN_MS = 100_000_000_000L;

  private final Normalisation normalisation;
  private final boolean needsVolume;
  private final Pattern symbolPattern;
  private final double priceMin;
  private final double priceMax;
  private final long timeMinMs;
  private final long wallSkewMs;

  /**
   * A validator with the default symbol pattern, price range and time floor and no wall-clock
   * check.
   *
   * @param normalisation the model's normalisation (ratio normalisations require positive prices)
   * @param needsVolume whether the model reads a volume column
   */
  public TickValidator(Normalisation normalisation, boolean needsVolume) {
    this(normalisation, needsVolume, SYMBOL_PATTERN, DEFAULT_PRICE_MIN, DEFAULT_PRICE_MAX,
        DEFAULT_TIME_MIN_MS, 0);
  }

  /**
   * @param normalisation the model's normalisation (ratio normalisations require positive prices)
   * @param needsVolume whether the model reads a volume column
   * @param symbolPattern accepted symbols (whole match)
   * @param priceMin smallest accepted price under a ratio normalisation, > 0
   * @param priceMax largest accepted {@code |price|}
   * @param timeMinMs earliest accepted event time, epoch ms
   * @param wallSkewMs most an event time may be ahead of the wall clock, ms; 0: not checked
   */
  public TickValidator(Normalisation normalisation, boolean needsVolume, Pattern symbolPattern,
      double priceMin, double priceMax, long timeMinMs, long wallSkewMs) {
    this.normalisation = normalisation;
    this.needsVolume = needsVolume;
    this.symbolPattern = symbolPattern;
    this.priceMin = priceMin;
    this.priceMax = priceMax;
    this.timeMinMs = timeMinMs;
    this.wallSkewMs = wallSkewMs;
  }

  /** Whether a symbol is acceptable (also used for HTTP path parameters). */
  public static boolean validSymbol(String symbol) {
    return symbol != null && SYMBOL_PATTERN.matcher(symbol).matches();
  }

  /** {@link #check(Tick, long)} without the wall-clock check. */
  public Optional<Violation> check(Tick tick) {
    return check(tick, Long.MAX_VALUE);
  }

  /**
   * Checks a tick.
   *
   * @param tick a decoded tick
   * @param nowMs wall-clock time, epoch ms (the processor's clock)
   * @return the first rule it breaks, or empty when valid
   */
  public Optional<Violation> check(Tick tick, long nowMs) {
    String symbol = tick.getSymbol();
    if (symbol == null || !symbolPattern.matcher(symbol).matches()) {
      String shown = symbol == null ? "null" : symbol.length() > 40 ? symbol.substring(0, 40) + "..." : symbol;
      return Optional.of(new Violation(RejectReason.INVALID_SYMBOL, "symbol '" + shown
          + "' does not match " + symbolPattern.pattern()));
    }
    long ts = tick.getTimestamp().toEpochMilli();
    if (ts < 0) {
      return Optional.of(new Violation(RejectReason.INVALID_TIMESTAMP,
          "timestamp " + ts + " is before the epoch"));
    }
    if (ts < timeMinMs) {
      return Optional.of(new Violation(RejectReason.TIMESTAMP_SECONDS, "timestamp " + ts
          + " is before " + java.time.Instant.ofEpochMilli(timeMinMs)
          + ": epoch seconds? ticks carry epoch milliseconds"));
    }
    if (wallSkewMs > 0 && nowMs != Long.MAX_VALUE && ts - nowMs > wallSkewMs) {
      return Optional.of(new Violation(RejectReason.FUTURE_TIMESTAMP, "timestamp "
          + tick.getTimestamp() + " is " + (ts - nowMs) + " ms ahead of the wall clock (at most "
          + wallSkewMs + ")"));
    }
    double price = tick.getPrice();
    if (!Double.isFinite(price)) {
      return Optional.of(new Violation(RejectReason.INVALID_PRICE, "price " + price + " is not finite"));
    }
    boolean positive = normalisation.requiresPositiveValues();
    if (positive && price <= 0.0) {
      return Optional.of(new Violation(RejectReason.INVALID_PRICE, "price " + price
          + " must be > 0 for " + normalisation.configName() + " normalisation"));
    }
    if (Math.abs(price) > priceMax || (positive && price < priceMin)) {
      return Optional.of(new Violation(RejectReason.PRICE_OUT_OF_RANGE, "price " + price
          + " is outside the plausible range " + (positive ? "[" + priceMin + ", " + priceMax + "]"
              : "|price| <= " + priceMax)));
    }
    if (needsVolume) {
      Double volume = tick.getVolume();
      if (volume == null) {
        return Optional.of(new Violation(RejectReason.MISSING_VOLUME,
            "the model reads volume and the tick has none"));
      }
      if (!Double.isFinite(volume) || volume < 0.0 || (positive && volume == 0.0)) {
        return Optional.of(new Violation(RejectReason.INVALID_VOLUME, "volume " + volume
            + (positive ? " must be finite and > 0 for " + normalisation.configName() + " normalisation"
                : " must be finite and >= 0")));
      }
    }
    return Optional.empty();
  }
}
