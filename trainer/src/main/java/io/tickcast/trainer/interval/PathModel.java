package io.tickcast.trainer.interval;

import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;

/**
 * Anything that forecasts H-step paths from raw windows: the LSTM through the core {@link
 * Forecaster}, or a baseline (e.g. drift), so that both get intervals calibrated and scored by
 * the same code.
 */
@FunctionalInterface
public interface PathModel {
  /**
   * @param windows raw windows, shape {@code [n][W][features]}, price units; not modified
   * @param horizon H
   * @return paths, shape {@code [n][H]}, price units; {@code path[h-1]} is h steps ahead
   */
  double[][] paths(double[][][] windows, int horizon);

  /** The paths of a {@link Forecaster} (its spec's normalisation and roll-forward variant). */
  static PathModel of(Forecaster forecaster) {
    return (windows, horizon) -> {
      PathForecast[] f = forecaster.forecast(windows, horizon);
      double[][] out = new double[f.length][];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i].path();
      }
      return out;
    };
  }

  /**
   * The paths of a fitted baseline from each window's target column: the window is the whole
   * history it sees, its last row the origin.
   *
   * @param baseline e.g. a fitted drift
   * @param targetColumn the forecast column
   */
  static PathModel of(FittedBaseline baseline, int targetColumn) {
    return (windows, horizon) -> {
      double[][] out = new double[windows.length][];
      for (int i = 0; i < windows.length; i++) {
        double[] prices = new double[windows[i].length];
        for (int t = 0; t < prices.length; t++) {
          prices[t] = windows[i][t][targetColumn];
        }
        out[i] = baseline.forecast(prices, prices.length - 1, horizon);
      }
      return out;
    };
  }
}
