package io.tickcast.trainer.evaluate;

import io.tickcast.core.baseline.Baseline;
import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.interval.IntervalCalibrator;
import io.tickcast.trainer.interval.IntervalEvaluation;
import io.tickcast.trainer.interval.IntervalScorer;
import io.tickcast.trainer.interval.PathModel;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A baseline's prediction intervals beside the model's (issue 14: e.g. drift with its empirical
 * error quantiles): per block, the baseline is fitted on the rows {@link BaselineComparison}
 * fits it on, its paths from each window ({@link PathModel#of(FittedBaseline, int)}) are
 * calibrated by {@link IntervalCalibrator} on the same validation windows as the model's, with
 * the same normalisation, scaling and levels, and its block's paths are scored by {@link
 * IntervalScorer} against the same actuals. As a {@link WalkForwardEvaluator.FoldObserver} it
 * does this per fold. Not thread-safe.
 */
public final class BaselineIntervals implements WalkForwardEvaluator.FoldObserver {
  private final Baseline baseline;
  private final ForecastSpec spec;
  private final List<Double> levels;
  private final IntervalScaling scaling;
  private final IntFunction<ChronologicalSplit> foldSplit;
  private IntervalScorer scorer;
  private boolean broken;

  /**
   * @param baseline what to calibrate, e.g. drift
   * @param spec window W, target column, horizon H and normalisation (the model's)
   * @param levels nominal coverages, as the model's config
   * @param scaling the model's interval scaling
   * @param foldSplit for walk-forward: a fold's validation windows from its number of training
   *     windows, as the fold's model is split ({@code null} for held-out only)
   */
  public BaselineIntervals(Baseline baseline, ForecastSpec spec, List<Double> levels,
      IntervalScaling scaling, IntFunction<ChronologicalSplit> foldSplit) {
    this.baseline = baseline;
    this.spec = spec;
    this.levels = levels.stream().sorted().toList();
    this.scaling = scaling;
    this.foldSplit = foldSplit;
  }

  /**
   * The held-out block: baseline fitted on the rows before the first held-out target, calibrated
   * on the split's validation windows from the rows before the first held-out window's first
   * row, scored on the held-out windows.
   *
   * @param series all rows, shape {@code [N][features]}, raw units
   * @param split the model's split
   * @param actual actual prices of the held-out windows, shape {@code [n][H]} (the model's block)
   * @return this
   */
  public BaselineIntervals heldOut(double[][] series, ChronologicalSplit split,
      double[][] actual) {
    int w = spec.windowLength();
    add(BaselineComparison.column(series, spec.targetColumn(), split.testStart() + w), series,
        split.testStart(), split.validationStart(), split.trainEnd(), series, split.testStart(),
        actual);
    return this;
  }

  @Override
  public void tested(WalkForwardFold fold, double[][] trainingRows, double[][] series,
      BlockForecasts block) {
    ChronologicalSplit s =
        foldSplit.apply(Windows.count(trainingRows.length, spec.windowLength()));
    add(BaselineComparison.column(trainingRows, spec.targetColumn(), trainingRows.length),
        trainingRows, trainingRows.length, s.validationStart(), s.trainEnd(), series,
        fold.testStart(), block.actual());
  }

  /**
   * Fits, calibrates on windows {@code [validationFrom, validationTo)} of {@code rows[0,
   * endRow)}, scores the paths from windows {@code firstWindow ..} of {@code series}.
   */
  private void add(double[] trainingPrices, double[][] rows, int endRow, int validationFrom,
      int validationTo, double[][] series, int firstWindow, double[][] actual) {
    if (broken) {
      return;
    }
    PathModel model;
    PredictionIntervals p;
    try {
      model = PathModel.of(baseline.fit(trainingPrices), spec.targetColumn());
      p = IntervalCalibrator.calibrate(model, spec.normalisation(), spec.targetColumn(),
          spec.windowLength(), spec.horizon(), rows, endRow, validationFrom, validationTo,
          levels, scaling);
    } catch (IllegalArgumentException e) {
      broken = true; // e.g. drift on non-positive prices: no baseline intervals
      return;
    }
    IntervalBands bands = new IntervalBands(p, spec.normalisation(), spec.targetColumn());
    if (bands.levelCount() == 0) {
      broken = true; // every level skipped for too few validation windows
      return;
    }
    double[][][] windows = new double[actual.length][][];
    for (int k = 0; k < windows.length; k++) {
      windows[k] = Windows.window(series, firstWindow + k, spec.windowLength());
    }
    // As for the model: the levels the first block calibrated; a block whose levels differ
    // (one skipped for too few validation windows) ends the pooled scores.
    if (scorer == null) {
      scorer = new IntervalScorer(IntervalScorer.levels(bands), spec.horizon());
    }
    try {
      scorer.add(bands, series, spec.windowLength(), firstWindow,
          model.paths(windows, spec.horizon()), actual);
    } catch (IllegalArgumentException e) {
      broken = true;
    }
  }

  /**
   * The pooled scores at the first block's calibrated levels, forecaster named as the baseline;
   * {@code null} when the baseline could not be fitted on some block, a block calibrated other
   * levels (or none), or no block was added.
   */
  public IntervalEvaluation result() {
    return broken || scorer == null ? null : scorer.result(baseline.name());
  }
}
