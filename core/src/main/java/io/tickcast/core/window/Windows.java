package io.tickcast.core.window;

/**
 * Sliding windows over a series, as in the tutorial's {@code load_data}: each window is W
 * consecutive rows of inputs, and its target is the target column of the row right after it.
 *
 * <p>From N rows come {@code max(0, N - W)} windows (window i covers rows i..i+W-1, target row
 * i+W). The tutorial's loop made one fewer ({@code range(len(data) - (W + 1))}) and so dropped the
 * last usable window; Tickcast keeps it.
 */
public final class Windows {
  private Windows() {}

  /**
   * The number of windows (with a target) made from a series.
   *
   * @param rows N, the number of rows in the series
   * @param windowLength W, at least 1
   * @return {@code max(0, N - W)}
   */
  public static int count(int rows, int windowLength) {
    if (windowLength < 1) {
      throw new IllegalArgumentException("window length must be >= 1, was " + windowLength);
    }
    return Math.max(0, rows - windowLength);
  }

  /**
   * The inputs of window {@code i}: rows {@code i .. i+W-1}, shared row arrays (do not modify).
   *
   * @param series rows, shape {@code [N][features]}
   * @param i window index, 0 &lt;= i &lt; {@link #count}
   * @param windowLength W
   * @return shape {@code [W][features]}
   */
  public static double[][] window(double[][] series, int i, int windowLength) {
    double[][] w = new double[windowLength][];
    System.arraycopy(series, i, w, 0, windowLength);
    return w;
  }

  /**
   * Builds windows {@code from .. to-1} and their targets.
   *
   * @param series rows, shape {@code [N][features]}
   * @param windowLength W
   * @param targetColumn the column forecast
   * @param from first window index (inclusive)
   * @param to last window index (exclusive), at most {@link #count}
   * @return inputs {@code [to-from][W][features]} and targets {@code [to-from]}, in raw units
   */
  public static WindowSet slice(
      double[][] series, int windowLength, int targetColumn, int from, int to) {
    int n = count(series.length, windowLength);
    if (from < 0 || to > n || from > to) {
      throw new IndexOutOfBoundsException(
          "windows [" + from + ", " + to + ") outside [0, " + n + ")");
    }
    double[][][] inputs = new double[to - from][][];
    double[] targets = new double[to - from];
    for (int i = from; i < to; i++) {
      inputs[i - from] = window(series, i, windowLength);
      targets[i - from] = series[i + windowLength][targetColumn];
    }
    return new WindowSet(inputs, targets, from + windowLength);
  }

  /** All {@link #count} windows of a series. */
  public static WindowSet all(double[][] series, int windowLength, int targetColumn) {
    return slice(series, windowLength, targetColumn, 0, count(series.length, windowLength));
  }
}
