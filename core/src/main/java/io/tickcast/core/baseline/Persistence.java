package io.tickcast.core.baseline;

import java.util.Arrays;
import java.util.Map;

/** The persistence baseline (random walk): every future price equals the last observed one. */
public final class Persistence implements Baseline, FittedBaseline {
  /** Its name in reports. */
  public static final String NAME = "persistence";

  @Override
  public String name() {
    return NAME;
  }

  /** Nothing to fit; returns itself. */
  @Override
  public FittedBaseline fit(double[] trainingPrices) {
    return this;
  }

  @Override
  public double[] forecast(double[] series, int origin, int horizon) {
    FittedBaseline.checkOrigin(NAME, series, origin, 0, horizon);
    double[] out = new double[horizon];
    Arrays.fill(out, series[origin]);
    return out;
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of();
  }
}
