package io.tickcast.trainer.interval;

import io.tickcast.core.eval.IntervalMetrics;
import io.tickcast.core.eval.IntervalScores;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.window.Windows;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects interval cells (lower, upper, actual) per level and horizon from forecast paths, each
 * path with the bounds of the model that made it, then scores them ({@link IntervalScores}).
 * Paths from several models (walk-forward folds, each with its own calibration) can be pooled as
 * long as they share the levels and horizon. Not thread-safe.
 */
public final class IntervalScorer {
  private final double[] levels;
  private final int horizon;
  private final List<double[]>[][] cells;

  /**
   * @param levels nominal coverages, in the order of the bands added
   * @param horizon H
   */
  @SuppressWarnings("unchecked")
  public IntervalScorer(List<Double> levels, int horizon) {
    this.levels = levels.stream().mapToDouble(Double::doubleValue).toArray();
    this.horizon = horizon;
    this.cells = new List[this.levels.length][horizon];
    for (int l = 0; l < this.levels.length; l++) {
      for (int h = 0; h < horizon; h++) {
        cells[l][h] = new ArrayList<>();
      }
    }
  }

  /** The levels of {@code bands}, in order. */
  public static List<Double> levels(IntervalBands bands) {
    List<Double> out = new ArrayList<>(bands.levelCount());
    for (int i = 0; i < bands.levelCount(); i++) {
      out.add(bands.level(i));
    }
    return out;
  }

  /**
   * Adds the paths of a block of consecutive windows.
   *
   * @param bands the intervals of the model that made the paths (same levels as this scorer)
   * @param series all rows, raw units (the windows' rows give the normalisation base)
   * @param windowLength W
   * @param firstWindow index of the window of {@code predicted[0]}; path k is from window {@code
   *     firstWindow + k}
   * @param predicted paths, shape {@code [n][H]}, price units
   * @param actual actual prices, shape {@code [n][H]}; {@code NaN} past the end of the series
   * @throws IllegalArgumentException if the bands' levels differ from the scorer's
   */
  public void add(IntervalBands bands, double[][] series, int windowLength, int firstWindow,
      double[][] predicted, double[][] actual) {
    if (bands.levelCount() != levels.length) {
      throw new IllegalArgumentException("bands have " + bands.levelCount() + " levels, the"
          + " scorer " + levels.length);
    }
    for (int l = 0; l < levels.length; l++) {
      if (bands.level(l) != levels[l]) {
        throw new IllegalArgumentException("band level " + bands.level(l) + " is not the"
            + " scorer's " + levels[l]);
      }
    }
    for (int k = 0; k < predicted.length; k++) {
      IntervalBands.WindowScale scale =
          bands.scale(Windows.window(series, firstWindow + k, windowLength));
      for (int l = 0; l < levels.length; l++) {
        for (int h = 1; h <= horizon; h++) {
          double p = predicted[k][h - 1];
          cells[l][h - 1].add(new double[] {bands.lower(l, h, p, scale), bands.upper(l, h, p, scale),
              actual[k][h - 1]});
        }
      }
    }
  }

  /**
   * Scores the cells.
   *
   * @param forecaster what made the paths, e.g. {@code model} or {@code drift}
   * @return per level and horizon: coverage, mean width, interval score
   */
  public IntervalEvaluation result(String forecaster) {
    List<List<IntervalMetrics>> perLevel = new ArrayList<>(levels.length);
    for (int l = 0; l < levels.length; l++) {
      List<IntervalMetrics> perHorizon = new ArrayList<>(horizon);
      for (int h = 0; h < horizon; h++) {
        List<double[]> c = cells[l][h];
        double[] lo = new double[c.size()];
        double[] hi = new double[c.size()];
        double[] y = new double[c.size()];
        for (int i = 0; i < c.size(); i++) {
          lo[i] = c.get(i)[0];
          hi[i] = c.get(i)[1];
          y[i] = c.get(i)[2];
        }
        perHorizon.add(IntervalScores.score(h + 1, levels[l], lo, hi, y));
      }
      perLevel.add(List.copyOf(perHorizon));
    }
    return new IntervalEvaluation(forecaster, List.copyOf(perLevel));
  }
}
