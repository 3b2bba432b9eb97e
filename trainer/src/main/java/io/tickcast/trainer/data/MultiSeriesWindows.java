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
 * Windows over many symbols' series with one chronological cut-off time for all of them, split
 * per symbol into fit, validation and held-out runs with a purge gap of W windows before each
 * boundary, as {@link ChronologicalSplit} does for one series.
 *
 * <p>Each symbol's windows are made from its own rows only ({@link Windows}: window i reads the
 * symbol's rows {@code i .. i+W-1} as inputs and row {@code i+W} as its target), so no window
 * crosses symbols. Per symbol, in its own window indices:
 *
 * <pre>
 *   [0, fitEnd)                   fit
 *   [fitEnd, validationStart)     purged (W windows; none when the symbol has no validation window)
 *   [validationStart, trainEnd)   validation: target time at or after {@link #validationTime}
 *   [trainEnd, testStart)         purged (W windows, fewer when the symbol has fewer)
 *   [testStart, windows)          held out: target time at or after {@link #cutoffTime}
 * </pre>
 *
 * <p>Two times set the boundaries for all symbols. The cut-off ({@link #cutoffTime(MultiSeries,
 * double)}): a window whose target time is at or after it is held out. The validation time: the
 * training windows of all symbols (each symbol's windows before its held-out purge gap) pooled
 * and sorted by target time, {@code V = round(validationFraction × T)} of the {@code T} (at
 * least 1 when the fraction is positive) taken from the tail; the validation time is the target
 * time of the first of them, and every training window with target time at or after it
 * validates (so on tied times a few more than V may). Per symbol, the W windows before its first
 * held-out window and before its first validation window are dropped. So, per symbol, fit
 * windows read only rows before row {@code validationStart}, validation windows only rows
 * {@code [validationStart, testStart)} and held-out windows only rows from {@code testStart}: no
 * row of a symbol is read by windows of two runs. Across symbols every fit target is before the
 * validation time and every training target before the cut-off.
 *
 * @param cutoffTime the cut-off, in the series' time unit
 * @param validationTime the fit/validation boundary time, in the series' time unit; {@link
 *     Long#MAX_VALUE} when there is no validation run
 * @param windowLength W, also the purge gap in windows
 * @param symbols per symbol, its windows and run boundaries, in series order
 */
public record MultiSeriesWindows(long cutoffTime, long validationTime, int windowLength,
    List<SymbolWindows> symbols) {
  /**
   * One symbol's windows and the boundaries of its runs (window indices of this symbol, ordered
   * {@code 0 <= fitEnd <= validationStart <= trainEnd <= testStart <= windows.size()}).
   *
   * @param symbol the symbol
   * @param windows all its windows, in time order ({@code firstTargetRow} = W)
   * @param targetTimes their target times, in the series' time unit
   * @param fitEnd end (exclusive) of its fit windows
   * @param validationStart its first validation window (= {@code trainEnd} when none); also the
   *     first of its rows the validation windows read
   * @param trainEnd end (exclusive) of its validation windows
   * @param testStart its first held-out window: its windows before the cut-off are {@code [0,
   *     testStart)}; also the first of its rows the held-out windows read
   * @throws IllegalArgumentException if the boundaries are not ordered
   */
  public record SymbolWindows(String symbol, WindowSet windows, long[] targetTimes, int fitEnd,
      int validationStart, int trainEnd, int testStart) {
    /** Checks the order of the boundaries. */
    public SymbolWindows {
      if (!(0 <= fitEnd && fitEnd <= validationStart && validationStart <= trainEnd
          && trainEnd <= testStart && testStart <= windows.size()
          && targetTimes.length == windows.size())) {
        throw new IllegalArgumentException(symbol + ": bad split of " + windows.size()
            + " windows: fit [0, " + fitEnd + "), validation [" + validationStart + ", "
            + trainEnd + "), held out [" + testStart + ", " + windows.size() + ")");
      }
    }

    /** Fit windows {@code [0, fitEnd)}. */
    public WindowSet fit() {
      return slice(0, fitEnd);
    }

    /** Validation windows {@code [validationStart, trainEnd)}. */
    public WindowSet validation() {
      return slice(validationStart, trainEnd);
    }

    /** Held-out windows {@code [testStart, windows.size())}. */
    public WindowSet test() {
      return slice(testStart, windows.size());
    }

    /** Target times of the fit windows. */
    public long[] fitTargetTimes() {
      return Arrays.copyOfRange(targetTimes, 0, fitEnd);
    }

    /** Target times of the validation windows. */
    public long[] validationTargetTimes() {
      return Arrays.copyOfRange(targetTimes, validationStart, trainEnd);
    }

    /** Target times of the held-out windows. */
    public long[] testTargetTimes() {
      return Arrays.copyOfRange(targetTimes, testStart, windows.size());
    }

    /** Windows trained on: fit plus validation. */
    public int trainingCount() {
      return fitEnd + (trainEnd - validationStart);
    }

    /** Windows dropped by the two purge gaps. */
    public int purgedCount() {
      return (validationStart - fitEnd) + (testStart - trainEnd);
    }

    private WindowSet slice(int from, int to) {
      return new WindowSet(Arrays.copyOfRange(windows.inputs(), from, to),
          Arrays.copyOfRange(windows.targets(), from, to), windows.firstTargetRow() + from);
    }
  }

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
   * Windows of every symbol split at one cut-off time and one validation time, with W windows
   * purged before each of a symbol's boundaries (see the type's description).
   *
   * @param series the symbols' series
   * @param windowLength W
   * @param targetColumn the forecast column
   * @param cutoffTime see {@link #cutoffTime(MultiSeries, double)}
   * @param validationFraction fraction of the pooled training windows (before the validation
   *     purge) that validate, in [0, 1)
   * @throws IllegalArgumentException if the fraction is out of range
   */
  public static MultiSeriesWindows of(MultiSeries series, int windowLength, int targetColumn,
      long cutoffTime, double validationFraction) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), was "
          + validationFraction);
    }
    int w = windowLength;
    List<SymbolSeries> in = series.symbols();
    int[] testStart = new int[in.size()];
    int[] trainEnd = new int[in.size()];
    List<Long> training = new ArrayList<>();
    for (int k = 0; k < in.size(); k++) {
      long[] times = in.get(k).times();
      int n = Windows.count(times.length, w);
      int split = 0; // first window whose target row time >= cut-off
      while (split < n && times[split + w] < cutoffTime) {
        split++;
      }
      testStart[k] = split;
      trainEnd[k] = Math.max(0, split - w);
      for (int i = 0; i < trainEnd[k]; i++) {
        training.add(times[i + w]);
      }
    }
    int validation = training.isEmpty() ? 0
        : ChronologicalSplit.validationCount(training.size(), validationFraction);
    long validationTime = Long.MAX_VALUE;
    if (validation > 0) {
      training.sort(null);
      validationTime = training.get(training.size() - validation);
    }
    List<SymbolWindows> out = new ArrayList<>();
    for (int k = 0; k < in.size(); k++) {
      SymbolSeries s = in.get(k);
      int n = Windows.count(s.size(), w);
      int v = 0; // first training window whose target time >= the validation time
      while (v < trainEnd[k] && s.times()[v + w] < validationTime) {
        v++;
      }
      int fitEnd = v < trainEnd[k] ? Math.max(0, v - w) : trainEnd[k];
      out.add(new SymbolWindows(s.symbol(), Windows.all(s.rows(), w, targetColumn),
          Arrays.copyOfRange(s.times(), w, w + n), fitEnd, v, trainEnd[k], testStart[k]));
    }
    return new MultiSeriesWindows(cutoffTime, validationTime, w, List.copyOf(out));
  }

  /** Fit windows of all symbols. */
  public int fitCount() {
    return symbols.stream().mapToInt(SymbolWindows::fitEnd).sum();
  }

  /** Validation windows of all symbols. */
  public int validationCount() {
    return symbols.stream().mapToInt(s -> s.trainEnd() - s.validationStart()).sum();
  }

  /** Held-out windows of all symbols. */
  public int testCount() {
    return symbols.stream().mapToInt(s -> s.windows().size() - s.testStart()).sum();
  }

  /** Windows of all symbols dropped by the purge gaps. */
  public int purgedCount() {
    return symbols.stream().mapToInt(SymbolWindows::purgedCount).sum();
  }

  /**
   * All symbols' fit and validation windows in target-time order (ties in symbol order): the
   * first {@link #fitCount()} are the fit windows (every fit target is before the validation
   * time, every validation target at or after it), the rest the validation windows; the purged
   * windows are not in it.
   *
   * @return a window set whose {@code firstTargetRow} is -1 (its targets are not rows of one file)
   */
  public WindowSet pooledTrain() {
    return pooled(true);
  }

  /**
   * How {@link #pooledTrain()} splits: fit {@code [0, fitCount())}, validation the rest, no
   * purge inside it (the purged windows were left out of it) and nothing held out.
   *
   * @throws IllegalArgumentException naming the counts when there is no fit window
   */
  public ChronologicalSplit pooledSplit() {
    int fit = fitCount();
    int train = fit + validationCount();
    if (fit < 1) {
      throw new IllegalArgumentException("too little data: " + fit + " fit and "
          + validationCount() + " validation windows over " + symbols.size() + " symbols (after"
          + " dropping " + windowLength + " windows before each symbol's boundaries); need at"
          + " least one fit window");
    }
    return new ChronologicalSplit(train, fit, fit, train, train);
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
      double[][][] inputs = s.windows().inputs();
      double[] targets = s.windows().targets();
      for (int i = 0; i < s.windows().size(); i++) {
        boolean in = train ? i < s.fitEnd() || (i >= s.validationStart() && i < s.trainEnd())
            : i >= s.testStart();
        if (in) {
          items.add(new Item(s.targetTimes()[i], k, inputs[i], targets[i]));
        }
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
