package io.tickcast.cli.replay;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.series.PriceSeries;
import io.tickcast.core.series.SeriesFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one price column of a CSV file as a tick series. Prices come from core's {@link
 * CsvSeriesReader}; event times either from a date/time column of the same file or, without one,
 * from a start instant plus a fixed step per row.
 */
public final class CsvTicks {
  private static final CsvMapper CSV = new CsvMapper();

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
   * Reads a column as ticks.
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
    PriceSeries read = CsvSeriesReader.read(file, column == null ? List.of() : List.of(column));
    double[] prices = read.column(read.columns().get(0));
    long[] times = new long[prices.length];
    if (timing.timeColumn() == null) {
      long start = timing.start().toEpochMilli();
      long step = timing.step().toMillis();
      for (int i = 0; i < times.length; i++) {
        times[i] = start + i * step;
      }
    } else {
      List<String> cells = readColumn(file, timing.timeColumn());
      if (cells.size() != prices.length) {
        throw new SeriesFormatException(file.getFileName() + ": column '" + timing.timeColumn()
            + "' has " + cells.size() + " values but the price column has " + prices.length);
      }
      DateTimeFormatter fmt = timing.timeFormat() == null ? null
          : DateTimeFormatter.ofPattern(timing.timeFormat());
      for (int i = 0; i < times.length; i++) {
        times[i] = parseTime(cells.get(i), fmt, file, timing.timeColumn(), i);
      }
    }
    for (int i = 1; i < times.length; i++) {
      if (times[i] <= times[i - 1]) {
        throw new SeriesFormatException(file.getFileName() + " data row " + (i + 1)
            + ": event time " + Instant.ofEpochMilli(times[i]) + " is not after the previous row's "
            + Instant.ofEpochMilli(times[i - 1]) + "; ticks of a symbol must move forward in time");
      }
    }
    return new Series(times, prices);
  }

  private static List<String> readColumn(Path file, String column) {
    List<String> out = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class)
        .with(CsvParser.Feature.WRAP_AS_ARRAY)
        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
        .with(CsvParser.Feature.TRIM_SPACES)
        .readValues(file.toFile())) {
      int index = -1;
      while (it.hasNextValue()) {
        String[] rec = it.nextValue();
        if (rec.length == 0 || (rec.length == 1 && rec[0].isBlank())) {
          continue;
        }
        if (index < 0) {
          index = Arrays.asList(rec).indexOf(column);
          if (index < 0) {
            throw new SeriesFormatException("data file " + file.getFileName()
                + " has no time column '" + column + "'; its columns are " + Arrays.toString(rec));
          }
          continue;
        }
        out.add(index < rec.length ? rec[index] : "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data file " + file, e);
    }
    return out;
  }

  private static long parseTime(String cell, DateTimeFormatter fmt, Path file, String column,
      int row) {
    try {
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
    } catch (java.time.DateTimeException e) {
      throw new SeriesFormatException(file.getFileName() + " data row " + (row + 1) + ": column '"
          + column + "' value '" + cell + "' is not a time"
          + (fmt == null ? " in ISO-8601 form" : " of the given format") + ": " + e.getMessage());
    }
  }
}
