package io.tickcast.core.forecast;

import io.tickcast.core.normalise.Normalisation;

/**
 * What a {@link Forecaster} needs to know besides the network; read from the model metadata so
 * that serving prepares windows exactly as training did.
 *
 * @param windowLength W, ticks per window
 * @param features number of input columns F
 * @param targetColumn index of the forecast column among the features
 * @param horizon H, steps of the rolled-forward path (the tutorial's 50)
 * @param normalisation how windows are normalised
 * @param rollForward how the H-step path is rolled forward
 * @param ensemble the combination of the network's path with baseline paths that is served
 *     instead of the network's path alone; {@code null}: the network's path (every model trained
 *     before ensembles existed)
 */
public record ForecastSpec(
    int windowLength,
    int features,
    int targetColumn,
    int horizon,
    Normalisation normalisation,
    RollForward rollForward,
    Ensemble ensemble) {

  /** A spec serving the network's forecast alone (no {@link Ensemble}). */
  public ForecastSpec(int windowLength, int features, int targetColumn, int horizon,
      Normalisation normalisation, RollForward rollForward) {
    this(windowLength, features, targetColumn, horizon, normalisation, rollForward, null);
  }

  /** Checks ranges. */
  public ForecastSpec {
    if (windowLength < 2) {
      throw new IllegalArgumentException("window length must be >= 2, was " + windowLength);
    }
    if (features < 1) {
      throw new IllegalArgumentException("features must be >= 1, was " + features);
    }
    if (targetColumn < 0 || targetColumn >= features) {
      throw new IllegalArgumentException(
          "target column " + targetColumn + " outside [0, " + features + ")");
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, was " + horizon);
    }
    if (normalisation == null || rollForward == null) {
      throw new IllegalArgumentException("normalisation and roll-forward variant are required");
    }
    if (ensemble != null && ensemble.minWindow() > windowLength) {
      throw new IllegalArgumentException("the ensemble's AR component needs " + ensemble.minWindow()
          + " prices per window; the window has " + windowLength);
    }
  }

  /** The same spec with another roll-forward variant. */
  public ForecastSpec withRollForward(RollForward variant) {
    return new ForecastSpec(windowLength, features, targetColumn, horizon, normalisation, variant,
        ensemble);
  }

  /** The same spec with another horizon. */
  public ForecastSpec withHorizon(int h) {
    return new ForecastSpec(windowLength, features, targetColumn, h, normalisation, rollForward,
        ensemble);
  }

  /** The same spec serving another ensemble ({@code null}: the network alone). */
  public ForecastSpec withEnsemble(Ensemble e) {
    return new ForecastSpec(windowLength, features, targetColumn, horizon, normalisation,
        rollForward, e);
  }
}
