package io.tickcast.trainer.config;

import java.util.List;

/**
 * The optional {@code ensemble} section: serve a convex combination of the network's path and
 * baseline paths ({@link io.tickcast.core.forecast.Ensemble}) instead of the network alone, the
 * weights fitted on the validation windows only. Absent (the default): the network alone, as
 * before.
 *
 * @param baselines the baselines combined with the network: {@code persistence}, {@code drift},
 *     {@code ar} (default {@code [drift, ar]})
 * @param weights {@value #SHARED} (default): one set of weights for every horizon, fitted on the
 *     validation paths' squared errors at every horizon, each horizon's scaled by its persistence
 *     MSE (so each counts as its U^2 does); {@value #PER_HORIZON}: a set per horizon, each on that
 *     horizon's errors alone
 * @param model whether the network's path is a component (default true); false serves a
 *     combination of the baselines alone, the network then only trained and reported
 */
public record EnsembleConfig(List<String> baselines, String weights, Boolean model) {
  /** One set of weights for every horizon. */
  public static final String SHARED = "shared";
  /** A set of weights per horizon. */
  public static final String PER_HORIZON = "per-horizon";
  /** Baselines the ensemble can combine (they forecast from the window alone). */
  public static final List<String> COMBINABLE = List.of("persistence", "drift", "ar");

  /** Fills defaults for absent fields. */
  public EnsembleConfig {
    baselines = baselines == null ? List.of("drift", "ar") : List.copyOf(baselines);
    weights = weights == null ? SHARED : weights;
    model = model == null ? Boolean.TRUE : model;
  }

  /** With the network's path as a component. */
  public EnsembleConfig(List<String> baselines, String weights) {
    this(baselines, weights, null);
  }
}
