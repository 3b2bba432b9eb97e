package io.tickcast.trainer.data;

import java.util.Random;

/**
 * A chronological split of {@code windows} consecutive windows (window i's target is series row
 * {@code i + W}) into three runs, in time order:
 *
 * <pre>
 *   [0, fitEnd)            fit: the windows gradients are computed on
 *   [fitEnd, trainEnd)     validation: the chronological tail of the training part
 *   [trainEnd, windows)    held out (test)
 * </pre>
 *
 * Every fit target precedes every validation target, which precede every test target, so no
 * target is seen twice and nothing is learnt from the future. {@code trainEnd = round(split ×
 * windows)} (the tutorial's {@code row}); {@code validation = round(validationFraction ×
 * trainEnd)}. Shuffling ({@link #shuffledFitOrder}) happens only after the split and only within
 * the fit run.
 *
 * @param windows total number of windows
 * @param fitEnd end (exclusive) of the fit windows
 * @param trainEnd end (exclusive) of the training part (fit + validation)
 */
public record ChronologicalSplit(int windows, int fitEnd, int trainEnd) {

  /**
   * Checks the runs are ordered and the fit run non-empty (the test run is empty only for {@link
   * #trainingOnly}).
   */
  public ChronologicalSplit {
    if (!(0 < fitEnd && fitEnd <= trainEnd && trainEnd <= windows)) {
      throw new IllegalArgumentException("bad split of " + windows + " windows: fit [0, " + fitEnd
          + "), validation [" + fitEnd + ", " + trainEnd + "), test [" + trainEnd + ", "
          + windows + ")");
    }
  }

  /**
   * Splits {@code windows} windows.
   *
   * @param windows number of windows, from {@link io.tickcast.core.window.Windows#count}
   * @param trainFraction fraction for training (fit + validation), in (0, 1)
   * @param validationFraction fraction of the training part used for validation, in [0, 1)
   * @throws IllegalArgumentException naming the counts when a run would be empty (too few rows)
   */
  public static ChronologicalSplit of(int windows, double trainFraction, double validationFraction) {
    int trainEnd = (int) Math.round(trainFraction * windows);
    int validation = (int) Math.round(validationFraction * trainEnd);
    if (validationFraction > 0 && validation == 0) {
      validation = 1;
    }
    int fitEnd = trainEnd - validation;
    if (fitEnd < 1 || trainEnd >= windows) {
      throw new IllegalArgumentException("too little data: " + windows + " windows give "
          + fitEnd + " training, " + validation + " validation and " + (windows - trainEnd)
          + " held-out windows; need at least one training and one held-out window");
    }
    return new ChronologicalSplit(windows, fitEnd, trainEnd);
  }

  /**
   * All {@code windows} windows for training, none held out: the chronological tail of {@code
   * validationFraction} of them for validation (used by walk-forward folds, whose test block
   * lies beyond the windows given).
   *
   * @throws IllegalArgumentException if no fit window would remain
   */
  public static ChronologicalSplit trainingOnly(int windows, double validationFraction) {
    int validation = (int) Math.round(validationFraction * windows);
    if (validationFraction > 0 && validation == 0) {
      validation = 1;
    }
    if (windows - validation < 1) {
      throw new IllegalArgumentException("too little data: " + windows + " windows give no fit"
          + " window after " + validation + " validation windows");
    }
    return new ChronologicalSplit(windows, windows - validation, windows);
  }

  /** Number of fit windows. */
  public int fitCount() {
    return fitEnd;
  }

  /** Number of validation windows. */
  public int validationCount() {
    return trainEnd - fitEnd;
  }

  /** Number of held-out windows. */
  public int testCount() {
    return windows - trainEnd;
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
