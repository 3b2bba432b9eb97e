package io.tickcast.trainer.search;

import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.trainer.Trainer;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.evaluate.BlockForecasts;
import io.tickcast.trainer.evaluate.WalkForwardEvaluation;
import java.util.Arrays;
import java.util.List;

/**
 * Trains and scores one search candidate. Every candidate is scored on the same held-out target
 * rows {@code [firstTestTargetRow, N)}, whatever its window length, and trains only on rows
 * before the first row its first test window reads ({@code firstTestTargetRow − W}: a purge gap
 * of W windows, so no row is read by both a training and a test window).
 */
public final class SearchRunner {
  private SearchRunner() {}

  /**
   * The first held-out target row shared by all candidates: the last {@code 1 − trainTestSplit}
   * of the windows of the longest window length.
   *
   * @param rows N, rows in the series
   * @param maxWindow the longest window length of the grid
   * @param trainTestSplit fraction of windows for training
   */
  public static int firstTestTargetRow(int rows, int maxWindow, double trainTestSplit) {
    int windows = rows - maxWindow;
    return rows - (int) Math.round((1 - trainTestSplit) * windows);
  }

  /**
   * Trains the candidate on rows before {@code firstTestTargetRow − W} and scores it.
   *
   * @param base config supplying everything the candidate does not set (batch size, seed,
   *     patience, validation fraction, horizon, optimiser type)
   * @param candidate the grid point
   * @param rows the series, shape {@code [N][features]}, raw units
   * @param targetColumn the forecast column
   * @param firstTestTargetRow first held-out target row (from {@link #firstTestTargetRow})
   * @param pathStride H-step paths start at every {@code pathStride}-th held-out window (next-step
   *     figures use every window)
   * @return the scores
   * @throws io.tickcast.trainer.config.ConfigException if the candidate's config is invalid
   * @throws IllegalArgumentException if the data are too short for the window
   */
  public static SearchResult run(TrainerConfig base, SearchCandidate candidate, double[][] rows,
      int targetColumn, int firstTestTargetRow, int pathStride) {
    TrainerConfig config = candidate.apply(base);
    int w = candidate.window();
    int features = rows[0].length;
    int firstTestWindow = firstTestTargetRow - w;
    int windows = rows.length - w;
    // Rows [0, firstTestWindow) hold firstTestWindow - W training windows.
    ChronologicalSplit split = ChronologicalSplit.trainingOnly(firstTestWindow - w,
        config.data().validationFraction(), w);
    Trainer.Fitted fitted = Trainer.fit(config, Arrays.copyOf(rows, firstTestWindow),
        features, targetColumn, split);
    Dl4jSequenceModel model = new Dl4jSequenceModel(fitted.network(), features);
    ForecastSpec spec = new ForecastSpec(w, features, targetColumn, config.data().horizon(),
        config.normalisation(), RollForward.SEED);
    BlockForecasts next = BlockForecasts.of(model, spec.withHorizon(1), rows, firstTestWindow,
        windows, 1);
    HorizonMetrics h1 = next.perHorizon().get(0);
    DieboldMariano.Result dm = next.dieboldMariano(1);
    List<HorizonMetrics> paths = BlockForecasts.of(model, spec, rows, firstTestWindow, windows,
        pathStride).perHorizon();
    return new SearchResult(candidate, next.size(), fitted.history().bestEpoch(),
        fitted.history().epochsRun(), h1.theilU(), h1.rmse(), dm.statistic(), dm.pValue(),
        WalkForwardEvaluation.meanTheilU(paths), paths.get(paths.size() - 1).theilU(),
        fitted.history().elapsedMillis() / 1000.0);
  }
}
