package io.tickcast.core.engine;

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

  /**
   * Runs the model on windows in one flat float buffer. The default widens them to {@code
   * double} and calls {@link #predict(double[][][])}; the float engines override it to read the
   * buffer as it is, with no per-window copy.
   *
   * @param normalisedWindows {@code [batch][W][features]} normalised values, row-major
   * @return shape {@code [batch]}, normalised next values of the target column
   * @throws IllegalArgumentException if the windows are not {@link #inputFeatures()} wide or
   *     have no time steps
   */
  default double[] predict(FloatWindows normalisedWindows) {
    return predict(normalisedWindows.toDoubles());
  }

  /**
   * Whether the model rounds its inputs to {@code float} before computing (the Java and ONNX
   * Runtime engines, a DL4J network of data type {@code FLOAT}): then {@link
   * #predict(FloatWindows)} gives what {@link #predict(double[][][])} gives on the same values,
   * and a caller holding both feeds it the flat buffer. False (the default) for a model that
   * computes in {@code double}, which the flat buffer would cost precision.
   */
  default boolean computesInFloat() {
    return false;
  }

  /**
   * The {@link io.tickcast.core.forecast.RollForward#CARRY_STATE carry-state} path: runs each
   * window, then feeds every prediction back as the next input step while the recurrent state is
   * carried on (the window's oldest rows are never dropped). The fed-back row at step h has the
   * prediction {@code out[b][h-1]} in {@code targetColumn} and, in every other column, the
   * window's last row's value (the rule of the exact roll-forward).
   *
   * <p>The default is exact by definition for any recurrent model whose state starts at zero for
   * each sequence: carrying the state through a fed-back row computes the same arithmetic as
   * running the whole sequence again from zero state, so step h calls {@link #predict} on the
   * growing sequence {@code window ++ fed-back rows 1..h} of W + h steps. That costs H·W +
   * H(H-1)/2 LSTM steps per window (more than the exact variants); engines with access to the
   * state override it with an incremental O(W + H) version, which this default is the reference
   * for.
   *
   * @param normalisedWindows shape {@code [batch][W][features]}, normalised values; not modified
   * @param horizon H ≥ 1, steps of the path
   * @param targetColumn index of the forecast column among the features
   * @return shape {@code [batch][horizon]}, normalised predictions; {@code [b][0]} equals {@code
   *     predict(normalisedWindows)[b]}
   * @throws IllegalArgumentException if {@code horizon < 1} or the target column is not one of
   *     the features
   */
  default double[][] predictCarryingState(
      double[][][] normalisedWindows, int horizon, int targetColumn) {
    checkPath(horizon, targetColumn, inputFeatures());
    int batch = normalisedWindows.length;
    double[][] out = new double[batch][horizon];
    double[][][] sequences = normalisedWindows.clone();
    for (int h = 0; h < horizon; h++) {
      double[] next = predict(sequences);
      for (int b = 0; b < batch; b++) {
        out[b][h] = next[b];
        if (h + 1 < horizon) {
          double[][] window = normalisedWindows[b];
          double[][] grown = java.util.Arrays.copyOf(sequences[b], sequences[b].length + 1);
          double[] row = window[window.length - 1].clone();
          row[targetColumn] = next[b];
          grown[grown.length - 1] = row;
          sequences[b] = grown;
        }
      }
    }
    return out;
  }

  /** An independent instance with the same weights, for use on another thread. */
  SequenceModel copy();

  /**
   * The argument check of {@link #predictCarryingState}, shared by its implementations.
   *
   * @throws IllegalArgumentException if {@code horizon < 1} or {@code targetColumn} is not in
   *     {@code [0, features)}
   */
  static void checkPath(int horizon, int targetColumn, int features) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    if (targetColumn < 0 || targetColumn >= features) {
      throw new IllegalArgumentException("target column " + targetColumn + " is outside the "
          + features + " features");
    }
  }
}
