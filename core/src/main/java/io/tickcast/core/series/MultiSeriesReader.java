package io.tickcast.core.series;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads many symbols' series: the long format ({@code symbol,time,price[,volume]}, one row per
 * tick) and the wide format (a time column then one price column per symbol, e.g. {@code
 * eustock.csv}: {@code day,DAX,SMI,CAC}).
 */
public final class MultiSeriesReader {
  /** The price column name of every symbol's series. */
  public static final String PRICE = "price";
  /** The optional volume column of the long format. */
  public static final String VOLUME = "volume";

  private static final CsvMapper CSV = new CsvMapper();

  private MultiSeriesReader() {}

  /**
   * Reads either format: the long format when the header names {@code symbol}, {@code time} and
   * {@code price}, the wide format otherwise.
   *
   * @param file the CSV file with a header line
   * @param symbols the symbols to keep, in that order; empty for all (every symbol of a long
   *     file, every column after the time column of a wide one)
   * @return one series per symbol
   * @throws SeriesFormatException as {@link #readLong} and {@link #readWide}, or naming a symbol
   *     of {@code symbols} that a long file does not hold
   */
  public static MultiSeries read(Path file, List<String> symbols) {
    if (isLongFormat(file)) {
      MultiSeries all = readLong(file);
      return symbols.isEmpty() ? all : all.only(symbols);
    }
    return readWide(file, symbols);
  }

  /**
   * Whether a CSV's header names the long format's {@code symbol}, {@code time} and {@code price}
   * columns.
   *
   * @throws SeriesFormatException if the file is missing or empty
   */
  public static boolean isLongFormat(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SeriesFormatException("data file " + file + " does not exist");
    }
    try (java.io.BufferedReader in = Files.newBufferedReader(file)) {
      String first = in.readLine();
      if (first == null) {
        throw new SeriesFormatException("data file " + file.getFileName() + " is empty");
      }
      List<String> header = Arrays.stream(first.split(",")).map(String::trim).toList();
      return header.contains("symbol") && header.contains("time") && header.contains(PRICE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data file " + file, e);
    }
  }

  /**
   * Reads a long-format CSV with the header {@code symbol,time,price} or {@code
   * symbol,time,price,volume} (any column order). {@code time} is epoch milliseconds or an
   * ISO-8601 instant. Rows of different symbols may interleave.
   *
   * @return one series per symbol, columns {@code [price]} or {@code [price, volume]}
   * @throws SeriesFormatException naming the file and line: a missing column, a bad number or
   *     time, or a symbol's time not after its previous row's
   */
  public static MultiSeries readLong(Path file) {
    String name = file.getFileName().toString();
    List<String[]> records = records(file);
    List<String> header = Arrays.asList(records.get(0));
    int sym = column(header, "symbol", name);
    int time = column(header, "time", name);
    int price = column(header, PRICE, name);
    int volume = header.indexOf(VOLUME);
    List<String> columns = volume < 0 ? List.of(PRICE) : List.of(PRICE, VOLUME);
    Map<String, List<long[]>> times = new LinkedHashMap<>();
    Map<String, List<double[]>> rows = new LinkedHashMap<>();
    for (int r = 1; r < records.size(); r++) {
      String[] rec = records.get(r);
      String where = name + " line " + (r + 1);
      int need = Math.max(Math.max(sym, time), Math.max(price, volume));
      if (rec.length <= need) {
        throw new SeriesFormatException(where + ": expected " + (need + 1) + " fields, found "
            + rec.length);
      }
      String s = rec[sym];
      if (s.isBlank()) {
        throw new SeriesFormatException(where + ": empty symbol");
      }
      long t = time(rec[time], where);
      double[] row = volume < 0 ? new double[] {number(rec[price], PRICE, where)}
          : new double[] {number(rec[price], PRICE, where), number(rec[volume], VOLUME, where)};
      List<long[]> ts = times.computeIfAbsent(s, k -> new ArrayList<>());
      if (!ts.isEmpty() && ts.get(ts.size() - 1)[0] >= t) {
        throw new SeriesFormatException(where + ": symbol " + s + " time " + rec[time]
            + " is not after its previous row's; rows of a symbol must be in time order");
      }
      ts.add(new long[] {t});
      rows.computeIfAbsent(s, k -> new ArrayList<>()).add(row);
    }
    List<SymbolSeries> out = new ArrayList<>();
    times.forEach((s, ts) -> out.add(new SymbolSeries(s, columns,
        ts.stream().mapToLong(a -> a[0]).toArray(), rows.get(s).toArray(new double[0][]))));
    if (out.isEmpty()) {
      throw new SeriesFormatException("data file " + name + " has no rows");
    }
    return new MultiSeries(name, columns, List.copyOf(out));
  }

