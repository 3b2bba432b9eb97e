package io.tickcast.cli.replay;

import java.util.Locale;

/**
 * A publishing rate in ticks per second; {@link #UNLIMITED} publishes as fast as the producer
 * allows.
 *
 * @param ticksPerSecond ticks per second, {@code > 0}, or {@code +Infinity} for unlimited
 */
public record Rate(double ticksPerSecond) {
  /** The accepted forms, for option descriptions. */
  public static final String FORMS = "500/s, 500 (per second), 30/min, 2/ms or max";
  /** No pacing. */
  public static final Rate UNLIMITED = new Rate(Double.POSITIVE_INFINITY);

  /** @throws IllegalArgumentException if the rate is not positive */
  public Rate {
    if (!(ticksPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + ticksPerSecond);
    }
  }

  /**
   * Parses {@code 500/s}, {@code 500}, {@code 30/min}, {@code 2/ms} or {@code max}.
   *
   * @param text the rate
   * @return the rate
   * @throws IllegalArgumentException with the accepted forms if the text is not a rate
   */
  public static Rate parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("max") || t.equals("unlimited")) {
      return UNLIMITED;
    }
    double perUnit = 1.0;
    String number = t;
    int slash = t.indexOf('/');
    if (slash >= 0) {
      number = t.substring(0, slash).trim();
      perUnit = switch (t.substring(slash + 1).trim()) {
        case "s", "sec", "second" -> 1.0;
        case "ms" -> 0.001;
        case "min", "m", "minute" -> 60.0;
        case "h", "hour" -> 3600.0;
        default -> Double.NaN;
      };
    }
    double n;
    try {
      n = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      n = Double.NaN;
    }
    if (Double.isNaN(perUnit) || !(n > 0) || Double.isInfinite(n)) {
      throw new IllegalArgumentException("invalid rate '" + text
          + "'; use ticks per second like 500/s, 500, 30/min, or max");
    }
    return new Rate(n / perUnit);
  }

  /** Whether ticks are paced at all. */
  public boolean isUnlimited() {
    return Double.isInfinite(ticksPerSecond);
  }

  /** Nanoseconds from the start at which tick {@code i} (0-based) is due. */
  public long dueNanos(long i) {
    return isUnlimited() ? 0 : (long) (i * 1e9 / ticksPerSecond);
  }

  @Override
  public String toString() {
    return isUnlimited() ? "max"
        : java.math.BigDecimal.valueOf(ticksPerSecond).stripTrailingZeros().toPlainString() + "/s";
  }

  /** The picocli converter of every {@code --rate} option: {@link #parse}. */
  public static final class Converter implements picocli.CommandLine.ITypeConverter<Rate> {
    @Override
    public Rate convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
