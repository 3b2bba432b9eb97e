package io.tickcast.streams.validate;

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

  private final Normalisation normalisation;
  private final boolean needsVolume;

  /**
   * @param normalisation the model's normalisation (ratio normalisations require positive prices)
   * @param needsVolume whether the model reads a volume column
   */
  public TickValidator(Normalisation normalisation, boolean needsVolume) {
    this.normalisation = normalisation;
    this.needsVolume = needsVolume;
  }

  /** Whether a symbol is acceptable (also used for HTTP path parameters). */
  public static boolean validSymbol(String symbol) {
    return symbol != null && SYMBOL_PATTERN.matcher(symbol).matches();
  }

  /**
   * Checks a tick.
   *
   * @param tick a decoded tick
   * @return the first rule it breaks, or empty when valid
   */
  public Optional<Violation> check(Tick tick) {
    String symbol = tick.getSymbol();
    if (!validSymbol(symbol)) {
      String shown = symbol == null ? "null" : symbol.length() > 40 ? symbol.substring(0, 40) + "..." : symbol;
      return Optional.of(new Violation(RejectReason.INVALID_SYMBOL, "symbol '" + shown
          + "' must be 1-" + MAX_SYMBOL_LENGTH + " characters of [A-Za-z0-9._:^/=-]"));
    }
    long ts = tick.getTimestamp().toEpochMilli();
    if (ts < 0) {
      return Optional.of(new Violation(RejectReason.INVALID_TIMESTAMP,
          "timestamp " + ts + " is before the epoch"));
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
