package io.tickcast.trainer.evaluate;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.interval.IntervalScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walk-forward evaluation: for each {@link WalkForwardFold}, retrain on the rows before the
 * first row the fold's test windows read (a purge gap of W windows), then score H-step paths from every test window through the core
 * {@link io.tickcast.core.forecast.Forecaster}.
 *
 * <p>The fold trainer is handed a copy of the series cut at the first test window's first
 * input row, so it cannot read any row of the test block however it is written.
 */
public final class WalkForwardEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(WalkForwardEvaluator.class);

  private WalkForwardEvaluator() {}

  /** Trains a model for one fold. */
  @FunctionalInterface
  public interface FoldTrainer {
    /**
     * @param trainingRows the series rows before the fold's first test input row, shape {@code
     *     [fold.trainingRows(W)][features]}, raw units; every window of them is a training window
     * @param fold the fold
     * @return the trained model and its training summary
     */
    TrainedFold train(double[][] trainingRows, WalkForwardFold fold);
  }

  /**
   * A fold's model.
   *
   * @param model the trained model
   * @param bestEpoch the epoch whose weights it holds
   * @param trainingMillis training time, ms
   * @param intervals the fold model's prediction intervals, calibrated on its own validation
   *     windows (never on its test block), or {@code null} for none
   * @param ensemble the fold's own ensemble, served on its test block in place of the spec's;
   *     {@code null}: the spec's (the network alone unless the spec has one)
   */
  public record TrainedFold(SequenceModel model, int bestEpoch, long trainingMillis,
      IntervalBands intervals, io.tickcast.core.forecast.Ensemble ensemble) {
    /** A fold without prediction intervals, served as the spec says. */
    public TrainedFold(SequenceModel model, int bestEpoch, long trainingMillis) {
      this(model, bestEpoch, trainingMillis, null, null);
    }
  }

  /** Sees each fold's test block, e.g. to score baselines fitted on the same training rows. */
  @FunctionalInterface
  public interface FoldObserver {
    /**
     * @param fold the fold
     * @param trainingRows the rows the fold's model was handed (the same copy), raw units
     * @param series all rows (read the test block's history from it, never a row after an
     *     origin)
     * @param block the model's paths from every test window of the fold
     */
    void tested(WalkForwardFold fold, double[][] trainingRows, double[][] series,
        BlockForecasts block);
  }

  /** {@link #evaluate(double[][], ForecastSpec, int, double, FoldTrainer, FoldObserver)}, unobserved. */
  public static WalkForwardEvaluation evaluate(double[][] series, ForecastSpec spec, int folds,
      double tailFraction, FoldTrainer trainer) {
    return evaluate(series, spec, folds, tailFraction, trainer, (f, t, s, b) -> { });
  }

  /**
   * Runs the evaluation.
   *
   * @param series all rows, shape {@code [N][features]}, raw units
   * @param spec window, target, horizon H, normalisation and roll-forward variant of the paths
   * @param folds number of folds
   * @param tailFraction fraction of the windows covered by the test blocks
   * @param trainer trains one model per fold
   * @param observer told of each fold's test block, after its model is trained
   * @return per fold and overall metrics
   * @throws IllegalArgumentException if the series is too short for the folds
   */
  public static WalkForwardEvaluation evaluate(double[][] series, ForecastSpec spec, int folds,
      double tailFraction, FoldTrainer trainer, FoldObserver observer) {
    int w = spec.windowLength();
    List<WalkForwardFold> all =
        WalkForwardFolds.of(Windows.count(series.length, w), folds, tailFraction);
    List<WalkForwardEvaluation.FoldResult> results = new ArrayList<>(all.size());
    List<BlockForecasts> blocks = new ArrayList<>(all.size());
    IntervalScorer intervals = null;
    for (WalkForwardFold fold : all) {
      int rows = fold.trainingRows(w);
      LOG.info("walk-forward fold {}/{}: training on rows 0..{}, testing targets from row {} ({}"
              + " windows)", fold.index() + 1, all.size(), rows - 1, fold.firstTestTargetRow(w),
          fold.testCount());
      double[][] trainingRows = Arrays.copyOf(series, rows);
      TrainedFold trained = trainer.train(trainingRows, fold);
      ForecastSpec foldSpec = trained.ensemble() == null ? spec
          : spec.withEnsemble(trained.ensemble());
      BlockForecasts block = BlockForecasts.of(trained.model(), foldSpec, series,
          fold.testStart(), fold.testEnd(), 1);
      blocks.add(block);
      observer.tested(fold, trainingRows, series, block);
      if (trained.intervals() != null && trained.intervals().levelCount() > 0) {
        // Pooled over the folds, each path with its own fold's bounds; a fold whose levels
        // differ (one was skipped for too few validation windows) ends interval scoring.
        List<Double> levels = IntervalScorer.levels(trained.intervals());
        if (intervals == null && fold.index() == 0) {
          intervals = new IntervalScorer(levels, spec.horizon());
        }
        if (intervals != null) {
          try {
            intervals.add(trained.intervals(), series, w, fold.testStart(), block.predicted(),
                block.actual());
          } catch (IllegalArgumentException e) {
            LOG.warn("walk-forward fold {}: interval levels {} differ from fold 1's; no pooled"
                + " interval scores", fold.index() + 1, levels);
            intervals = null;
          }
        }
      } else {
        intervals = null;
      }
      WalkForwardEvaluation.FoldResult r = new WalkForwardEvaluation.FoldResult(fold, rows,
          block.firstTargetRow(), block.perHorizon(), block.dieboldMariano(1),
          trained.bestEpoch(), trained.trainingMillis());
      results.add(r);
      LOG.info(String.format(Locale.ROOT, "walk-forward fold %d: U@1 %.4f, mean U %.4f,"
              + " DM p@1 %.4f", fold.index() + 1, r.perHorizon().get(0).theilU(),
          r.meanTheilU(), r.dieboldMariano().pValue()));
    }
    BlockForecasts pooled = BlockForecasts.concat(blocks);
    return new WalkForwardEvaluation(spec.rollForward().configName(), tailFraction,
        List.copyOf(results), List.copyOf(pooled.perHorizon()), pooled.dieboldMariano(1),
        intervals == null ? null : intervals.result("model"));
  }
}
