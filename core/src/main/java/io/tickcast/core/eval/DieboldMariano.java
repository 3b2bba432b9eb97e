package io.tickcast.core.eval;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Diebold–Mariano test of equal forecast accuracy (Diebold &amp; Mariano, 1995) under squared
 * error loss: {@code d_t = e1_t^2 - e2_t^2}, {@code DM = mean(d) / sqrt(V / n)} with {@code V =
 * gamma_0 + 2 sum_{k=1}^{h-1} gamma_k} (sample autocovariances of d), compared with a standard
 * normal. A negative statistic means the first forecast has the smaller errors.
 */
public final class DieboldMariano {
  private static final NormalDistribution NORMAL = new NormalDistribution();

  /**
   * @param statistic the DM statistic
   * @param pValue two-sided p-value, {@code 2 (1 - Phi(|DM|))}
   */
  public record Result(double statistic, double pValue) {}

  private DieboldMariano() {}

  /**
   * Tests whether two forecasts of the same targets are equally accurate.
   *
   * @param errors1 forecast errors of the first forecaster (e.g. the model), price units
   * @param errors2 errors of the second (e.g. persistence) for the same targets
   * @param horizon h, the forecast horizon (1 = next step); sets the autocovariance lags used
   * @return the statistic and two-sided p-value; NaN statistic when the loss differential has no
   *     variance
   * @throws IllegalArgumentException if the arrays differ in length or hold fewer than 2 errors
   */
  public static Result test(double[] errors1, double[] errors2, int horizon) {
    int n = errors1.length;
    if (n != errors2.length || n < 2) {
      throw new IllegalArgumentException(
          "need two equal-length error series of at least 2, got " + n + " and " + errors2.length);
    }
    double[] d = new double[n];
    double mean = 0;
    for (int t = 0; t < n; t++) {
      d[t] = errors1[t] * errors1[t] - errors2[t] * errors2[t];
      mean += d[t];
    }
    mean /= n;
    double v = autocovariance(d, mean, 0);
    for (int k = 1; k < horizon && k < n; k++) {
      v += 2 * autocovariance(d, mean, k);
    }
    if (!(v > 0)) {
      return new Result(Double.NaN, Double.NaN);
    }
    double dm = mean / Math.sqrt(v / n);
    return new Result(dm, 2 * (1 - NORMAL.cumulativeProbability(Math.abs(dm))));
  }

  private static double autocovariance(double[] d, double mean, int lag) {
    double s = 0;
    for (int t = lag; t < d.length; t++) {
      s += (d[t] - mean) * (d[t - lag] - mean);
    }
    return s / d.length;
  }
}
