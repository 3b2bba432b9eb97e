package io.tickcast.core.baseline;

import java.util.ArrayList;
import java.util.List;

/** The standard set of baselines every model is scored against, and fitting them together. */
public final class Baselines {
  /** Largest AR order considered. */
  public static final int MAX_AR_ORDER = 10;
  /** How the AR order is chosen. */
  public static final AutoRegressive.Criterion AR_CRITERION = AutoRegressive.Criterion.AIC;

  private Baselines() {}

  /**
   * Persistence, drift, AR(p) on log returns (p in {@code 0..}{@value #MAX_AR_ORDER} by AIC) and
   * damped-trend exponential smoothing, in that order.
   */
  public static List<Baseline> standard() {
    return List.of(new Persistence(), new Drift(),
        AutoRegressive.selected(MAX_AR_ORDER, AR_CRITERION), new HoltDamped());
  }

  /**
   * Fits each baseline on the first {@code trainingRows} prices of a series; nothing after them
   * is read.
   *
   * @param baselines what to fit
   * @param series target prices, oldest first, price units
   * @param trainingRows rows {@code 0 .. trainingRows-1} are the training rows
   * @return the fitted baselines, in order
   * @throws IllegalArgumentException if a baseline cannot be fitted (too few or bad rows)
   */
  public static List<FittedBaseline> fit(List<Baseline> baselines, double[] series,
      int trainingRows) {
    if (trainingRows > series.length) {
      throw new IllegalArgumentException("training rows " + trainingRows + " exceed the series ("
          + series.length + " rows)");
    }
    double[] training = java.util.Arrays.copyOf(series, trainingRows);
    List<FittedBaseline> out = new ArrayList<>(baselines.size());
    for (Baseline b : baselines) {
      out.add(b.fit(training));
    }
    return List.copyOf(out);
  }
}
