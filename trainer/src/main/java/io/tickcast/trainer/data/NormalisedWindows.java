package io.tickcast.trainer.data;

import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.normalise.NormalisationException;
import io.tickcast.core.window.WindowSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Windows and targets normalised exactly as the {@link io.tickcast.core.forecast.Forecaster}
 * normalises at serving time: every column of a window on its own first value, and the target on
 * the base of the window's target column (the tutorial normalised the W+1 values of a window and
 * its target together, on the window's first price).
 *
 * @param inputs normalised windows, shape {@code [n][W][features]}
 * @param targets normalised targets, shape {@code [n]}
 */
public record NormalisedWindows(double[][][] inputs, double[] targets) {

  /**
   * Normalises a window set.
   *
   * @param windows raw windows and targets (price units)
   * @param normalisation the mode
   * @param targetColumn the forecast column
   * @return normalised copies
   * @throws IllegalArgumentException naming the series row of a window that cannot be normalised
   *     (e.g. a zero or negative first price under {@code first-price}), with the {@link
   *     NormalisationException} as cause
   */
  public static NormalisedWindows of(WindowSet windows, Normalisation normalisation,
      int targetColumn) {
    int n = windows.size();
    double[][][] in = new double[n][][];
    double[] out = new double[n];
    int firstRow = windows.firstTargetRow() - (n == 0 ? 0 : windows.inputs()[0].length);
    for (int i = 0; i < n; i++) {
      double[][] w = windows.inputs()[i];
      try {
        in[i] = normalisation.apply(w);
        double base = normalisation.base(w)[targetColumn];
        double t = windows.targets()[i];
        if (!Double.isFinite(t)) {
          throw new NormalisationException(NormalisationException.Reason.NON_FINITE_VALUE,
              targetColumn, t);
        }
        out[i] = normalisation.normalise(t, base);
      } catch (NormalisationException e) {
        throw new IllegalArgumentException("the window starting at data row " + (firstRow + i)
            + " (0-based, header excluded) cannot be normalised with "
            + normalisation.configName() + ": " + e.getMessage(), e);
      }
    }
    return new NormalisedWindows(in, out);
  }

  /** The number of windows. */
  public int size() {
    return targets.length;
  }

  /**
   * A DL4J data set of the windows at {@code indices}: features NCW {@code [b, features, W]},
   * labels {@code [b, 1]}, FLOAT.
   */
  public DataSet batch(int[] indices) {
    int b = indices.length;
    int w = inputs[0].length;
    int f = inputs[0][0].length;
    float[] feat = new float[b * f * w];
    float[] lab = new float[b];
    int k = 0;
    for (int r = 0; r < b; r++) {
      double[][] window = inputs[indices[r]];
      for (int c = 0; c < f; c++) {
        for (int t = 0; t < w; t++) {
          feat[k++] = (float) window[t][c];
        }
      }
      lab[r] = (float) targets[indices[r]];
    }
    INDArray features = Nd4j.create(feat, new long[] {b, f, w}, 'c');
    INDArray labels = Nd4j.create(lab, new long[] {b, 1}, 'c');
    return new DataSet(features.castTo(DataType.FLOAT), labels.castTo(DataType.FLOAT));
  }

  /** A DL4J data set of windows {@code from .. to-1}, in order. */
  public DataSet batch(int from, int to) {
    int[] idx = new int[to - from];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    return batch(idx);
  }
}
