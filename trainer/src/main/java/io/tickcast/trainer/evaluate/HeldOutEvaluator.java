package io.tickcast.trainer.evaluate;

import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.ForecastEvaluation;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a model on the held-out tail of a series through the core {@link Forecaster} (the
 * same code that serves forecasts), in price units.
 */
public final class HeldOutEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(HeldOutEvaluator.class);
  private HeldOutEvaluator() {}

  /**
   * Runs the tutorial's three modes and scores every roll-forward variant: next step from every
   * held-out window; an H-step path from every held-out window per variant (per-horizon metrics
   * against persistence, and the tutorial's sequences every H ticks); one full-length sequence
   * from the first held-out window with the winning variant. The winner is chosen among the exact
   * variants ({@link RollForward#exact()}: seed, renormalise); {@code carry-state} is scored
   * beside them so its cost in accuracy is known, but it is an opt-in approximation.
   *
   * @param model the trained model (normalised in, normalised out)
   * @param spec window length, features, target, horizon H and normalisation; its roll-forward
   *     variant is ignored (all are evaluated)
   * @param series all rows, shape {@code [N][features]}, raw units
   * @param firstTestWindow index of the first held-out window (its target is row {@code
   *     firstTestWindow + W}); every later window is held out too
   * @return the evaluation
   * @throws IllegalArgumentException if there is no held-out window
   */
  public static HeldOutEvaluation evaluate(SequenceModel model, ForecastSpec spec,
      double[][] series, int firstTestWindow) {
    return evaluate(model, model, spec, series, firstTestWindow);
  }

  /**
   * {@link #evaluate(SequenceModel, ForecastSpec, double[][], int)} with another engine for the
   * {@code carry-state} paths: the same network on an engine that carries the LSTM state
   * incrementally (the Java engine, held to DL4J by the parity suite), so that scoring the
   * approximation does not cost more than the exact variants (DL4J's reference re-runs growing
   * sequences).
   *
   * @param carryStateModel the same network as {@code model}, on any engine
   */
  public static HeldOutEvaluation evaluate(SequenceModel model, SequenceModel carryStateModel,
      ForecastSpec spec, double[][] series, int firstTestWindow) {
    int w = spec.windowLength();
    int target = spec.targetColumn();
    int horizon = spec.horizon();
    int count = Windows.count(series.length, w);
    if (firstTestWindow < 0 || firstTestWindow >= count) {
      throw new IllegalArgumentException("no held-out window: first test window " + firstTestWindow
          + " of " + count);
    }
    WindowSet test = Windows.slice(series, w, target, firstTestWindow, count);
    int n = test.size();
    int firstRow = test.firstTargetRow();

    // Rolling origin: a path from every held-out window; actual[i][h] is row firstRow + i + h.
    double[][] actual = new double[n][horizon];
    double[] last = new double[n];
    for (int i = 0; i < n; i++) {
      last[i] = series[firstRow + i - 1][target];
      for (int h = 0; h < horizon; h++) {
        int row = firstRow + i + h;
        actual[i][h] = row < series.length ? series[row][target] : Double.NaN;
      }
    }

    Forecaster pointForecaster = new Forecaster(model, spec);
    double[] point = pointForecaster.nextStep(test.inputs());
    double[][] pointAsPaths = new double[n][1];
    double[][] pointActual = new double[n][1];
    for (int i = 0; i < n; i++) {
      pointAsPaths[i][0] = point[i];
      pointActual[i][0] = test.targets()[i];
    }
    HorizonMetrics pointMetrics =
        ForecastEvaluation.perHorizon(pointAsPaths, pointActual, last).get(0);
    DieboldMariano.Result pointDm = ForecastEvaluation.dieboldMarianoVsPersistence(pointAsPaths, pointActual, last, 1);

    // The tutorial's multiple sequences start at held-out windows 0, H, 2H, ...: a subset of
    // the rolling-origin paths, so they cost no extra model calls.
    int sequences = n / horizon;
    Map<RollForward, VariantEvaluation> variants = new EnumMap<>(RollForward.class);
    for (RollForward variant : RollForward.values()) {
      long t0 = System.nanoTime();
      Forecaster f = new Forecaster(variant == RollForward.CARRY_STATE ? carryStateModel : model,
          spec.withRollForward(variant));
      PathForecast[] paths = f.forecast(test.inputs(), horizon);
      double[][] predicted = new double[n][];
      for (int i = 0; i < n; i++) {
        predicted[i] = paths[i].path();
      }
      List<HorizonMetrics> perHorizon = ForecastEvaluation.perHorizon(predicted, actual, last);
      List<DieboldMariano.Result> dm = new java.util.ArrayList<>(horizon);
      for (int h = 0; h < horizon; h++) {
        dm.add(ForecastEvaluation.dieboldMarianoVsPersistence(predicted, actual, last, h + 1));
      }
      double meanU = perHorizon.stream().mapToDouble(HorizonMetrics::theilU).average()
          .orElse(Double.NaN);
      double[][] multi = new double[sequences][];
      double se = 0;
      for (int k = 0; k < sequences; k++) {
        multi[k] = predicted[k * horizon];
        for (int h = 0; h < horizon; h++) {
          double e = multi[k][h] - test.targets()[k * horizon + h];
          se += e * e;
        }
      }
      double multiRmse = sequences == 0 ? Double.NaN : Math.sqrt(se / (sequences * horizon));
      variants.put(variant, new VariantEvaluation(variant, List.copyOf(perHorizon), meanU, multi,
          multiRmse, List.copyOf(dm)));
      LOG.info("roll-forward {}: {} paths of {} ticks in {} ms, mean U {}", variant.configName(),
          n, horizon, (System.nanoTime() - t0) / 1_000_000,
          String.format(java.util.Locale.ROOT, "%.4f", meanU));
    }
    // Lowest mean U among the exact variants; the first in enum order (seed) on a tie.
    RollForward winner = null;
    for (RollForward v : RollForward.values()) {
      if (v.exact() && (winner == null
          || variants.get(v).meanTheilU() < variants.get(winner).meanTheilU())) {
        winner = v;
      }
    }

    // One window at a time for n steps: the slowest part, so only for the winner.
    long t1 = System.nanoTime();
    double[] full = new Forecaster(model, spec.withRollForward(winner))
        .forecast(new double[][][] {test.inputs()[0]}, n)[0].path();
    double fullRmse = ForecastEvaluation.rmse(full, test.targets());
    LOG.info("full sequence of {} ticks ({}) in {} ms", n, winner.configName(),
        (System.nanoTime() - t1) / 1_000_000);
    return new HeldOutEvaluation(firstRow, test.targets().clone(), point, pointMetrics, pointDm,
        variants, winner, full, fullRmse);
  }
}
