package io.tickcast.core.baseline;

import java.util.Map;

/**
 * Random walk with drift on log prices: {@code p_{t+h} = p_t exp(h mu)}, where {@code mu} is the
 * mean log return of the training rows, {@code (ln p_{n-1} - ln p_0) / (n - 1)} (Hyndman &amp;
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, 5.2, on the log scale).
 */
public final class Drift implements Baseline {
  /** Its name in reports. */
  public static final String NAME = "drift";
  /** Key of the fitted mean log return in {@link FittedBaseline#parameters()}. */
  public static final String MEAN_LOG_RETURN = "meanLogReturn";

  /**
   * Node of a model's {@code evaluation} holding the baselines fitted on its training rows: {@code
   * evaluation.baselines.drift.meanLogReturn} is the drift rate the stream app scores with.
   */
  public static final String METADATA_NODE = "baselines";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The drift rate fitted on a model's training rows, stored by the trainer in {@code
   * evaluation.baselines.drift.meanLogReturn}.
   *
   * @return mu per tick, or empty for a model trained before it was stored
   */
  public static java.util.OptionalDouble meanLogReturnOf(
      io.tickcast.core.model.ModelMetadata metadata) {
    com.fasterxml.jackson.databind.JsonNode mu = metadata.evaluation() == null ? null
        : metadata.evaluation().path(METADATA_NODE).path(NAME).get(MEAN_LOG_RETURN);
    return mu != null && mu.isNumber() && Double.isFinite(mu.asDouble())
        ? java.util.OptionalDouble.of(mu.asDouble()) : java.util.OptionalDouble.empty();
  }

  @Override
  public Fitted fit(double[] trainingPrices) {
    Baseline.checkTrainingPrices(NAME, trainingPrices, 2);
    int n = trainingPrices.length;
    return new Fitted(
        (Math.log(trainingPrices[n - 1]) - Math.log(trainingPrices[0])) / (n - 1), n);
  }

  /**
   * The fitted drift.
   *
   * @param meanLogReturn mu, mean log return per tick
   * @param trainingRows rows it was fitted on
   */
  public record Fitted(double meanLogReturn, int trainingRows) implements FittedBaseline {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public double[] forecast(double[] series, int origin, int horizon) {
      FittedBaseline.checkOrigin(NAME, series, origin, 0, horizon);
      double[] out = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        out[h] = next(series[origin], meanLogReturn, h + 1);
      }
      return out;
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of(MEAN_LOG_RETURN, meanLogReturn, "trainingRows", trainingRows);
    }
  }

  /**
   * The drift forecast {@code h} steps after a price.
   *
   * @param last last observed price, price units
   * @param meanLogReturn mu, per tick
   * @param h steps ahead
   * @return {@code last * exp(h * mu)}
   */
  public static double next(double last, double meanLogReturn, int h) {
    return last * Math.exp(h * meanLogReturn);
  }
}
