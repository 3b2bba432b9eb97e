package io.tickcast.trainer.data;

import java.util.Random;

/**
 * A chronological split of {@code windows} consecutive windows (window i reads series rows
 * {@code i .. i+W-1} as inputs and row {@code i + W} as its target) into three runs, in time
 * order, with a purge gap of W windows before each boundary:
 *
 * <pre>
 *   [0, fitEnd)                   fit: the windows gradients are computed on
 *   [fitEnd, validationStart)     purged (W windows; none when there is no validation run)
 *   [validationStart, trainEnd)   validation: the chronological tail of the training part
 *   [trainEnd, testStart)         purged (W windows)
 *   [testStart, windows)          held out (test)
 * </pre>
 *
 * <p>Why the purge: without it the last fit window and the first validation window share W − 1
 * input rows (and the fit target is a validation input), and likewise across the held-out
 * boundary. In rows, with boundary rows {@code b = validationStart} and {@code c = testStart}:
 * fit windows read only rows {@code [0, b)}, validation windows only rows {@code [b, c)}, held-out
 * windows only rows {@code [c, N)}; the dropped windows are exactly those that start before a
 * boundary row ({@code [b − W, b)}, {@code [c − W, c)}) and so read (as input or target) the row
 * at or past it. No row is read by windows of two runs.
 *
 * <p>The held-out windows are those of the unpurged tutorial split: {@code testStart = round(split
 * × windows)} (the tutorial's {@code row}); the training part is the {@code testStart − W}
 * windows before the purge, of which {@code validation = round(validationFraction × that)} form
 * the validation run. Shuffling ({@link #shuffledFitOrder}) happens only after the split and only
 * within the fit run.
 *
 * @param windows total number of windows
 * @param fitEnd end (exclusive) of the fit windows
 * @param validationStart first validation window; also the first series row the validation
 *     windows read (the fit/validation boundary row)
 * @param trainEnd end (exclusive) of the validation windows, i.e. of the training part
 * @param testStart first held-out window; also the first series row the held-out windows read
 *     (the training/held-out boundary row); {@code windows} when nothing is held out
 */
public record ChronologicalSplit(
    int windows, int fitEnd, int validationStart, int trainEnd, int testStart) {

  /**
   * Checks the runs are ordered and the fit run non-empty (the test run is empty only for {@link
   * #trainingOnly}).
   */
  public ChronologicalSplit {
    if (!(0 < fitEnd && fitEnd <= validationStart && validationStart <= trainEnd
        && trainEnd <= testStart && testStart <= windows)) {
      throw new IllegalArgumentException("bad split of " + windows + " windows: fit [0, " + fitEnd
          + "), validation [" + validationStart + ", " + trainEnd + "), test [" + testStart
          + ", " + windows + ")");
    }
  }

  /**
   * Splits {@code windows} windows with a purge gap of {@code purge} windows before each
   * boundary.
   *
   * @param windows number of windows, from {@link io.tickcast.core.window.Windows#count}
   * @param trainFraction fraction of the windows before the held-out run, in (0, 1)
   * @param validationFraction fraction of the training windows used for validation, in [0, 1)
   * @param purge windows dropped before each boundary: W, the window length, so that no row is
   *     read by windows on both sides
   * @throws IllegalArgumentException naming the counts when a run would be empty (too few rows)
   */
  public static ChronologicalSplit of(int windows, double trainFraction,
      double validationFraction, int purge) {
    int testStart = (int) Math.round(trainFraction * windows);
    int trainEnd = testStart - purge;
    int validation = validationCount(trainEnd, validationFraction);
    int validationStart = trainEnd - validation;
    int fitEnd = validationStart - (validation > 0 ? purge : 0);
    if (fitEnd < 1 || testStart >= windows) {
      throw new IllegalArgumentException("too little data: " + windows + " windows give "
          + fitEnd + " training, " + validation + " validation and " + (windows - testStart)
          + " held-out windows (after dropping " + purge + " windows before each boundary);"
          + " need at least one training and one held-out window");
    }
    return new ChronologicalSplit(windows, fitEnd, validationStart, trainEnd, testStart);
  }

  /**
   * All {@code windows} windows for training, none held out: the chronological tail of {@code
   * validationFraction} of them for validation, after a purge gap of {@code purge} windows (used
   * by walk-forward folds and the search, whose test block lies beyond the windows given; their
   * callers end the rows they pass at the first row the test windows read).
   *
   * @throws IllegalArgumentException if no fit window would remain
   */
  public static ChronologicalSplit trainingOnly(int windows, double validationFraction,
      int purge) {
    int validation = validationCount(windows, validationFraction);
    int fitEnd = windows - validation - (validation > 0 ? purge : 0);
    if (fitEnd < 1) {
      throw new IllegalArgumentException("too little data: " + windows + " windows give no fit"
          + " window after " + validation + " validation windows and a purge gap of " + purge);
    }
    return new ChronologicalSplit(windows, fitEnd, windows - validation, windows, windows);
  }

  /**
   * How many of {@code trainingWindows} validate: {@code round(validationFraction ×
   * trainingWindows)}, at least 1 when the fraction is positive (also used by {@link
   * MultiSeriesWindows} for the pooled training windows).
   */
  static int validationCount(int trainingWindows, double validationFraction) {
    int validation = (int) Math.round(validationFraction * trainingWindows);
    return validationFraction > 0 && validation == 0 ? 1 : validation;
  }

  /** Number of fit windows. */
  public int fitCount() {
    return fitEnd;
  }

  /** Number of validation windows. */
  public int validationCount() {
    return trainEnd - validationStart;
  }

  /** Number of held-out windows. */
  public int testCount() {
    return windows - testStart;
  }

  /** Number of windows dropped by the purge gaps (before both boundaries). */
  public int purgedCount() {
    return (validationStart - fitEnd) + (testStart - trainEnd);
  }

  /**
   * The fit window indices {@code 0 .. fitEnd-1} in a random order (Fisher–Yates).
   *
   * @param random the seeded generator; one call per epoch gives a new order
   */
  public int[] shuffledFitOrder(Random random) {
    int[] order = new int[fitEnd];
    for (int i = 0; i < fitEnd; i++) {
      order[i] = i;
    }
    for (int i = fitEnd - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
