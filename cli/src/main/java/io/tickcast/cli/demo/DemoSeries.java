package io.tickcast.cli.demo;

import io.tickcast.cli.replay.CsvTicks;
import io.tickcast.schemas.Tick;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The series a demo replays, one per symbol: either one price column and scaled copies of it
 * ({@code --symbols N}), or several columns of a wide CSV, each its own symbol ({@code --symbols
 * DAX,SMI,CAC} on {@code data/eustock.csv}).
 */
public final class DemoSeries {
  private DemoSeries() {}

  /**
   * One replayed symbol.
   *
   * @param symbol the tick's symbol
   * @param series its event times (epoch ms) and prices (price units)
   */
  public record Named(String symbol, CsvTicks.Series series) {}

  /**
   * The given symbol and {@code n - 1} scaled copies ({@link DemoRun#symbolNames}, prices times
   * {@link DemoRun#scale}), all on the same event times.
   *
   * @param symbol the first symbol
   * @param n how many symbols, at least 1
   * @param series the original series
   * @return n series
   */
  public static List<Named> copies(String symbol, int n, CsvTicks.Series series) {
    List<String> names = DemoRun.symbolNames(symbol, n);
    List<Named> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      double factor = DemoRun.scale(k + 1);
      double[] prices = series.prices().clone();
      for (int i = 0; i < prices.length; i++) {
        prices[i] *= factor;
      }
      out.add(new Named(names.get(k), new CsvTicks.Series(series.timestamps(), prices)));
    }
    return out;
  }

  /**
   * Columns of a wide CSV, each replayed as the symbol of its header (e.g. {@code DAX}).
   *
   * @param file the CSV file
   * @param columns the price columns' headers
   * @param timing where event times come from (the same for every column)
   * @return one series per column, in the given order
   * @throws io.tickcast.core.series.SeriesFormatException if a column is missing or a cell is
   *     bad (the message names file, line and value)
   */
  public static List<Named> columns(Path file, List<String> columns, CsvTicks.Timing timing) {
    List<Named> out = new ArrayList<>(columns.size());
    for (String column : columns) {
      out.add(new Named(column, CsvTicks.read(file, column, timing)));
    }
    return out;
  }

  /** Every series cut to its first {@code n} ticks. */
  public static List<Named> head(List<Named> series, int n) {
    return series.stream().map(s -> new Named(s.symbol(), s.series().head(n))).toList();
  }

  /**
   * Ticks of every symbol, interleaved row by row: row 0 of each symbol, then row 1, ...; a
   * shorter series simply ends earlier.
   *
   * @param series the symbols' series
   * @return all their ticks
   */
  public static List<Tick> interleave(List<Named> series) {
    int rows = series.stream().mapToInt(s -> s.series().size()).max().orElse(0);
    List<Tick> ticks = new ArrayList<>(series.stream().mapToInt(s -> s.series().size()).sum());
    for (int i = 0; i < rows; i++) {
      for (Named s : series) {
        if (i < s.series().size()) {
          ticks.add(Tick.newBuilder()
              .setSymbol(s.symbol())
              .setTimestamp(Instant.ofEpochMilli(s.series().timestamps()[i]))
              .setPrice(s.series().prices()[i])
              .setVolume(null)
              .build());
        }
      }
    }
    return ticks;
  }

  /**
   * Forecasts the stream app should emit: per symbol one per full window, {@code N - W + 1}.
   *
   * @param series the symbols' series
   * @param windowLength W
   */
  public static int expectedForecasts(List<Named> series, int windowLength) {
    return series.stream().mapToInt(s -> Math.max(0, s.series().size() - windowLength + 1)).sum();
  }
}
