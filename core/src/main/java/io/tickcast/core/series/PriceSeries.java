package io.tickcast.core.series;

import java.util.List;

/**
 * A series read from a file: named columns, rows in file order.
 *
 * @param source the file name it was read from
 * @param columns column names ({@code value} for a header-less single column)
 * @param rows values, shape {@code [N][columns]}
 */
public record PriceSeries(String source, List<String> columns, double[][] rows) {
  /** The number of rows N. */
  public int size() {
    return rows.length;
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
