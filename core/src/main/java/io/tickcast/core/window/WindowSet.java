package io.tickcast.core.window;

/**
 * A run of consecutive windows and their targets, in raw units.
 *
 * @param inputs shape {@code [n][W][features]}
 * @param targets shape {@code [n]}: the target column of the row after each window
 * @param firstTargetRow the series row index of {@code targets[0]}; target k is row {@code
 *     firstTargetRow + k}
 */
public record WindowSet(double[][][] inputs, double[] targets, int firstTargetRow) {
  /** The number of windows. */
  public int size() {
    return targets.length;
  }
}
