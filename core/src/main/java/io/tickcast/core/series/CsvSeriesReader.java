package io.tickcast.core.series;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads numeric columns from a CSV file: one column with or without a header (the tutorial's
 * first files), or a header with named columns (OHLCV) chosen by name. Blank lines are skipped;
 * any other unparseable cell is an error naming file, line and value. The text of a time column
 * (the first header column named as in {@link #TIME_COLUMNS}, case ignored) is kept as written,
 * so that the trainer can name the time of a row.
 */
public final class CsvSeriesReader {
  /** The column name given to a header-less file's single column. */
  public static final String UNNAMED_COLUMN = "value";
  /** The column read from a multi-column (OHLCV) file when none is chosen: the tutorial's. */
  public static final String DEFAULT_PRICE_COLUMN = "Close";

  /** Header names taken as the time column, compared case-insensitively. */
  public static final List<String> TIME_COLUMNS =
      List.of("date", "time", "timestamp", "datetime", "day");

  private static final CsvMapper CSV = new CsvMapper();

  private CsvSeriesReader() {}

  /**
   * Reads a series.
   *
   * @param file the CSV file
   * @param columns column names to read, in that order; empty means the file's only column (the
   *     first one of a header-less file), or {@value #DEFAULT_PRICE_COLUMN} of a multi-column file
   * @return the selected columns of every data row, and the time column's text when there is one
   * @throws SeriesFormatException if a named column is missing, a row is short, or a cell is not
   *     a number (message names file, line and value)
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PriceSeries read(Path file, List<String> columns) {
    return read(file, columns, null, null);
  }

  /**
   * Reads a series, choosing the time column, and optionally skipping bad rows.
   *
   * @param file the CSV file
   * @param columns as in {@link #read(Path, List)}
   * @param timeColumn the header name of the column whose text is kept as {@link
   *     PriceSeries#times}; null: the first column named as in {@link #TIME_COLUMNS}, if any
   * @param onBadRow null: a bad row (empty, missing, non-numeric or non-finite cell) is an error;
   *     otherwise each bad row is handed to it and left out of the series
   * @return the selected columns of the good rows, their file lines and time column text
   * @throws SeriesFormatException if a named column is missing, or (with no handler) a row is
   *     bad; the message names file, line and value
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PriceSeries read(Path file, List<String> columns, String timeColumn,
      Consumer<BadRow> onBadRow) {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new SeriesFormatException("data file " + file + " does not exist");
    }
    List<String[]> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class)
        .with(CsvParser.Feature.WRAP_AS_ARRAY)
        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
        .with(CsvParser.Feature.TRIM_SPACES)
        .readValues(file.toFile())) {
      while (it.hasNextValue()) {
        String[] rec = it.nextValue();
        int line = it.getParser().currentTokenLocation().getLineNr();
        if (rec.length == 0 || (rec.length == 1 && rec[0].isBlank())) {
          continue;
        }
        records.add(rec);
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data file " + file, e);
    }
    if (records.isEmpty()) {
      throw new SeriesFormatException("data file " + name + " has no rows");
    }
    String[] first = records.get(0);
    // A header line is one in which no cell is a number (data rows may hold dates, never only text).
    boolean header = java.util.Arrays.stream(first).noneMatch(CsvSeriesReader::isNumber);
    List<String> names = new ArrayList<>();
    int[] index;
    int timeIndex = -1;
    if (header) {
      List<String> headerNames = List.of(first);
      List<String> wanted = columns;
      if (columns.isEmpty()) {
        if (first.length == 1) {
          wanted = List.of(first[0]);
        } else if (headerNames.contains(DEFAULT_PRICE_COLUMN)) {
          wanted = List.of(DEFAULT_PRICE_COLUMN);
        } else {
          throw new SeriesFormatException("data file " + name + " has columns " + headerNames
              + "; choose which to read");
        }
      }
      index = new int[wanted.size()];
      for (int i = 0; i < wanted.size(); i++) {
        index[i] = headerNames.indexOf(wanted.get(i));
        if (index[i] < 0) {
          throw new SeriesFormatException("data file " + name + " has no column '" + wanted.get(i)
              + "'; its columns are " + headerNames);
        }
      }
      names.addAll(wanted);
      for (int i = 0; i < first.length && timeIndex < 0; i++) {
        if (timeColumn == null ? TIME_COLUMNS.contains(first[i].toLowerCase(Locale.ROOT))
            : first[i].equals(timeColumn)) {
          timeIndex = i;
        }
      }
      if (timeColumn != null && timeIndex < 0) {
        throw new SeriesFormatException("data file " + name + " has no time column '"
            + timeColumn + "'; its columns are " + headerNames);
      }
    } else {
      if (!columns.isEmpty() && !(columns.size() == 1 && columns.get(0).equals(UNNAMED_COLUMN))) {
        throw new SeriesFormatException("data file " + name
            + " has no header line, so columns " + columns + " cannot be chosen by name");
      }
      if (timeColumn != null) {
        throw new SeriesFormatException("data file " + name
            + " has no header line, so it has no time column '" + timeColumn + "'");
      }
      index = new int[] {0};
      names.add(UNNAMED_COLUMN);
    }
    int start = header ? 1 : 0;
    List<double[]> rows = new ArrayList<>(records.size() - start);
    List<Integer> rowLines = new ArrayList<>(records.size() - start);
    List<String> times = timeIndex < 0 ? null : new ArrayList<>(records.size() - start);
    for (int r = start; r < records.size(); r++) {
      String[] rec = records.get(r);
      double[] row = new double[index.length];
      BadRow bad = null;
      for (int c = 0; c < index.length && bad == null; c++) {
        bad = parse(rec, index[c], names.get(c), name, lines.get(r), row, c);
      }
      if (bad != null) {
        if (onBadRow == null) {
          throw bad.toException();
        }
        onBadRow.accept(bad);
        continue;
      }
      rows.add(row);
      rowLines.add(lines.get(r));
      if (times != null) {
        times.add(timeIndex < rec.length ? rec[timeIndex] : "");
      }
    }
    return new PriceSeries(name, List.copyOf(names), rows.toArray(new double[0][]),
        timeIndex < 0 ? null : first[timeIndex], times == null ? null : List.copyOf(times),
        rowLines.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Parses field {@code field} of a record into {@code row[c]}; the problem, or null. */
  private static BadRow parse(String[] rec, int field, String column, String file, int line,
      double[] row, int c) {
    if (field >= rec.length) {
      return new BadRow(file, line, column, "", BadRow.Reason.MISSING_FIELD,
          "is missing: it is field " + (field + 1) + " and the row has " + rec.length + " fields");
    }
    String cell = rec[field];
    if (cell.isEmpty()) {
      return new BadRow(file, line, column, cell, BadRow.Reason.EMPTY, "is empty");
    }
    try {
      row[c] = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return new BadRow(file, line, column, cell, BadRow.Reason.NOT_A_NUMBER, "is not a number");
    }
    if (!Double.isFinite(row[c])) {
      return new BadRow(file, line, column, cell, BadRow.Reason.NOT_FINITE, "is not finite");
    }
    return null;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
