package io.tickcast.core.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Exponential smoothing with a damped additive trend (Gardner &amp; McKenzie, 1985; Hyndman &amp;
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 8.2) on log prices {@code y_t = ln
 * p_t}:
 *
 * <pre>
 *   f_t = l_{t-1} + phi b_{t-1}                       (one-step forecast)
 *   l_t = alpha y_t + (1 - alpha) f_t
 *   b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1}
 *   y_{t+h} = l_t + (phi + phi^2 + ... + phi^h) b_t
 * </pre>
 *
 * started at {@code l_1 = y_1, b_1 = y_1 - y_0}. {@code alpha, beta, phi} minimise the in-sample
 * one-step squared error {@code sum_{t>=2} (y_t - f_t)^2} over the training rows, found by Commons
 * Math's {@link BOBYQAOptimizer} within {@code alpha, beta in [1e-4, 0.9999]}, {@code phi in [0.8,
 * 0.98]} (the book's usual range for phi).
 */
public final class HoltDamped implements Baseline {
  /** Its name in reports. */
  public static final String NAME = "holt-damped";
  /** Fewest training rows fitted. */
  public static final int MIN_ROWS = 10;
  private static final double[] LOWER = {1e-4, 1e-4, 0.8};
  private static final double[] UPPER = {0.9999, 0.9999, 0.98};
  private static final double[] START = {0.5, 0.1, 0.9};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Fitted fit(double[] trainingPrices) {
    Baseline.checkTrainingPrices(NAME, trainingPrices, MIN_ROWS);
    double[] y = new double[trainingPrices.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.log(trainingPrices[i]);
    }
    // 2 * 3 + 1 interpolation points (the recommended count); the initial radius must be at
    // most half the narrowest bound range (phi: 0.18).
    BOBYQAOptimizer optimizer = new BOBYQAOptimizer(7, 0.05, 1e-7);
    PointValuePair best = optimizer.optimize(new MaxEval(5000),
        new ObjectiveFunction(p -> sse(y, y.length - 1, p[0], p[1], p[2])),
        GoalType.MINIMIZE, new InitialGuess(START.clone()), new SimpleBounds(LOWER, UPPER));
    double[] p = best.getPoint();
    return new Fitted(p[0], p[1], p[2], best.getValue(), trainingPrices.length);
  }

  /** A fitted model with the given parameters (no optimisation), e.g. to check the recurrences. */
  public static Fitted withParameters(double alpha, double beta, double phi) {
    return new Fitted(alpha, beta, phi, Double.NaN, 0);
  }

  /** Sum of squared one-step errors on {@code y[2..end]}. */
  static double sse(double[] y, int end, double alpha, double beta, double phi) {
    double level = y[1];
    double trend = y[1] - y[0];
    double sse = 0;
    for (int t = 2; t <= end; t++) {
      double f = level + phi * trend;
      double e = y[t] - f;
      sse += e * e;
      double next = alpha * y[t] + (1 - alpha) * f;
      trend = beta * (next - level) + (1 - beta) * phi * trend;
      level = next;
    }
    return sse;
  }

  /**
   * The fitted smoother.
   *
   * @param alpha level smoothing, (0, 1)
   * @param beta trend smoothing, (0, 1)
   * @param phi damping, (0, 1]
   * @param sse in-sample one-step sum of squared errors on log prices ({@code NaN} when the
   *     parameters were given)
   * @param trainingRows prices it was fitted on (0 when given)
   */
  public record Fitted(double alpha, double beta, double phi, double sse, int trainingRows)
      implements FittedBaseline {
    @Override
    public String name() {
      return NAME;
    }

    /**
     * {@inheritDoc} The level and trend are filtered from {@code series[0]} to the origin with the
     * fitted parameters; needs {@code origin >= 1}.
     */
    @Override
    public double[] forecast(double[] series, int origin, int horizon) {
      FittedBaseline.checkOrigin(NAME, series, origin, 1, horizon);
      double level = FittedBaseline.logPrice(NAME, series, 1);
      double trend = level - FittedBaseline.logPrice(NAME, series, 0);
      for (int t = 2; t <= origin; t++) {
        double y = FittedBaseline.logPrice(NAME, series, t);
        double f = level + phi * trend;
        double next = alpha * y + (1 - alpha) * f;
        trend = beta * (next - level) + (1 - beta) * phi * trend;
        level = next;
      }
      double[] out = new double[horizon];
      double damp = 0;
      double power = 1;
      for (int h = 0; h < horizon; h++) {
        power *= phi;
        damp += power;
        out[h] = Math.exp(level + damp * trend);
      }
      return out;
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("alpha", alpha);
      m.put("beta", beta);
      m.put("phi", phi);
      m.put("inSampleSse", sse);
      m.put("trainingRows", trainingRows);
      m.put("scale", "log price");
      return m;
    }
  }
}
