package io.tickcast.trainer.data;

import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Windows over many symbols' series with one chronological cut-off time for all of them: each
 * symbol's windows are made from its own rows only ({@link Windows}, so no window crosses
 * symbols), a window whose target time is before the cut-off is a training window, the others
 * are held out. No training target is at or after any held-out target's time in any symbol, so
 * nothing learnt in training comes from the held-out period of another symbol.
 *
 * @param cutoffTime the cut-off, in the series' time unit
 * @param symbols per symbol, its training and held-out windows
 */
public record MultiSeriesWindows(long cutoffTime, List<SymbolWindows> symbols) {
  /**
   * One symbol's windows.
   *
   * @param symbol the symbol
   * @param train windows with target time before the cut-off, in time order
   * @param trainTargetTimes their target times
   * @param test windows with target time at or after the cut-off, in time order
   * @param testTargetTimes their target times
   */
  public record SymbolWindows(String symbol, WindowSet train, long[] trainTargetTimes,
      WindowSet test, long[] testTargetTimes) {}

  /**
   * The cut-off time that puts {@code trainFraction} of all rows of all symbols before it: the
   * pooled row times sorted, the time at index {@code floor(trainFraction * rows)}.
   *
   * @throws IllegalArgumentException if the fraction is not in (0, 1) or there are no rows
   */
  public static long cutoffTime(MultiSeries series, double trainFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1), was " + trainFraction);
    }
    long[] all = series.symbols().stream().flatMapToLong(s -> Arrays.stream(s.times())).sorted()
        .toArray();
    if (all.length == 0) {
      throw new IllegalArgumentException("no rows in " + series.source());
    }
    return all[(int) Math.floor(trainFraction * all.length)];
  }

  /**
   * Windows of every symbol split at one cut-off time.
   *
   * @param series the symbols' series
   * @param windowLength W
   * @param targetColumn the forecast column
   * @param cutoffTime see {@link #cutoffTime}
   */
  public static MultiSeriesWindows of(MultiSeries series, int windowLength, int targetColumn,
      long cutoffTime) {
    List<SymbolWindows> out = new ArrayList<>();
    for (SymbolSeries s : series.symbols()) {
      int n = Windows.count(s.size(), windowLength);
      int split = 0; // first window whose target row time >= cut-off
      while (split < n && s.times()[split + windowLength] < cutoffTime) {
        split++;
      }
      WindowSet train = Windows.slice(s.rows(), windowLength, targetColumn, 0, split);
      WindowSet test = Windows.slice(s.rows(), windowLength, targetColumn, split, n);
      out.add(new SymbolWindows(s.symbol(), train,
          Arrays.copyOfRange(s.times(), windowLength, windowLength + split), test,
          Arrays.copyOfRange(s.times(), windowLength + split, windowLength + n)));
    }
    return new MultiSeriesWindows(cutoffTime, List.copyOf(out));
  }

  /**
   * All symbols' training windows in target-time order (ties in symbol order), so that a
   * validation tail taken from it is the latest period across symbols.
   *
   * @return a window set whose {@code firstTargetRow} is -1 (its targets are not rows of one file)
   */
  public WindowSet pooledTrain() {
    return pooled(true);
  }

  /** All symbols' held-out windows in target-time order, as {@link #pooledTrain()}. */
  public WindowSet pooledTest() {
    return pooled(false);
  }

  private WindowSet pooled(boolean train) {
    record Item(long time, int symbol, double[][] input, double target) {}
    List<Item> items = new ArrayList<>();
    for (int k = 0; k < symbols.size(); k++) {
      SymbolWindows s = symbols.get(k);
      WindowSet w = train ? s.train() : s.test();
      long[] t = train ? s.trainTargetTimes() : s.testTargetTimes();
      for (int i = 0; i < w.size(); i++) {
        items.add(new Item(t[i], k, w.inputs()[i], w.targets()[i]));
      }
    }
    items.sort(Comparator.comparingLong(Item::time).thenComparingInt(Item::symbol));
    double[][][] inputs = new double[items.size()][][];
    double[] targets = new double[items.size()];
    for (int i = 0; i < items.size(); i++) {
      inputs[i] = items.get(i).input();
      targets[i] = items.get(i).target();
    }
    return new WindowSet(inputs, targets, -1);
  }
}
