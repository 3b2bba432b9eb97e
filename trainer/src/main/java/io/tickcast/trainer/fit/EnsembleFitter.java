package io.tickcast.trainer.fit;

import io.tickcast.core.baseline.AutoRegressive;
import io.tickcast.core.baseline.Baselines;
import io.tickcast.core.baseline.Drift;
import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.baseline.Persistence;
import io.tickcast.core.forecast.Ensemble;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.config.EnsembleConfig;
import io.tickcast.trainer.evaluate.BlockForecasts;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits an {@link Ensemble} of a trained network and baselines on the network's validation
 * windows only:
 *
 * <ol>
 *   <li>the baselines are fitted on the fit windows' rows {@code 0 .. fitEnd + W - 1}, so their
 *       validation paths are out of sample, as the network's are;
 *   <li>every component forecasts H-step paths from every validation window (origins {@code
 *       fitEnd + W - 1 ..}); a cell (window, horizon) counts when its target row is a training
 *       row, so no held-out row is read;
 *   <li>the weights minimise the squared error of the combination on those cells ({@link
 *       ConvexWeights}), {@code shared} (every horizon's cells, each horizon scaled by its
 *       persistence MSE) or {@code per-horizon};
 *   <li>the served drift and AR are refitted on all the training rows, as the baselines the
 *       model is scored against are.
 * </ol>
 */
public final class EnsembleFitter {
  private EnsembleFitter() {}

  /**
   * One validation cell: a component forecast of the move from the last price at one horizon.
   *
   * @param targetRow the series row forecast
   * @param horizon 1-based
   * @param actualMove actual price minus the window's last price
   * @param forecastMoves each component's forecast minus the last price, in component order
   */
  record Cell(int targetRow, int horizon, double actualMove, double[] forecastMoves) {}

  /**
   * Fits the ensemble.
   *
   * @param network the trained network
   * @param spec window, target, horizon H, normalisation, roll-forward variant of the paths (its
   *     own ensemble is ignored)
   * @param trainingRows all the rows the network may read, shape {@code [N][features]}, raw
   *     units: windows {@code 0 .. N - W - 1}, the last {@code N - W - fitEnd} of them validation
   * @param fitEnd the first validation window (the fit windows are {@code 0 .. fitEnd - 1})
   * @param config the baselines and the weighting scheme
   * @return the ensemble, components {@code model} (unless {@code config.model()} is false) then
 *     {@code config.baselines()}
   * @throws IllegalArgumentException if there is no validation window, or a baseline cannot be
   *     fitted
   */
  public static Ensemble fit(SequenceModel network, ForecastSpec spec, double[][] trainingRows,
      int fitEnd, EnsembleConfig config) {
    int w = spec.windowLength();
    int windows = Windows.count(trainingRows.length, w);
    if (fitEnd < 1 || fitEnd >= windows) {
      throw new IllegalArgumentException("ensemble: no validation window to fit weights on ("
          + windows + " windows, validation from " + fitEnd + ")");
    }
    double[] prices = column(trainingRows, spec.targetColumn());
    List<String> components = new ArrayList<>();
    if (config.model()) {
      components.add(Ensemble.MODEL);
    }
    components.addAll(config.baselines());
    double[] forWeights = java.util.Arrays.copyOf(prices, fitEnd + w);
    List<Cell> cells = cells(network, spec.withEnsemble(null), trainingRows, fitEnd,
        fitted(config.baselines(), forWeights));
    if (!config.model()) { // drop the network's column
      cells = cells.stream().map(c -> new Cell(c.targetRow(), c.horizon(), c.actualMove(),
          java.util.Arrays.copyOfRange(c.forecastMoves(), 1, c.forecastMoves().length))).toList();
    }
    double[][] weights = weights(cells, components.size(), spec.horizon(),
        EnsembleConfig.PER_HORIZON.equals(config.weights()));
    List<FittedBaseline> served = fitted(config.baselines(), prices);
    Double mu = null;
    Double intercept = null;
    double[] phi = null;
    for (FittedBaseline b : served) {
      if (b instanceof Drift.Fitted d) {
        mu = d.meanLogReturn();
      } else if (b instanceof AutoRegressive.Fitted ar) {
        intercept = ar.intercept();
        phi = ar.coefficients().clone();
      }
    }
    return new Ensemble(components, weights, mu, intercept, phi, new Ensemble.Provenance(
        prices.length, forWeights.length, fitEnd + w, prices.length - 1, windows - fitEnd,
        config.weights()));
  }

