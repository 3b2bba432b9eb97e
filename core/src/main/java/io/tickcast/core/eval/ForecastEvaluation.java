package io.tickcast.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores forecasts against actual prices and against the persistence baseline (repeat the last
 * observed price), per horizon.
 */
public final class ForecastEvaluation {
  private ForecastEvaluation() {}

  /**
   * Per-horizon metrics.
   *
   * @param predicted forecasts, shape {@code [n][H]}, price units
   * @param actual actual prices, shape {@code [n][H]}; {@code NaN} where the series has ended
   *     (that cell is not scored)
   * @param lastObserved the last observed price before each forecast, shape {@code [n]}: the
   *     persistence forecast for every horizon
   * @return one entry per horizon 1..H; horizons with no scored cell are left out
   */
  public static List<HorizonMetrics> perHorizon(
      double[][] predicted, double[][] actual, double[] lastObserved) {
    int n = predicted.length;
    int horizons = n == 0 ? 0 : predicted[0].length;
    List<HorizonMetrics> out = new ArrayList<>(horizons);
    for (int h = 0; h < horizons; h++) {
      int count = 0;
      int sameDirection = 0;
      double se = 0;
      double ae = 0;
      double ape = 0;
      int apeCount = 0;
      double persistenceSe = 0;
      for (int i = 0; i < n; i++) {
        double a = actual[i][h];
        if (Double.isNaN(a)) {
          continue;
        }
        double p = predicted[i][h];
        double last = lastObserved[i];
        double e = p - a;
        count++;
        se += e * e;
        ae += Math.abs(e);
        if (a != 0.0) { // MAPE is undefined at a zero actual (e.g. the sine wave crossing 0)
          ape += Math.abs(e / a);
          apeCount++;
        }
        persistenceSe += (last - a) * (last - a);
        if (Math.signum(p - last) == Math.signum(a - last)) {
          sameDirection++;
        }
      }
      if (count == 0) {
        continue;
      }
      double rmse = Math.sqrt(se / count);
      double persistenceRmse = Math.sqrt(persistenceSe / count);
      out.add(new HorizonMetrics(h + 1, count, rmse, ae / count, apeCount == 0 ? Double.NaN : 100.0 * ape / apeCount,
          (double) sameDirection / count, persistenceRmse, rmse / persistenceRmse));
    }
    return out;
  }

  /**
   * Diebold–Mariano test of forecasts at one horizon against the persistence baseline, over the
   * cells whose actual value exists.
   *
   * @param predicted forecasts, shape {@code [n][H]}, price units
   * @param actual actual prices, shape {@code [n][H]}; {@code NaN} cells are skipped
   * @param lastObserved the persistence forecast of each row, shape {@code [n]}
   * @param horizon 1-based horizon to test
   * @return the statistic (negative: the forecasts' errors are smaller) and p-value; {@code NaN}s
   *     when fewer than 2 cells can be scored
   */
  public static DieboldMariano.Result dieboldMarianoVsPersistence(
      double[][] predicted, double[][] actual, double[] lastObserved, int horizon) {
    return dieboldMariano(actual, horizon, i -> predicted[i][horizon - 1],
        i -> lastObserved[i]);
  }

  /**
   * Diebold–Mariano test of two forecasters' paths at one horizon, over the cells whose actual
   * value exists.
   *
   * @param predicted1 the first forecaster's paths (e.g. the model), shape {@code [n][H]}, price
   *     units
   * @param predicted2 the second's (e.g. the best baseline) for the same targets, shape {@code
   *     [n][H]}
   * @param actual actual prices, shape {@code [n][H]}; {@code NaN} cells are skipped
   * @param horizon 1-based horizon to test
   * @return the statistic (negative: the first forecaster's errors are smaller) and p-value;
   *     {@code NaN}s when fewer than 2 cells can be scored
   */
  public static DieboldMariano.Result dieboldMariano(double[][] predicted1, double[][] predicted2,
      double[][] actual, int horizon) {
    return dieboldMariano(actual, horizon, i -> predicted1[i][horizon - 1],
        i -> predicted2[i][horizon - 1]);
  }

  private static DieboldMariano.Result dieboldMariano(double[][] actual, int horizon,
      java.util.function.IntToDoubleFunction first, java.util.function.IntToDoubleFunction second) {
    int h = horizon - 1;
    int n = 0;
    for (double[] row : actual) {
      if (!Double.isNaN(row[h])) {
        n++;
      }
    }
    if (n < 2) {
      return new DieboldMariano.Result(Double.NaN, Double.NaN);
    }
    double[] e1 = new double[n];
    double[] e2 = new double[n];
    int k = 0;
    for (int i = 0; i < actual.length; i++) {
      double a = actual[i][h];
      if (!Double.isNaN(a)) {
        e1[k] = first.applyAsDouble(i) - a;
        e2[k] = second.applyAsDouble(i) - a;
        k++;
      }
    }
    return DieboldMariano.test(e1, e2, horizon);
  }

  /** Root mean squared error of two equal-length arrays. */
  public static double rmse(double[] predicted, double[] actual) {
    double se = 0;
    for (int i = 0; i < predicted.length; i++) {
      double e = predicted[i] - actual[i];
      se += e * e;
    }
    return Math.sqrt(se / predicted.length);
  }

  /** A fixed-width text table of the metrics, one row per horizon in {@code shown}. */
  public static String table(List<HorizonMetrics> metrics, java.util.function.IntPredicate shown) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%7s %6s %12s %12s %8s %8s %14s %8s%n",
        "horizon", "n", "rmse", "mae", "mape%", "dir.acc", "persist.rmse", "U"));
    for (HorizonMetrics m : metrics) {
      if (!shown.test(m.horizon())) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%7d %6d %12.4f %12.4f %8.3f %8.3f %14.4f %8.3f%n",
          m.horizon(), m.count(), m.rmse(), m.mae(), m.mape(), m.directionalAccuracy(),
          m.persistenceRmse(), m.theilU()));
    }
    return sb.toString();
  }
}
