package io.tickcast.core.series;

import java.util.List;

/**
 * One symbol's series in time order.
 *
 * @param symbol the instrument
 * @param columns value column names ({@code price}, and {@code volume} when read)
 * @param times time of each row, strictly increasing: epoch ms for the long format, the file's
 *     time column (e.g. a day number) for the wide format
 * @param rows values, shape {@code [N][columns]}, price units
 */
public record SymbolSeries(String symbol, List<String> columns, long[] times, double[][] rows) {
  /** Rows N. */
  public int size() {
    return rows.length;
  }
}
