package io.tickcast.core.model;

/**
 * A trained sequence model: maps a batch of normalised windows to the normalised next value of
 * the target column. The inference engine behind a {@link io.tickcast.core.forecast.Forecaster}.
 *
 * <p>Implementations need not be thread-safe; {@link #copy()} gives an independent instance for
 * another thread.
 */
public interface SequenceModel {
  /** F, the number of feature columns per time step. */
  int inputFeatures();

  /**
   * Runs the model.
   *
   * @param normalisedWindows shape {@code [batch][W][features]}, normalised values
   * @return shape {@code [batch]}, normalised next values of the target column
   */
  double[] predict(double[][][] normalisedWindows);

  /** An independent instance with the same weights, for use on another thread. */
  SequenceModel copy();
}