  /**
   * Reads a wide CSV: the first column is the time (a number, increasing), every other column a
   * symbol's prices, all symbols on the same rows.
   *
   * @param file the CSV file with a header line
   * @param symbols the symbol columns to read, in that order; empty for all
   * @return one series per symbol, column {@code [price]}
   * @throws SeriesFormatException if a symbol column is missing, a cell is not a number or the
   *     time column does not increase
   */
  public static MultiSeries readWide(Path file, List<String> symbols) {
    String name = file.getFileName().toString();
    List<String> header = Arrays.asList(records(file).get(0));
    String timeColumn = header.get(0);
    List<String> wanted = symbols.isEmpty() ? header.subList(1, header.size()) : symbols;
    List<String> read = new ArrayList<>();
    read.add(timeColumn);
    read.addAll(wanted);
    PriceSeries all = CsvSeriesReader.read(file, read);
    long[] times = new long[all.size()];
    for (int i = 0; i < times.length; i++) {
      double t = all.rows()[i][0];
      if (t != Math.rint(t)) {
        throw new SeriesFormatException(name + " row " + (i + 1) + ": time column '" + timeColumn
            + "' value " + t + " is not a whole number");
      }
      times[i] = (long) t;
      if (i > 0 && times[i] <= times[i - 1]) {
        throw new SeriesFormatException(name + " row " + (i + 1) + ": time column '" + timeColumn
            + "' does not increase (" + times[i - 1] + " then " + times[i] + ")");
      }
    }
    List<SymbolSeries> out = new ArrayList<>();
    for (String s : wanted) {
      double[] p = all.column(s);
      double[][] rows = new double[p.length][];
      for (int i = 0; i < p.length; i++) {
        rows[i] = new double[] {p[i]};
      }
      out.add(new SymbolSeries(s, List.of(PRICE), times.clone(), rows));
    }
    return new MultiSeries(name, List.of(PRICE), List.copyOf(out));
  }

  private static List<String[]> records(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new SeriesFormatException("data file " + file + " does not exist");
    }
    List<String[]> records = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class)
        .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES)
        .with(CsvParser.Feature.TRIM_SPACES).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        records.add(it.nextValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data file " + file, e);
    }
    if (records.isEmpty()) {
      throw new SeriesFormatException("data file " + file.getFileName() + " is empty");
    }
    return records;
  }

  private static int column(List<String> header, String column, String file) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new SeriesFormatException("data file " + file + " has no column '" + column
          + "'; the long format needs symbol,time,price[,volume], found " + header);
    }
    return i;
  }

  private static long time(String cell, String where) {
    try {
      return Long.parseLong(cell);
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(cell).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new SeriesFormatException(where + ": time '" + cell
            + "' is neither epoch milliseconds nor an ISO-8601 instant");
      }
    }
  }

  private static double number(String cell, String column, String where) {
    try {
      double v = Double.parseDouble(cell);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SeriesFormatException(where + ": " + column + " '" + cell + "' is not a finite number");
  }
}
