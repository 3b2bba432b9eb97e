package io.tickcast.core.model;

import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.normalise.NormalisationException;
import java.util.Arrays;
import java.util.List;

/**
 * What the training data looked like to the network, stored in {@code model.json} so that the
 * server can tell a window the model has never seen anything like: the observed range of every
 * normalised input column over the training windows, and the distribution of the move between
 * consecutive ticks of the target column.
 *
 * <p>The <em>tick move</em> is measured in the normalisation's own terms ({@link #move}): the
 * absolute log return {@code |ln(p_t / p_{t-1})|} for the ratio modes ({@code first-price},
 * {@code last-price}), the absolute difference {@code |p_t - p_{t-1}|} (price units) for {@code
 * none}.
 *
 * @param normalisedMin per feature column, the smallest normalised value in any training window
 * @param normalisedMax per feature column, the largest normalised value in any training window
 * @param moveQuantileLevel the level q of {@code moveQuantile}, in (0, 1], e.g. 0.999
 * @param moveQuantile the q-quantile (nearest rank) of the training rows' tick moves
 * @param moveMax the largest training tick move
 */
public record InputProfile(double[] normalisedMin, double[] normalisedMax, double moveQuantileLevel,
    double moveQuantile, double moveMax) {

  /** The quantile level the trainer stores. */
  public static final double MOVE_QUANTILE_LEVEL = 0.999;

  /**
   * The tick move between two consecutive prices (see the class comment).
   *
   * @return {@code |ln(next / previous)|} for ratio modes (infinite or NaN if a price is not
   *     positive), {@code |next - previous|} for {@code none}
   */
  public static double move(Normalisation normalisation, double previous, double next) {
    return normalisation.requiresPositiveValues()
        ? Math.abs(Math.log(next / previous)) : Math.abs(next - previous);
  }

  /**
   * Profiles rows {@code [0, rows)} of a series: every window of W consecutive rows in it,
   * normalised on its own base, and every tick move of the target column.
   *
   * @param series the series, shape {@code [N][features]}, raw units
   * @param rows the number of leading rows to profile (the training part), {@code W <= rows <= N}
   * @param windowLength W
   * @param targetColumn the forecast column
   * @param normalisation the model's normalisation
   * @throws NormalisationException if a window cannot be normalised
   * @throws IllegalArgumentException if fewer than W rows are given
   */
  public static InputProfile of(double[][] series, int rows, int windowLength, int targetColumn,
      Normalisation normalisation) {
    List<double[][]> one = List.of(new double[][][] {series});
    return of(one, new int[] {rows}, windowLength, targetColumn, normalisation);
  }

  /**
   * Profiles several series together (e.g. one per symbol): the windows and tick moves of each
   * series' leading rows, pooled; no window or move spans two series. A series with fewer than
   * W rows given contributes only its moves.
   *
   * @param series the series, each shape {@code [N_k][features]}, raw units
   * @param rows per series, the number of leading rows to profile, {@code 0 <= rows[k] <= N_k}
   * @throws NormalisationException if a window cannot be normalised
   * @throws IllegalArgumentException if no series has W rows given
   */
  public static InputProfile of(List<double[][]> series, int[] rows, int windowLength,
      int targetColumn, Normalisation normalisation) {
    int features = -1;
    int moveCount = 0;
    for (int k = 0; k < series.size(); k++) {
      if (rows[k] < 0 || rows[k] > series.get(k).length || windowLength < 1) {
        throw new IllegalArgumentException("cannot profile " + rows[k] + " of "
            + series.get(k).length + " rows with window " + windowLength);
      }
      if (rows[k] >= windowLength) {
        features = series.get(k)[0].length;
      }
      moveCount += Math.max(0, rows[k] - 1);
    }
    if (features < 0) {
      throw new IllegalArgumentException("cannot profile: no series has " + windowLength
          + " rows (one window)");
    }
    double[] min = new double[features];
    double[] max = new double[features];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    double[] moves = new double[moveCount];
    int m = 0;
    for (int k = 0; k < series.size(); k++) {
      double[][] s = series.get(k);
      for (int start = 0; start + windowLength <= rows[k]; start++) {
        double[][] n = normalisation.apply(Arrays.copyOfRange(s, start, start + windowLength));
        for (double[] row : n) {
          for (int c = 0; c < features; c++) {
            min[c] = Math.min(min[c], row[c]);
            max[c] = Math.max(max[c], row[c]);
          }
        }
      }
      for (int t = 1; t < rows[k]; t++) {
        moves[m++] = move(normalisation, s[t - 1][targetColumn], s[t][targetColumn]);
      }
    }
    Arrays.sort(moves);
    double quantile = moves.length == 0 ? 0.0 : nearestRank(moves, MOVE_QUANTILE_LEVEL);
    double largest = moves.length == 0 ? 0.0 : moves[moves.length - 1];
    return new InputProfile(min, max, MOVE_QUANTILE_LEVEL, quantile, largest);
  }

  /** The nearest-rank q-quantile of sorted values: the ⌈q·n⌉-th smallest (Hyndman-Fan type 1). */
  static double nearestRank(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputProfile p && Arrays.equals(normalisedMin, p.normalisedMin)
        && Arrays.equals(normalisedMax, p.normalisedMax)
        && Double.compare(moveQuantileLevel, p.moveQuantileLevel) == 0
        && Double.compare(moveQuantile, p.moveQuantile) == 0
        && Double.compare(moveMax, p.moveMax) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(normalisedMin) * 31 + Arrays.hashCode(normalisedMax);
  }

  @Override
  public String toString() {
    return "InputProfile[min=" + Arrays.toString(normalisedMin) + ", max="
        + Arrays.toString(normalisedMax) + ", move q" + moveQuantileLevel + "=" + moveQuantile
        + ", max=" + moveMax + "]";
  }
}
