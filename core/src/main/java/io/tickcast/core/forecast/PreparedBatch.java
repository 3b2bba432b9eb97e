package io.tickcast.core.forecast;

import io.tickcast.core.engine.FloatWindows;
import io.tickcast.core.normalise.Normalisation;
import java.util.List;

/**
 * A batch of windows normalised once, for a {@link Forecaster}: the raw windows (the ensemble's
 * baselines and {@link RollForward#RENORMALISE} read them), the normalised windows in one flat
 * float buffer written once as the batch is prepared (what a float engine reads for the next
 * step, {@link io.tickcast.core.engine.SequenceModel#predict(FloatWindows)}), and each window's
 * base of the target column (to de-normalise). Built by {@link #of(ForecastSpec, double[][][])}
 * or from {@link Window}s prepared one by one (a caller that checks each normalised window first,
 * as the stream app's input guard does, then forecasts without normalising again).
 *
 * <p>The normalised windows in {@code double} ({@link #normalised()}, for the roll-forward paths
 * and models that compute in double) are the prepared {@link Window}s' own; a batch built by
 * {@code of(spec, windows)} normalises them on the first call only. Not thread-safe.
 */
public final class PreparedBatch {
  private final double[][][] raw;
  private final FloatWindows flat;
  private final double[] base;
  private final Normalisation normalisation;
  /** Null until asked for, in a batch built by {@code of(spec, windows)}. */
  private double[][][] normalised;

  /**
   * One window normalised.
   *
   * @param raw shape {@code [W][features]}, price units
   * @param normalised {@code raw} under the spec's normalisation, same shape
   * @param base the target column's normalisation base, price units
   */
  public record Window(double[][] raw, double[][] normalised, double base) {}

  private PreparedBatch(double[][][] raw, FloatWindows flat, double[] base,
      Normalisation normalisation, double[][][] normalised) {
    this.raw = raw;
    this.flat = flat;
    this.base = base;
    this.normalisation = normalisation;
    this.normalised = normalised;
  }

  /**
   * Normalises one window.
   *
   * @param spec the forecaster's spec (normalisation, target column)
   * @param raw shape {@code [W][features]}, price units; not modified
   * @throws io.tickcast.core.normalise.NormalisationException if it cannot be normalised
   */
  public static Window window(ForecastSpec spec, double[][] raw) {
    Normalisation norm = spec.normalisation();
    return new Window(raw, norm.apply(raw), norm.base(raw)[spec.targetColumn()]);
  }

  /**
   * A batch of windows prepared one by one ({@link #window}): each window's normalised values
   * are written once into the flat buffer.
   *
   * @throws IllegalArgumentException if the windows differ in length or width
   */
  public static PreparedBatch of(List<Window> windows) {
    int n = windows.size();
    double[][][] raw = new double[n][][];
    double[][][] normalised = new double[n][][];
    double[] base = new double[n];
    for (int b = 0; b < n; b++) {
      Window w = windows.get(b);
      raw[b] = w.raw();
      normalised[b] = w.normalised();
      base[b] = w.base();
    }
    // Normalisation is per window, so the batch's mode is not needed: normalised is complete.
    return new PreparedBatch(raw, FloatWindows.of(normalised), base, null, normalised);
  }

  /**
   * Normalises a batch straight into the flat buffer (no per-window arrays).
   *
   * @param spec the forecaster's spec
   * @param windows shape {@code [batch][W][features]}, price units; not modified
   * @throws io.tickcast.core.normalise.NormalisationException if a window cannot be normalised
   * @throws IllegalArgumentException if a window's shape differs from the spec's
   */
  public static PreparedBatch of(ForecastSpec spec, double[][][] windows) {
    Normalisation norm = spec.normalisation();
    int target = spec.targetColumn();
    int w = spec.windowLength();
    int f = spec.features();
    FloatWindows flat = new FloatWindows(new float[windows.length * w * f], windows.length, w, f);
    double[] base = new double[windows.length];
    for (int b = 0; b < windows.length; b++) {
      double[][] window = windows[b];
      if (window.length != w) {
        throw new IllegalArgumentException(
            "window " + b + " has " + window.length + " rows, the spec says " + w);
      }
      for (double[] row : window) {
        if (row.length != f) {
          throw new IllegalArgumentException("window " + b + " has a row of " + row.length
              + " features, the spec says " + f);
        }
      }
      base[b] = norm.applyInto(window, flat.data(), flat.offset(b))[target];
    }
    return new PreparedBatch(windows, flat, base, norm, null);
  }

  /** Windows in the batch. */
  public int size() {
    return raw.length;
  }

  /** The raw windows, {@code [batch][W][features]}, price units (not to be modified). */
  public double[][][] raw() {
    return raw;
  }

  /** The normalised windows in one float buffer, {@code [batch][W][features]} (not to be modified). */
  public FloatWindows flat() {
    return flat;
  }

  /**
   * The normalised windows in {@code double}, {@code [batch][W][features]} (not to be modified).
   */
  public double[][][] normalised() {
    if (normalised == null) {
      double[][][] out = new double[raw.length][][];
      for (int b = 0; b < out.length; b++) {
        out[b] = normalisation.apply(raw[b]);
      }
      normalised = out;
    }
    return normalised;
  }

  /** Window {@code b}'s target-column base, price units. */
  public double base(int b) {
    return base[b];
  }
}