  /** The validation cells: every (validation window, horizon) whose target is a training row. */
  static List<Cell> cells(SequenceModel network, ForecastSpec spec, double[][] trainingRows,
      int fitEnd, List<FittedBaseline> baselines) {
    int w = spec.windowLength();
    int horizon = spec.horizon();
    int windows = Windows.count(trainingRows.length, w);
    double[] prices = column(trainingRows, spec.targetColumn());
    // actual[i][h] is NaN past the training rows: those cells are dropped below.
    BlockForecasts block = BlockForecasts.of(network, spec, trainingRows, fitEnd, windows, 1);
    int firstOrigin = block.firstTargetRow() - 1;
    List<double[][]> paths = new ArrayList<>();
    for (FittedBaseline b : baselines) {
      paths.add(b.paths(prices, firstOrigin, block.size(), horizon));
    }
    List<Cell> out = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      double last = block.last()[i];
      for (int h = 0; h < horizon; h++) {
        double actual = block.actual()[i][h];
        if (Double.isNaN(actual)) {
          continue;
        }
        double[] x = new double[1 + baselines.size()];
        x[0] = block.predicted()[i][h] - last;
        for (int k = 0; k < baselines.size(); k++) {
          x[k + 1] = paths.get(k)[i][h] - last;
        }
        out.add(new Cell(block.firstTargetRow() + i + h, h + 1, actual - last, x));
      }
    }
    return out;
  }

  private static double[][] weights(List<Cell> cells, int components, int horizon,
      boolean perHorizon) {
    double[] persistenceMse = new double[horizon];
    int[] count = new int[horizon];
    for (Cell c : cells) {
      persistenceMse[c.horizon() - 1] += c.actualMove() * c.actualMove();
      count[c.horizon() - 1]++;
    }
    double[][] out = new double[horizon][];
    if (perHorizon) {
      for (int h = 1; h <= horizon; h++) {
        ConvexWeights cw = new ConvexWeights(components);
        for (Cell c : cells) {
          if (c.horizon() == h) {
            cw.add(c.actualMove(), c.forecastMoves(), 1.0);
          }
        }
        // A horizon with no validation cell (H beyond the validation run) repeats the last.
        out[h - 1] = cw.cells() > 0 ? cw.solve() : out[h - 2].clone();
      }
      return out;
    }
    ConvexWeights cw = new ConvexWeights(components);
    for (Cell c : cells) {
      double mse = persistenceMse[c.horizon() - 1] / count[c.horizon() - 1];
      cw.add(c.actualMove(), c.forecastMoves(), mse > 0 ? 1.0 / mse : 1.0);
    }
    double[] shared = cw.solve();
    for (int h = 0; h < horizon; h++) {
      out[h] = shared.clone();
    }
    return out;
  }

  private static List<FittedBaseline> fitted(List<String> names, double[] prices) {
    List<FittedBaseline> out = new ArrayList<>();
    for (String n : names) {
      out.add(switch (n) {
        case Persistence.NAME -> new Persistence();
        case Drift.NAME -> new Drift().fit(prices);
        case AutoRegressive.NAME ->
            AutoRegressive.selected(Baselines.MAX_AR_ORDER, Baselines.AR_CRITERION).fit(prices);
        default -> throw new IllegalArgumentException("ensemble: unknown baseline '" + n + "'");
      });
    }
    return out;
  }

  private static double[] column(double[][] rows, int column) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][column];
    }
    return out;
  }
}
