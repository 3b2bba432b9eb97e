package io.tickcast.core.forecast;

import io.tickcast.core.normalise.Normalisation;
import java.util.List;

/**
 * A batch of windows normalised once, for a {@link Forecaster}: the raw windows (the ensemble's
 * baselines and {@link RollForward#RENORMALISE} read them), the normalised windows the model
 * reads, and each window's base of the target column (to de-normalise). Built by {@link #of} or
 * from {@link Window}s prepared one by one (a caller that checks each normalised window first,
 * as the stream app's input guard does, then forecasts without normalising again).
 */
public final class PreparedBatch {
  private final double[][][] raw;
  private final double[][][] normalised;
  private final double[] base;

  /**
   * One window normalised.
   *
   * @param raw shape {@code [W][features]}, price units
   * @param normalised {@code raw} under the spec's normalisation, same shape
   * @param base the target column's normalisation base, price units
   */
  public record Window(double[][] raw, double[][] normalised, double base) {}

  private PreparedBatch(double[][][] raw, double[][][] normalised, double[] base) {
    this.raw = raw;
    this.normalised = normalised;
    this.base = base;
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

  /** A batch of windows prepared one by one ({@link #window}). */
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
    return new PreparedBatch(raw, normalised, base);
  }

  /**
   * Normalises a batch.
   *
   * @param spec the forecaster's spec
   * @param windows shape {@code [batch][W][features]}, price units; not modified
   * @throws io.tickcast.core.normalise.NormalisationException if a window cannot be normalised
   */
  public static PreparedBatch of(ForecastSpec spec, double[][][] windows) {
    Normalisation norm = spec.normalisation();
    int target = spec.targetColumn();
    double[][][] normalised = new double[windows.length][][];
    double[] base = new double[windows.length];
    for (int b = 0; b < windows.length; b++) {
      normalised[b] = norm.apply(windows[b]);
      base[b] = norm.base(windows[b])[target];
    }
    return new PreparedBatch(windows, normalised, base);
  }

  /** Windows in the batch. */
  public int size() {
    return raw.length;
  }

  /** The raw windows, {@code [batch][W][features]}, price units (not to be modified). */
  public double[][][] raw() {
    return raw;
  }

  /** The normalised windows, {@code [batch][W][features]} (not to be modified). */
  public double[][][] normalised() {
    return normalised;
  }

  /** Window {@code b}'s target-column base, price units. */
  public double base(int b) {
    return base[b];
  }
}
