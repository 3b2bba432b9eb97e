package io.tickcast.core.series;

import java.util.List;

/**
 * Several symbols' series from one source, each in time order, symbols in first-seen order.
 *
 * @param source the file name (or topic) they were read from
 * @param columns the value columns every symbol has
 * @param symbols the series, one per symbol
 */
public record MultiSeries(String source, List<String> columns, List<SymbolSeries> symbols) {
  /** All rows of all symbols. */
  public int rows() {
    return symbols.stream().mapToInt(SymbolSeries::size).sum();
  }
}
