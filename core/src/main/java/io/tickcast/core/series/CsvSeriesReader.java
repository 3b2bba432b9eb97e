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

/**
 * Reads numeric columns from a CSV file: one column with or without a header (the tutorial's
 * first files), or a header with named columns (OHLCV) chosen by name. Blank lines are skipped;
 * any other unparseable cell is an error naming file, line and value.
 */
public final class CsvSeriesReader {
  /** The column name given to a header-less file's single column. */
  public static final String UNNAMED_COLUMN = "value";
  /** The column read from a multi-column (OHLCV) file when none is chosen: the tutorial's. */
  public static final String DEFAULT_PRICE_COLUMN = "Close";

  private static final CsvMapper CSV = new CsvMapper();

  private CsvSeriesReader() {}

  /**
   * Reads a series.
   *
   * @param file the CSV file
   * @param columns column names to read, in that order; empty means the file's only column (the
   *     first one of a header-less file), or {@value #DEFAULT_PRICE_COLUMN} of a multi-column file
   * @return the selected columns of every data row
   * @throws SeriesFormatException if a named column is missing, a row is short, or a cell is not
   *     a number (message names file, line and value)
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PriceSeries read(Path file, List<String> columns) {
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
    } else {
      if (!columns.isEmpty() && !(columns.size() == 1 && columns.get(0).equals(UNNAMED_COLUMN))) {
        throw new SeriesFormatException("data file " + name
            + " has no header line, so columns " + columns + " cannot be chosen by name");
      }
      index = new int[] {0};
      names.add(UNNAMED_COLUMN);
    }
    int start = header ? 1 : 0;
    double[][] rows = new double[records.size() - start][];
    for (int r = start; r < records.size(); r++) {
      String[] rec = records.get(r);
      double[] row = new double[index.length];
      for (int c = 0; c < index.length; c++) {
        if (index[c] >= rec.length) {
          throw new SeriesFormatException(name + " line " + lines.get(r) + ": expected column '"
              + names.get(c) + "' (field " + (index[c] + 1) + "), the row has " + rec.length
              + " fields");
        }
        String cell = rec[index[c]];
        try {
          row[c] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new SeriesFormatException(name + " line " + lines.get(r) + ": column '"
              + names.get(c) + "' value '" + cell + "' is not a number");
        }
        if (!Double.isFinite(row[c])) {
          throw new SeriesFormatException(name + " line " + lines.get(r) + ": column '"
              + names.get(c) + "' value '" + cell + "' is not finite");
        }
      }
      rows[r - start] = row;
    }
    return new PriceSeries(name, List.copyOf(names), rows);
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
