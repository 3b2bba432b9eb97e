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

  /**
   * The named symbols only, in the order given.
   *
   * @throws SeriesFormatException naming a symbol that is not here
   */
  public MultiSeries only(List<String> wanted) {
    java.util.List<SymbolSeries> out = new java.util.ArrayList<>();
    for (String w : wanted) {
      out.add(symbols.stream().filter(s -> s.symbol().equals(w)).findFirst()
          .orElseThrow(() -> new SeriesFormatException(source + " has no symbol '" + w
              + "'; it holds " + symbols.stream().map(SymbolSeries::symbol).toList())));
    }
    return new MultiSeries(source, columns, List.copyOf(out));
  }

  /** Every symbol's last {@code n} rows at most (its most recent history). */
  public MultiSeries lastRows(int n) {
    return new MultiSeries(source, columns, symbols.stream().map(s -> s.size() <= n ? s
        : new SymbolSeries(s.symbol(), s.columns(),
            java.util.Arrays.copyOfRange(s.times(), s.size() - n, s.size()),
            java.util.Arrays.copyOfRange(s.rows(), s.size() - n, s.size()))).toList());
  }

  /** Every symbol's first {@code n} rows at most. */
  public MultiSeries firstRows(int n) {
    return new MultiSeries(source, columns, symbols.stream().map(s -> s.size() <= n ? s
        : new SymbolSeries(s.symbol(), s.columns(), java.util.Arrays.copyOf(s.times(), n),
            java.util.Arrays.copyOf(s.rows(), n))).toList());
  }
}
