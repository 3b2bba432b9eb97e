package io.tickcast.core.engine;

/**
 * A batch of normalised windows in one flat {@code float} buffer, row-major {@code
 * [batch][W][features]}: value {@code (b, t, c)} is at {@code data[(b·W + t)·features + c]}. The
 * input layout the float engines read directly (the Java engine's kernels, ONNX Runtime's {@code
 * [batch, W, F]} tensor), written once by whoever normalises the windows.
 *
 * <p>The buffer is held, not copied, and must not be modified once handed to a model.
 *
 * @param data {@code batch · W · features} normalised values
 * @param batch windows, ≥ 0
 * @param windowLength W, time steps per window, ≥ 0 (≥ 1 for a model to run it)
 * @param features F, values per time step, ≥ 0
 */
public record FloatWindows(float[] data, int batch, int windowLength, int features) {

  /**
   * @throws IllegalArgumentException if a size is negative or {@code data} is not {@code batch ·
   *     W · features} long
   */
  public FloatWindows {
    if (batch < 0 || windowLength < 0 || features < 0) {
      throw new IllegalArgumentException("sizes must be at least 0, got batch " + batch + ", W "
          + windowLength + ", features " + features);
    }
    if ((long) batch * windowLength * features != data.length) {
      throw new IllegalArgumentException("a batch of " + batch + " windows of " + windowLength
          + " × " + features + " needs " + (long) batch * windowLength * features
          + " values, the buffer has " + data.length);
    }
  }

  /** An empty batch. */
  public static FloatWindows empty() {
    return new FloatWindows(new float[0], 0, 0, 0);
  }

  /**
   * Packs windows, each value rounded to {@code float}.
   *
   * @param windows shape {@code [batch][W][features]}; not modified
   * @throws IllegalArgumentException if the windows differ in length or their rows in width
   */
  public static FloatWindows of(double[][][] windows) {
    if (windows.length == 0) {
      return empty();
    }
    int w = windows[0].length;
    int f = w == 0 ? 0 : windows[0][0].length;
    float[] data = new float[windows.length * w * f];
    int i = 0;
    for (int b = 0; b < windows.length; b++) {
      if (windows[b].length != w) {
        throw new IllegalArgumentException("window " + b + " has " + windows[b].length
            + " time steps, window 0 has " + w);
      }
      for (int t = 0; t < w; t++) {
        double[] row = windows[b][t];
        if (row.length != f) {
          throw new IllegalArgumentException("window " + b + " step " + t + " has " + row.length
              + " features, window 0 has " + f);
        }
        for (double v : row) {
          data[i++] = (float) v;
        }
      }
    }
    return new FloatWindows(data, windows.length, w, f);
  }

  /** Where window {@code b} starts in {@link #data()}. */
  public int offset(int b) {
    return b * windowLength * features;
  }

  /** Value {@code (b, t, c)}. */
  public float value(int b, int t, int c) {
    return data[(b * windowLength + t) * features + c];
  }

  /** The windows widened to {@code double}, shape {@code [batch][W][features]} (a new array). */
  public double[][][] toDoubles() {
    double[][][] out = new double[batch][windowLength][features];
    int i = 0;
    for (double[][] window : out) {
      for (double[] row : window) {
        for (int c = 0; c < features; c++) {
          row[c] = data[i++];
        }
      }
    }
    return out;
  }

  /**
   * Checks the batch is one a model of {@code modelFeatures} inputs can run.
   *
   * @throws IllegalArgumentException if the windows are empty (W = 0) or not {@code
   *     modelFeatures} wide
   */
  void checkRunnable(int modelFeatures) {
    if (batch == 0) {
      return;
    }
    if (windowLength == 0) {
      throw new IllegalArgumentException("the windows have no time steps");
    }
    if (features != modelFeatures) {
      throw new IllegalArgumentException("the windows have " + features
          + " features, the model takes " + modelFeatures);
    }
  }
}
