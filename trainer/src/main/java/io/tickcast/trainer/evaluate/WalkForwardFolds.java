package io.tickcast.trainer.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Expanding-window (walk-forward) folds over the tail of a series: the last {@code
 * tailFraction} of the windows is cut into {@code folds} consecutive test blocks of equal size
 * (the last takes the remainder); fold k trains on every window before its block.
 */
public final class WalkForwardFolds {
  private WalkForwardFolds() {}

  /**
   * The folds.
   *
   * @param windows number of windows of the series ({@link io.tickcast.core.window.Windows#count})
   * @param folds number of folds, at least 1
   * @param tailFraction fraction of the windows covered by the test blocks, in (0, 1)
   * @return the folds in time order
   * @throws IllegalArgumentException if a test block or the first training part would be empty
   */
  public static List<WalkForwardFold> of(int windows, int folds, double tailFraction) {
    if (folds < 1) {
      throw new IllegalArgumentException("walk-forward folds must be >= 1, was " + folds);
    }
    if (!(tailFraction > 0 && tailFraction < 1)) {
      throw new IllegalArgumentException(
          "walk-forward tail fraction must be strictly between 0 and 1, was " + tailFraction);
    }
    int tail = (int) Math.round(tailFraction * windows);
    int start = windows - tail;
    int block = tail / folds;
    if (block < 1 || start < 1) {
      throw new IllegalArgumentException("too little data for " + folds + " walk-forward folds: "
          + windows + " windows, " + tail + " in the tail");
    }
    List<WalkForwardFold> out = new ArrayList<>(folds);
    for (int k = 0; k < folds; k++) {
      int from = start + k * block;
      int to = k == folds - 1 ? windows : from + block;
      out.add(new WalkForwardFold(k, from, to));
    }
    return List.copyOf(out);
  }
}
