package io.tickcast.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A model and its baselines scored on the same targets, per horizon, in price units: every
 * forecaster's {@link HorizonMetrics} (U is against persistence for all of them), and at each
 * horizon the Diebold–Mariano test of the model against the best baseline there (lowest RMSE).
 *
 * @param model the model's name, e.g. {@code model}
 * @param forecasters the model first, then the baselines in the order given
 * @param verdicts per horizon 1..H (horizons with no scored cell left out)
 */
public record ForecasterComparison(String model, List<Forecaster> forecasters,
    List<Verdict> verdicts) {

  /**
   * One forecaster's metrics.
   *
   * @param name e.g. {@code model}, {@code drift}
   * @param perHorizon per horizon 1..H
   */
  public record Forecaster(String name, List<HorizonMetrics> perHorizon) {}

  /**
   * The model against the best baseline at one horizon.
   *
   * @param horizon steps ahead
   * @param bestBaseline name of the baseline with the lowest RMSE here
   * @param bestBaselineTheilU its U
   * @param modelVsBest Diebold–Mariano, model first (negative statistic: the model's squared
   *     errors are smaller)
   */
  public record Verdict(int horizon, String bestBaseline, double bestBaselineTheilU,
      DieboldMariano.Result modelVsBest) {}

  /**
   * Scores a model and its baselines.
   *
   * @param modelName the model's label
   * @param modelPaths the model's paths, shape {@code [n][H]}, price units
   * @param baselinePaths per baseline (in report order), paths for the same origins, shape
   *     {@code [n][H]}; at least one
   * @param actual actual prices, shape {@code [n][H]}; {@code NaN} past the end of the series
   * @param lastObserved last observed price of each origin, shape {@code [n]}
   * @return the comparison
   * @throws IllegalArgumentException if there is no baseline or the shapes differ
   */
  public static ForecasterComparison of(String modelName, double[][] modelPaths,
      Map<String, double[][]> baselinePaths, double[][] actual, double[] lastObserved) {
    if (baselinePaths.isEmpty()) {
      throw new IllegalArgumentException("no baseline to compare with");
    }
    List<Forecaster> all = new ArrayList<>();
    all.add(new Forecaster(modelName,
        List.copyOf(ForecastEvaluation.perHorizon(modelPaths, actual, lastObserved))));
    for (Map.Entry<String, double[][]> b : baselinePaths.entrySet()) {
      if (b.getValue().length != modelPaths.length) {
        throw new IllegalArgumentException(b.getKey() + ": " + b.getValue().length
            + " paths for " + modelPaths.length + " model paths");
      }
      all.add(new Forecaster(b.getKey(),
          List.copyOf(ForecastEvaluation.perHorizon(b.getValue(), actual, lastObserved))));
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (int k = 0; k < all.get(0).perHorizon().size(); k++) {
      int h = all.get(0).perHorizon().get(k).horizon();
      Forecaster best = null;
      for (Forecaster f : all.subList(1, all.size())) {
        if (best == null || f.perHorizon().get(k).rmse() < best.perHorizon().get(k).rmse()) {
          best = f;
        }
      }
      verdicts.add(new Verdict(h, best.name(), best.perHorizon().get(k).theilU(),
          ForecastEvaluation.dieboldMariano(modelPaths, baselinePaths.get(best.name()), actual,
              h)));
    }
    return new ForecasterComparison(modelName, List.copyOf(all), List.copyOf(verdicts));
  }

  /** The metrics of the named forecaster. */
  public Forecaster forecaster(String name) {
    return forecasters.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no forecaster " + name));
  }

  /** Per forecaster name, U per horizon (for charts). */
  public Map<String, List<HorizonMetrics>> byName() {
    Map<String, List<HorizonMetrics>> m = new LinkedHashMap<>();
    forecasters.forEach(f -> m.put(f.name(), f.perHorizon()));
    return m;
  }

  /**
   * Every forecaster side by side at the shown horizons: RMSE, MAE, U (vs persistence),
   * directional accuracy; on the model's line, the best baseline and the DM p-value against it.
   */
  public String table(IntPredicate shown) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%7s  %-12s %6s %12s %12s %8s %8s  %s%n", "horizon",
        "forecaster", "n", "rmse", "mae", "U", "dir.acc", "vs best baseline (DM p)"));
    for (int k = 0; k < verdicts.size(); k++) {
      Verdict v = verdicts.get(k);
      if (!shown.test(v.horizon())) {
        continue;
      }
      for (Forecaster f : forecasters) {
        HorizonMetrics m = f.perHorizon().get(k);
        sb.append(String.format(Locale.ROOT, "%7d  %-12s %6d %12.4f %12.4f %8.4f %8.3f", m.horizon(),
            f.name(), m.count(), m.rmse(), m.mae(), m.theilU(), m.directionalAccuracy()));
        if (f.name().equals(model)) {
          sb.append(String.format(Locale.ROOT, "  %s, p %.4f (DM %+.3f)", v.bestBaseline(),
              v.modelVsBest().pValue(), v.modelVsBest().statistic()));
        }
        sb.append(System.lineSeparator());
      }
    }
    return sb.toString();
  }

  /** U by shown horizon, one column per forecaster, then the model's DM p vs the best baseline. */
  public String theilUTable(IntPredicate shown) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%7s", "horizon"));
    for (Forecaster f : forecasters) {
      sb.append(String.format(Locale.ROOT, " %12s", f.name()));
    }
    sb.append(String.format(Locale.ROOT, "  %-12s %8s%n", "best", "DM p"));
    for (int k = 0; k < verdicts.size(); k++) {
      Verdict v = verdicts.get(k);
      if (!shown.test(v.horizon())) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%7d", v.horizon()));
      for (Forecaster f : forecasters) {
        sb.append(String.format(Locale.ROOT, " %12.4f", f.perHorizon().get(k).theilU()));
      }
      sb.append(String.format(Locale.ROOT, "  %-12s %8.4f%n", v.bestBaseline(),
          v.modelVsBest().pValue()));
    }
    return sb.toString();
  }
}
