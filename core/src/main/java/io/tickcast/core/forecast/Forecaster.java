package io.tickcast.core.forecast;

import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.normalise.Normalisation;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw windows into forecasts in price units: normalise, run the model, de-normalise, and
 * for the H-step path feed each prediction back into the window and drop the oldest row (the
 * tutorial's {@code predict_sequence_full} / {@code predict_sequences_multiple}), batched so that
 * each step is one model call for the whole batch. The {@link RollForward#CARRY_STATE} variant
 * instead hands the whole path to {@link SequenceModel#predictCarryingState}.
 *
 * <p>With several feature columns only the target column is forecast. When a window is rolled
 * forward, the new row's non-target columns carry the last observed value of that column; the
 * tutorial wrote the predicted price into every column, which fed prices into the volume input.
 *
 * <p>When the spec carries an {@link Ensemble}, every forecast this class returns (next step and
 * path) is the ensemble's combination of the network's path with the baselines' paths from the
 * same window; the network's own rolled-forward steps are fed back unchanged.
 *
 * <p>Not thread-safe when the {@link SequenceModel} is not (DL4J networks are not): use one
 * Forecaster per thread.
 */
public final class Forecaster {
  private final SequenceModel model;
  private final ForecastSpec spec;

  /**
   * @param model maps normalised windows to normalised next values
   * @param spec window length, features, target, horizon, normalisation and roll-forward variant
   * @throws IllegalArgumentException if the model's input size differs from the spec's features
   */
  public Forecaster(SequenceModel model, ForecastSpec spec) {
    if (model.inputFeatures() != spec.features()) {
      throw new IllegalArgumentException(
          "model takes " + model.inputFeatures() + " features, spec says " + spec.features());
    }
    this.model = model;
    this.spec = spec;
  }

  /** The spec this forecaster applies. */
  public ForecastSpec spec() {
    return spec;
  }

  /** The model it runs. */
  public SequenceModel model() {
    return model;
  }

  /**
   * Next-step forecasts (the tutorial's point-by-point mode).
   *
   * @param windows raw windows, shape {@code [batch][W][features]}, price units
   * @return shape {@code [batch]}, price units
   * @throws io.tickcast.core.normalise.NormalisationException if a window cannot be normalised
   */
  public double[] nextStep(double[][][] windows) {
    checkShape(windows);
    return nextStep(prepare(windows, !model.computesInFloat()));
  }

  /**
   * Next-step forecasts of windows already normalised ({@link PreparedBatch}): no normalisation
   * here. A model that {@link SequenceModel#computesInFloat computes in float} reads the batch's
   * flat buffer ({@link SequenceModel#predict(io.tickcast.core.engine.FloatWindows)}), any other
   * its double windows.
   *
   * @param batch windows prepared under this forecaster's spec
   * @return shape {@code [batch]}, price units
   */
  public double[] nextStep(PreparedBatch batch) {
    checkShape(batch.raw());
    double[] out = networkNextStep(batch);
    Ensemble ensemble = spec.ensemble();
    if (ensemble != null) {
      for (int b = 0; b < out.length; b++) {
        out[b] = ensemble.combine(new double[] {out[b]}, targetOf(batch.raw()[b]))[0];
      }
    }
    return out;
  }

  /** The network's next-step forecasts, price units, without the ensemble. */
  private double[] networkNextStep(PreparedBatch batch) {
    Normalisation norm = spec.normalisation();
    double[] out = model.computesInFloat() ? model.predict(batch.flat())
        : model.predict(batch.normalised());
    for (int b = 0; b < out.length; b++) {
      out[b] = norm.denormalise(out[b], batch.base(b));
    }
    return out;
  }

  /** {@link #forecast(double[][][], int)} with the spec's horizon. */
  public PathForecast[] forecast(double[][][] windows) {
    return forecast(windows, spec.horizon());
  }

  /**
   * Next-step forecast and the rolled-forward path of each window, using the spec's
   * {@link RollForward} variant.
   *
   * @param windows raw windows, shape {@code [batch][W][features]}, price units; not modified
   * @param horizon H, path length; H model calls are made for the whole batch ({@code
   *     carry-state}: one {@link SequenceModel#predictCarryingState} call)
   * @return one {@link PathForecast} per window, price units
   * @throws io.tickcast.core.normalise.NormalisationException if a window (or, for {@code
   *     renormalise}, a shifted window) cannot be normalised
   * @throws IllegalArgumentException if a window's shape differs from the spec's
   */
  public PathForecast[] forecast(double[][][] windows, int horizon) {
    checkShape(windows);
    // seed and carry-state roll the double windows forward; renormalise reads only the flat one
    boolean doubles = !model.computesInFloat() || spec.rollForward() != RollForward.RENORMALISE;
    return forecast(prepare(windows, doubles), horizon);
  }

  /**
   * The windows normalised once: into the flat buffer only, or also as double windows when the
   * caller will read those ({@link PreparedBatch#normalised()}).
   */
  private PreparedBatch prepare(double[][][] windows, boolean doubles) {
    if (!doubles) {
      return PreparedBatch.of(spec, windows);
    }
    List<PreparedBatch.Window> prepared = new ArrayList<>(windows.length);
    for (double[][] window : windows) {
      prepared.add(PreparedBatch.window(spec, window));
    }
    return PreparedBatch.of(prepared);
  }

  /** {@link #forecast(PreparedBatch, int)} with the spec's horizon. */
  public PathForecast[] forecast(PreparedBatch batch) {
    return forecast(batch, spec.horizon());
  }

  /**
   * As {@link #forecast(double[][][], int)} for windows already normalised ({@link
   * PreparedBatch}): they are not normalised again ({@code renormalise} normalises each shifted
   * window, from the second step).
   *
   * @param batch windows prepared under this forecaster's spec
   * @param horizon H, path length
   * @return one {@link PathForecast} per window, price units
   * @throws io.tickcast.core.normalise.NormalisationException for {@code renormalise}, if a
   *     shifted window cannot be normalised
   */
  public PathForecast[] forecast(PreparedBatch batch, int horizon) {
    double[][][] windows = batch.raw();
    checkShape(windows);
    double[][] paths = switch (spec.rollForward()) {
      case SEED -> rollSeed(batch, horizon);
      case RENORMALISE -> rollRenormalise(batch, horizon);
      case CARRY_STATE -> rollCarryingState(batch, horizon);
    };
    Ensemble ensemble = spec.ensemble();
    if (ensemble != null) {
      for (int b = 0; b < paths.length; b++) {
        paths[b] = ensemble.combine(paths[b], targetOf(windows[b]));
      }
    }
    PathForecast[] out = new PathForecast[windows.length];
    for (int b = 0; b < out.length; b++) {
      out[b] = new PathForecast(paths[b][0], paths[b]);
    }
    return out;
  }

  private double[][] rollSeed(PreparedBatch prepared, int horizon) {
    Normalisation norm = spec.normalisation();
    int batch = prepared.size();
    int target = spec.targetColumn();
    // shift() copies, so the prepared windows are not modified
    double[][][] frames = prepared.normalised().clone();
    double[][] paths = new double[batch][horizon];
    for (int h = 0; h < horizon; h++) {
      double[] predicted = model.predict(frames);
      for (int b = 0; b < batch; b++) {
        paths[b][h] = norm.denormalise(predicted[b], prepared.base(b));
        frames[b] = shift(frames[b], predicted[b], target);
      }
    }
    return paths;
  }

  /** Normalise once, let the model carry its state, de-normalise on the first window's base. */
  private double[][] rollCarryingState(PreparedBatch prepared, int horizon) {
    Normalisation norm = spec.normalisation();
    int batch = prepared.size();
    int target = spec.targetColumn();
    double[][] paths = model.predictCarryingState(prepared.normalised(), horizon, target);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < horizon; h++) {
        paths[b][h] = norm.denormalise(paths[b][h], prepared.base(b));
      }
    }
    return paths;
  }

  private double[][] rollRenormalise(PreparedBatch prepared, int horizon) {
    int batch = prepared.size();
    int target = spec.targetColumn();
    double[][][] frames = prepared.raw().clone();
    double[][] paths = new double[batch][horizon];
    for (int h = 0; h < horizon; h++) {
      // the first step's windows are prepared; each shifted window is normalised anew
      double[] next = networkNextStep(
          h == 0 ? prepared : prepare(frames, !model.computesInFloat()));
      for (int b = 0; b < batch; b++) {
        paths[b][h] = next[b];
        frames[b] = shift(frames[b], next[b], target);
      }
    }
    return paths;
  }

  /**
   * Drops the oldest row and appends one whose target column is {@code value} and whose other
   * columns carry the last row's values (not the prediction: the tutorial's bug).
   */
  private static double[][] shift(double[][] frame, double value, int target) {
    int w = frame.length;
    double[][] out = new double[w][];
    System.arraycopy(frame, 1, out, 0, w - 1);
    double[] row = frame[w - 1].clone();
    row[target] = value;
    out[w - 1] = row;
    return out;
  }

  /** The window's target column, oldest first. */
  private double[] targetOf(double[][] window) {
    double[] out = new double[window.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = window[i][spec.targetColumn()];
    }
    return out;
  }

  private void checkShape(double[][][] windows) {
    for (int b = 0; b < windows.length; b++) {
      double[][] w = windows[b];
      if (w.length != spec.windowLength()) {
        throw new IllegalArgumentException(
            "window " + b + " has " + w.length + " rows, model expects " + spec.windowLength());
      }
      for (double[] row : w) {
        if (row.length != spec.features()) {
          throw new IllegalArgumentException(
              "window " + b + " has a row of " + row.length + " features, model expects "
                  + spec.features());
        }
      }
    }
  }
}
