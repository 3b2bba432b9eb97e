package io.tickcast.trainer.evaluate;

import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.ForecastEvaluation;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import java.util.ArrayList;
import java.util.List;

/**
 * H-step forecast paths from a block of windows, with the actual prices and the persistence
 * forecast (last observed price) beside them, in price units.
 *
 * @param firstTargetRow series row of the first window's next-step target
 * @param predicted paths, shape {@code [n][H]}
 * @param actual actual prices, shape {@code [n][H]}; {@code NaN} past the end of the series
 * @param last last observed price of each window, shape {@code [n]}
 */
public record BlockForecasts(
    int firstTargetRow, double[][] predicted, double[][] actual, double[] last) {

  /**
   * Forecasts H-step paths through the core {@link Forecaster} from windows {@code from, from +
   * stride, ...} below {@code to}.
   *
   * @param model the trained model
   * @param spec window, target, horizon H, normalisation, roll-forward variant
   * @param series all rows, shape {@code [N][features]}, raw units (actuals after the block are
   *     read for scoring only)
   * @param from first window
   * @param to end (exclusive) window
   * @param stride every stride-th window starts a path (1: all)
   */
  public static BlockForecasts of(SequenceModel model, ForecastSpec spec, double[][] series,
      int from, int to, int stride) {
    int w = spec.windowLength();
    int target = spec.targetColumn();
    int horizon = spec.horizon();
    WindowSet all = Windows.slice(series, w, target, from, to);
    int n = (all.size() + stride - 1) / stride;
    double[][][] inputs = new double[n][][];
    double[][] actual = new double[n][horizon];
    double[] last = new double[n];
    for (int k = 0; k < n; k++) {
      int i = k * stride;
      inputs[k] = all.inputs()[i];
      int firstRow = all.firstTargetRow() + i;
      last[k] = series[firstRow - 1][target];
      for (int h = 0; h < horizon; h++) {
        int row = firstRow + h;
        actual[k][h] = row < series.length ? series[row][target] : Double.NaN;
      }
    }
    PathForecast[] paths = new Forecaster(model, spec).forecast(inputs, horizon);
    double[][] predicted = new double[n][];
    for (int k = 0; k < n; k++) {
      predicted[k] = paths[k].path();
    }
    return new BlockForecasts(all.firstTargetRow(), predicted, actual, last);
  }

  /** Several blocks as one, in order (for overall metrics). */
  public static BlockForecasts concat(List<BlockForecasts> blocks) {
    List<double[]> p = new ArrayList<>();
    List<double[]> a = new ArrayList<>();
    List<Double> l = new ArrayList<>();
    for (BlockForecasts b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        p.add(b.predicted[i]);
        a.add(b.actual[i]);
        l.add(b.last[i]);
      }
    }
    return new BlockForecasts(blocks.isEmpty() ? -1 : blocks.get(0).firstTargetRow,
        p.toArray(double[][]::new), a.toArray(double[][]::new),
        l.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Number of paths. */
  public int size() {
    return last.length;
  }

  /** RMSE, MAE, MAPE, directional accuracy, persistence RMSE and Theil's U per horizon 1..H. */
  public List<HorizonMetrics> perHorizon() {
    return ForecastEvaluation.perHorizon(predicted, actual, last);
  }

  /**
   * Diebold–Mariano test (squared error) of the forecasts at {@code horizon} against
   * persistence over the cells with an actual value; negative statistic: the model's errors are
   * smaller. {@code NaN}s when fewer than 2 cells.
   */
  public DieboldMariano.Result dieboldMariano(int horizon) {
    return ForecastEvaluation.dieboldMarianoVsPersistence(predicted, actual, last, horizon);
  }
}
