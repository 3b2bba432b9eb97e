package io.tickcast.core.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tickcast.core.baseline.AutoRegressive;
import io.tickcast.core.baseline.Drift;
import io.tickcast.core.baseline.Persistence;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A convex combination of the network's forecast path and statistical baseline paths, per
 * horizon: {@code f_h = sum_k w[h][k] f_k,h} with {@code w[h][k] >= 0} and {@code sum_k w[h][k] =
 * 1} (Bates &amp; Granger, 1969, constrained to the simplex). The baselines forecast from the
 * window itself (its target column), so serving needs nothing but the window: drift needs the
 * last price, AR(p) the last {@code p + 1}.
 *
 * <p>Stored in {@code model.json} as {@code ensemble}; a model without it serves the network's
 * forecast unchanged.
 *
 * @param components what is combined, in weight order: {@value #MODEL} (the network's path),
 *     {@code persistence}, {@code drift}, {@code ar}; each at most once
 * @param weights one row per horizon 1..n, each of {@code components.size()} weights; a path
 *     longer than n uses row n for every later step
 * @param driftMeanLogReturn mu of the drift component (per tick); required iff {@code drift} is a
 *     component
 * @param arIntercept c of the AR component (log return per tick); required iff {@code ar} is
 * @param arCoefficients phi_1..phi_p of the AR component; required iff {@code ar} is
 * @param fittedOn where the weights and parameters came from (provenance; may be null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ensemble(List<String> components, double[][] weights, Double driftMeanLogReturn,
    Double arIntercept, double[] arCoefficients, Provenance fittedOn) {
  /** The network's path as a component. */
  public static final String MODEL = "model";
  /** Component names accepted. */
  public static final Set<String> COMPONENTS =
      Set.of(MODEL, Persistence.NAME, Drift.NAME, AutoRegressive.NAME);
  private static final double SUM_TOLERANCE = 1e-6;

  /**
   * Where an ensemble was fitted, in series rows.
   *
   * @param baselineRows the served drift and AR were fitted on rows {@code 0 .. baselineRows-1}
   *     (all the model's training rows)
   * @param weightBaselineRows the baselines whose validation paths fitted the weights were fitted
   *     on rows {@code 0 .. weightBaselineRows-1} (the fit windows' rows), so the validation
   *     paths are out of sample for every component
   * @param validationFirstTargetRow first validation target row the weights were fitted on
   * @param validationLastTargetRow last one (the last training row: no held-out row is read)
   * @param validationWindows validation windows (path origins)
   * @param scheme how the weights were fitted, {@code shared} (one set for every horizon) or
   *     {@code per-horizon}
   */
  public record Provenance(int baselineRows, int weightBaselineRows, int validationFirstTargetRow,
      int validationLastTargetRow, int validationWindows, String scheme) {}

  /**
   * Checks names, shapes and that every weight row is on the simplex.
   *
   * @throws IllegalArgumentException naming the offending component, row or parameter
   */
  public Ensemble {
    if (components == null || components.isEmpty()) {
      throw new IllegalArgumentException("ensemble needs at least one component");
    }
    components = List.copyOf(components);
    Set<String> seen = new HashSet<>();
    for (String c : components) {
      if (!COMPONENTS.contains(c)) {
        throw new IllegalArgumentException("ensemble component '" + c + "' unknown; expected one"
            + " of " + COMPONENTS);
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException("ensemble component '" + c + "' listed twice");
      }
    }
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("ensemble needs weights for at least horizon 1");
    }
    for (int h = 0; h < weights.length; h++) {
      double[] row = weights[h];
      if (row == null || row.length != components.size()) {
        throw new IllegalArgumentException("ensemble weights for horizon " + (h + 1) + " need "
            + components.size() + " values " + components);
      }
      double sum = 0;
      for (double v : row) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("ensemble weight " + v + " at horizon " + (h + 1)
              + " is outside [0, 1]");
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new IllegalArgumentException("ensemble weights at horizon " + (h + 1) + " sum to "
            + sum + ", not 1");
      }
    }
    boolean drift = seen.contains(Drift.NAME);
    if (drift != (driftMeanLogReturn != null)
        || (drift && !Double.isFinite(driftMeanLogReturn))) {
      throw new IllegalArgumentException("ensemble driftMeanLogReturn must be a finite number"
          + " exactly when drift is a component, was " + driftMeanLogReturn);
    }
    boolean ar = seen.contains(AutoRegressive.NAME);
    if (ar != (arIntercept != null && arCoefficients != null)) {
      throw new IllegalArgumentException("ensemble arIntercept and arCoefficients must be given"
          + " exactly when ar is a component");
    }
    if (ar) {
      if (!Double.isFinite(arIntercept)) {
        throw new IllegalArgumentException("ensemble arIntercept is " + arIntercept);
      }
      for (double v : arCoefficients) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("ensemble arCoefficients hold " + v);
        }
      }
    }
  }

  /** The fewest target prices a window must hold: the AR order + 1 (else 1). */
  public int minWindow() {
    return arCoefficients == null ? 1 : arCoefficients.length + 1;
  }

  /** The weights at horizon {@code h} (1-based); the last row beyond the stored ones. */
  public double[] weightsAt(int h) {
    return weights[Math.min(h, weights.length) - 1].clone();
  }

  /**
   * The combined path.
   *
   * @param modelPath the network's forecasts for steps 1..H after the window, price units
   * @param target the window's target column, oldest first, price units; at least {@link
   *     #minWindow()} values, positive where a baseline takes its log
   * @return shape {@code [H]}, price units
   * @throws IllegalArgumentException if the window is too short or a price a baseline reads is
   *     not finite and positive
   */
  public double[] combine(double[] modelPath, double[] target) {
    int horizon = modelPath.length;
    if (target.length < minWindow()) {
      throw new IllegalArgumentException("ensemble needs " + minWindow() + " prices in the window,"
          + " got " + target.length);
    }
    double[] out = new double[horizon];
    if (horizon == 0) {
      return out;
    }
    int origin = target.length - 1;
    for (int k = 0; k < components.size(); k++) {
      double[] path = switch (components.get(k)) {
        case MODEL -> modelPath;
        case Persistence.NAME -> new Persistence().forecast(target, origin, horizon);
        case Drift.NAME -> {
          checkLastPrice(target[origin]);
          yield new Drift.Fitted(driftMeanLogReturn, 0).forecast(target, origin, horizon);
        }
        default -> new AutoRegressive.Fitted(arIntercept, arCoefficients, null, 0)
            .forecast(target, origin, horizon);
      };
      for (int h = 0; h < horizon; h++) {
        out[h] += weights[Math.min(h, weights.length - 1)][k] * path[h];
      }
    }
    return out;
  }

  /** Drift scales the last price: it must be finite and positive, as AR's log prices. */
  private static void checkLastPrice(double p) {
    if (!(Double.isFinite(p) && p > 0)) {
      throw new IllegalArgumentException("ensemble drift: last price " + p
          + " is not finite and positive");
    }
  }
}
