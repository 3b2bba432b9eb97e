package io.tickcast.core.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * AR(p) on log returns {@code r_t = ln p_t - ln p_{t-1}}: {@code r_t = c + phi_1 r_{t-1} + ... +
 * phi_p r_{t-p} + e_t}, fitted by ordinary least squares (Commons Math {@link
 * OLSMultipleLinearRegression}). With a maximum order, p is chosen from {@code 0..maxOrder} by an
 * information criterion, every order scored on the same returns (those after the first {@code
 * maxOrder}) so the criteria compare; the chosen order is then refitted on all its usable
 * returns. Forecasts iterate the recursion on returns and cumulate them onto the last log price.
 */
public final class AutoRegressive implements Baseline {
  /** Its name in reports. */
  public static final String NAME = "ar";

  /** How the order is chosen. */
  public enum Criterion {
    /** Akaike: {@code n ln(RSS / n) + 2k}. */
    AIC,
    /** Schwarz (Bayesian): {@code n ln(RSS / n) + k ln n}. */
    BIC;

    double score(double rss, int n, int k) {
      double fit = n * Math.log(rss / n);
      return this == AIC ? fit + 2.0 * k : fit + k * Math.log(n);
    }
  }

  private final int maxOrder;
  private final Criterion criterion;

  private AutoRegressive(int maxOrder, Criterion criterion) {
    if (maxOrder < 0) {
      throw new IllegalArgumentException("AR order must be >= 0, was " + maxOrder);
    }
    this.maxOrder = maxOrder;
    this.criterion = criterion;
  }

  /** AR of exactly order {@code p}. */
  public static AutoRegressive ofOrder(int p) {
    return new AutoRegressive(p, null);
  }

  /** AR with the order in {@code 0..maxOrder} that minimises {@code criterion}. */
  public static AutoRegressive selected(int maxOrder, Criterion criterion) {
    return new AutoRegressive(maxOrder, java.util.Objects.requireNonNull(criterion));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also when there are fewer than {@code 2 maxOrder + 4} rows
   *     (OLS needs more observations than coefficients) or the lagged returns are collinear
   */
  @Override
  public Fitted fit(double[] trainingPrices) {
    Baseline.checkTrainingPrices(NAME, trainingPrices, 2 * maxOrder + 4);
    double[] r = logReturns(trainingPrices, trainingPrices.length - 1);
    int order = maxOrder;
    if (criterion != null) {
      double best = Double.POSITIVE_INFINITY;
      for (int p = 0; p <= maxOrder; p++) {
        Ols fit = ols(r, p, maxOrder);
        double score = criterion.score(fit.rss, r.length - maxOrder, p + 1);
        if (score < best) { // strict: the smaller order on a tie
          best = score;
          order = p;
        }
      }
    }
    Ols fit = ols(r, order, order);
    double[] phi = new double[order];
    System.arraycopy(fit.beta, 1, phi, 0, order);
    return new Fitted(fit.beta[0], phi, criterion, trainingPrices.length);
  }

  /** Least squares of {@code r[t]} on {@code r[t-1..t-p]} for {@code t = from .. end}. */
  private static Ols ols(double[] r, int p, int from) {
    int n = r.length - from;
    double[] y = new double[n];
    System.arraycopy(r, from, y, 0, n);
    if (p == 0) { // intercept only: the mean (Commons Math needs at least one regressor)
      double mean = 0;
      for (double v : y) {
        mean += v;
      }
      mean /= n;
      double rss = 0;
      for (double v : y) {
        rss += (v - mean) * (v - mean);
      }
      return new Ols(new double[] {mean}, rss);
    }
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        x[i][k] = r[from + i - 1 - k];
      }
    }
    OLSMultipleLinearRegression reg = new OLSMultipleLinearRegression();
    reg.newSampleData(y, x);
    try {
      return new Ols(reg.estimateRegressionParameters(), reg.calculateResidualSumOfSquares());
    } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
      throw new IllegalArgumentException(NAME + " baseline: the lagged log returns of order " + p
          + " are collinear (e.g. a constant series); cannot fit", e);
    }
  }

  private record Ols(double[] beta, double rss) {}

  /** The {@code count} log returns ending at {@code prices[end]}: {@code ln p_t - ln p_{t-1}}. */
  private static double[] logReturns(double[] prices, int end) {
    double[] r = new double[end];
    for (int t = 1; t <= end; t++) {
      r[t - 1] = Math.log(prices[t]) - Math.log(prices[t - 1]);
    }
    return r;
  }

  /**
   * The fitted AR model on log returns.
   *
   * @param intercept c, log return per tick
   * @param coefficients phi_1..phi_p (length p, the order)
   * @param criterion how p was chosen, {@code null} when fixed
   * @param trainingRows prices it was fitted on
   */
  public record Fitted(double intercept, double[] coefficients, Criterion criterion,
      int trainingRows) implements FittedBaseline {
    /** The order p. */
    public int order() {
      return coefficients.length;
    }

    @Override
    public String name() {
      return NAME;
    }

    /** {@inheritDoc} Needs {@code origin >= p}. */
    @Override
    public double[] forecast(double[] series, int origin, int horizon) {
      int p = order();
      FittedBaseline.checkOrigin(NAME, series, origin, p, horizon);
      // recent[k] = r_{t-k}: the last p observed returns, then the forecast ones
      double[] recent = new double[p + horizon];
      for (int k = 0; k < p; k++) {
        recent[horizon + k] = FittedBaseline.logPrice(NAME, series, origin - k)
            - FittedBaseline.logPrice(NAME, series, origin - k - 1);
      }
      double logPrice = FittedBaseline.logPrice(NAME, series, origin);
      double[] out = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        int at = horizon - 1 - h; // slot of the return being forecast
        double r = intercept;
        for (int k = 0; k < p; k++) {
          r += coefficients[k] * recent[at + 1 + k];
        }
        recent[at] = r;
        logPrice += r;
        out[h] = Math.exp(logPrice);
      }
      return out;
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("order", order());
      m.put("orderChosenBy", criterion == null ? "fixed" : criterion.name());
      m.put("intercept", intercept);
      m.put("coefficients", java.util.Arrays.stream(coefficients).boxed().toList());
      m.put("trainingRows", trainingRows);
      return m;
    }
  }
}
