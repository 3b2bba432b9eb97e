package io.tickcast.cli.replay;

import io.tickcast.core.series.BadRow;
import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.series.PriceSeries;
import io.tickcast.core.series.SeriesFormatException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one price column of a CSV file as a tick series. Prices come from core's {@link
 * CsvSeriesReader}; event times either from a date/time column of the same file or, without one,
 * from a start instant plus a fixed step per row. A bad row is an error or, given a handler,
 * reported and skipped.
 */
public final class CsvTicks {
  private CsvTicks() {}

  /**
   * Where a tick series' event times come from.
   *
   * @param timeColumn the header name of a date or date-time column, or null to use start + step
   * @param timeFormat the {@link DateTimeFormatter} pattern of that column (e.g. {@code
   *     dd-MM-yy}); null means ISO-8601 ({@code 2000-01-03} or {@code 2000-01-03T00:00:00Z})
   * @param start event time of the first row when there is no time column
   * @param step event-time distance between rows when there is no time column, positive
   */
  public record Timing(String timeColumn, String timeFormat, Instant start, Duration step) {
    /** @throws IllegalArgumentException if the step is not positive */
    public Timing {
      if (timeColumn == null && (start == null || step == null || step.isNegative()
          || step.isZero())) {
        throw new IllegalArgumentException("without a time column, a start and a positive step"
            + " are needed, got start " + start + " step " + step);
      }
    }

    /** Times from {@code start}, one row every {@code step}. */
    public static Timing fixedStep(Instant start, Duration step) {
      return new Timing(null, null, start, step);
    }

    /** Times from a column, parsed with the given pattern (null: ISO-8601). */
    public static Timing fromColumn(String column, String pattern) {
      return new Timing(column, pattern, null, null);
    }
  }

  /**
   * A price series with its event times.
   *
   * @param timestamps event times, epoch milliseconds, shape {@code [N]}
   * @param prices prices, price units, shape {@code [N]}
   */
  public record Series(long[] timestamps, double[] prices) {
    /** The number of ticks N. */
    public int size() {
      return prices.length;
    }

    /** The first {@code n} ticks (all of them if there are fewer). */
    public Series head(int n) {
      int k = Math.min(n, prices.length);
      return new Series(Arrays.copyOf(timestamps, k), Arrays.copyOf(prices, k));
    }
  }

  /**
   * Reads a column as ticks; the first bad row is an error.
   *
   * @param file the CSV file
   * @param column the price column's header name, or null for a single-column file
   * @param timing where event times come from
   * @return the series in file order
   * @throws SeriesFormatException if the column is missing, a cell is not a number or a time
   *     cannot be parsed (the message names file, line and value), or times do not increase
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Series read(Path file, String column, Timing timing) {
    return read(file, column, timing, null);
  }

  /**
   * Reads a column as ticks, optionally skipping bad rows: an empty, missing, non-numeric or
   * non-finite price, an unparsable time, or a time not after the previous good row's. Without a
   * time column the good rows get consecutive times {@code start + k × step}.
   *
   * @param onBadRow null: the first bad row is an error; otherwise each bad row is handed to it
   *     and skipped
   * @return the good rows in file order
   * @throws SeriesFormatException if the column is missing, or (with no handler) a row is bad
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Series read(Path file, String column, Timing timing, Consumer<BadRow> onBadRow) {
    PriceSeries read = CsvSeriesReader.read(file, column == null ? List.of() : List.of(column),
        timing.timeColumn(), onBadRow);
    double[] prices = read.column(read.columns().get(0));
    if (timing.timeColumn() == null) {
      long start = timing.start().toEpochMilli();
      long step = timing.step().toMillis();
      long[] times = new long[prices.length];
      for (int i = 0; i < times.length; i++) {
        times[i] = start + i * step;
      }
      return new Series(times, prices);
    }
    DateTimeFormatter fmt = timing.timeFormat() == null ? null
        : DateTimeFormatter.ofPattern(timing.timeFormat());
    long[] times = new long[prices.length];
    double[] kept = new double[prices.length];
    int n = 0;
    for (int i = 0; i < prices.length; i++) {
      String cell = read.time(i);
      BadRow bad = null;
      long t = 0;
      try {
        t = parseTime(cell, fmt);
        if (n > 0 && t <= times[n - 1]) {
          bad = new BadRow(read.source(), read.lines()[i], timing.timeColumn(), cell,
              BadRow.Reason.TIME_NOT_INCREASING, "is not after the previous row's "
                  + Instant.ofEpochMilli(times[n - 1]) + "; ticks of a symbol must move forward"
                  + " in time");
        }
      } catch (DateTimeException e) {
        bad = new BadRow(read.source(), read.lines()[i], timing.timeColumn(), cell,
            BadRow.Reason.BAD_TIME, "is not a time"
                + (fmt == null ? " in ISO-8601 form" : " of the given format") + ": "
                + e.getMessage());
      }
      if (bad != null) {
        if (onBadRow == null) {
          throw bad.toException();
        }
        onBadRow.accept(bad);
        continue;
      }
      times[n] = t;
      kept[n++] = prices[i];
    }
    return new Series(Arrays.copyOf(times, n), Arrays.copyOf(kept, n));
  }

  private static long parseTime(String cell, DateTimeFormatter fmt) {
    if (fmt == null) {
      if (cell.length() <= 10) {
        return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return Instant.parse(cell).toEpochMilli();
    }
    TemporalAccessor t = fmt.parse(cell);
    if (t.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
      return LocalDateTime.from(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return LocalDate.from(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
