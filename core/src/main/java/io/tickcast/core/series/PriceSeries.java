package io.tickcast.core.series;

import java.util.List;

/**
 * A series read from a file: named columns, rows in file order, the text of the file's time
 * column when it has one, and each row's line in the file.
 *
 * @param source the file name it was read from
 * @param columns column names ({@code value} for a header-less single column)
 * @param rows values, shape {@code [N][columns]}
 * @param timeColumn the name of the file's time column ({@link CsvSeriesReader#TIME_COLUMNS}),
 *     or null when it has none
 * @param times per row, the time column's text as written in the file (e.g. {@code 03-01-00});
 *     null when there is no time column
 * @param lines per row, its 1-based line in the file; null when not read from a file
 */
public record PriceSeries(String source, List<String> columns, double[][] rows, String timeColumn,
    List<String> times, int[] lines) {

  /** A series without a time column or file lines. */
  public PriceSeries(String source, List<String> columns, double[][] rows) {
    this(source, columns, rows, null, null, null);
  }

  /** The number of rows N. */
  public int size() {
    return rows.length;
  }

  /**
   * The time column's text in data row {@code row} (0-based, header excluded), or null when the
   * series has no time column.
   */
  public String time(int row) {
    return times == null ? null : times.get(row);
  }

  /** One column as an array of N values. */
  public double[] column(String name) {
    int c = columns.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("no column '" + name + "' in " + source + "; has " + columns);
    }
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][c];
    }
    return out;
  }
}
