package io.tickcast.trainer.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Least squares on the simplex: the weights {@code w >= 0, sum w = 1} minimising {@code sum_i
 * c_i (y_i - sum_k w_k x_ik)^2}, accumulated cell by cell. The optimum is the equality-constrained
 * least-squares solution on its own support, so every non-empty support is solved (the KKT
 * system {@code [2G 1; 1' 0] [w; lambda] = [2c; 1]}, Commons Math LU) and the feasible one with
 * the smallest loss kept: exact, and cheap for the few components of an ensemble (2^K - 1
 * supports).
 */
public final class ConvexWeights {
  private final int k;
  private final double[][] gram;
  private final double[] cross;
  private double cells;

  /** @param components K, the number of forecasts combined (1..8) */
  public ConvexWeights(int components) {
    if (components < 1 || components > 8) {
      throw new IllegalArgumentException("1..8 components, was " + components);
    }
    k = components;
    gram = new double[k][k];
    cross = new double[k];
  }

  /**
   * Adds one cell.
   *
   * @param y the target (e.g. the actual move from the last price)
   * @param x each component's forecast of it, length K
   * @param weight the cell's weight in the loss, {@code > 0}
   */
  public void add(double y, double[] x, double weight) {
    for (int a = 0; a < k; a++) {
      cross[a] += weight * x[a] * y;
      for (int b = 0; b < k; b++) {
        gram[a][b] += weight * x[a] * x[b];
      }
    }
    cells++;
  }

  /** Cells added. */
  public long cells() {
    return (long) cells;
  }

  /**
   * The optimal weights; on a tie the smaller support (and then the earlier component) wins.
   *
   * @return length K, non-negative, summing to 1
   * @throws IllegalStateException if no cell was added
   */
  public double[] solve() {
    if (cells == 0) {
      throw new IllegalStateException("no cells to fit ensemble weights on");
    }
    double[] best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (int size = 1; size <= k; size++) {
      for (int mask = 1; mask < (1 << k); mask++) {
        if (Integer.bitCount(mask) != size) {
          continue;
        }
        double[] w = onSupport(mask);
        if (w == null) {
          continue;
        }
        double loss = loss(w);
        if (best == null || loss < bestLoss - 1e-12 * Math.abs(bestLoss)) {
          bestLoss = loss;
          best = w;
        }
      }
    }
    return best;
  }

  /** {@code w'Gw - 2 w'c}: the loss up to the constant {@code sum c_i y_i^2}. */
  private double loss(double[] w) {
    double l = 0;
    for (int a = 0; a < k; a++) {
      l -= 2 * w[a] * cross[a];
      for (int b = 0; b < k; b++) {
        l += w[a] * gram[a][b] * w[b];
      }
    }
    return l;
  }

  /** The equality-constrained solution on the components in {@code mask}; null if infeasible. */
  private double[] onSupport(int mask) {
    int[] idx = new int[Integer.bitCount(mask)];
    for (int a = 0, j = 0; a < k; a++) {
      if ((mask & (1 << a)) != 0) {
        idx[j++] = a;
      }
    }
    double[] w = new double[k];
    if (idx.length == 1) {
      w[idx[0]] = 1;
      return w;
    }
    int m = idx.length;
    double[][] kkt = new double[m + 1][m + 1];
    double[] rhs = new double[m + 1];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        kkt[a][b] = 2 * gram[idx[a]][idx[b]];
      }
      kkt[a][m] = 1;
      kkt[m][a] = 1;
      rhs[a] = 2 * cross[idx[a]];
    }
    rhs[m] = 1;
    RealVector sol;
    try {
      sol = new LUDecomposition(new Array2DRowRealMatrix(kkt, false), 1e-14).getSolver()
          .solve(new ArrayRealVector(rhs, false));
    } catch (SingularMatrixException e) {
      return null; // collinear components: a smaller support covers it
    }
    for (int a = 0; a < m; a++) {
      double v = sol.getEntry(a);
      if (!(v >= 0)) {
        return null;
      }
      w[idx[a]] = v;
    }
    return w;
  }
}
