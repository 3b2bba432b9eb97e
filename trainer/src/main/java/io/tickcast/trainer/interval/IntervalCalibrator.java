package io.tickcast.trainer.interval;

import io.tickcast.core.interval.ConformalQuantile;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.window.Windows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Split-conformal calibration of per-horizon prediction intervals on the validation windows:
 * forecast an H-step path from every validation window, score each horizon h by the absolute
 * error in the window's normalised space divided by the window's scale factor ({@link
 * IntervalBands#score}; the factor is 1 unscaled, the window's own volatility under {@code
 * window-volatility}, see {@link IntervalScaling}), and take per level the (n+1)-corrected
 * quantile of the n scores at h ({@link ConformalQuantile}).
 *
 * <p>Only rows before {@code endRow} (the first row a held-out window reads) are read: the series is cut
 * there before anything else, and validation window i is scored at horizon h only when its
 * target row {@code i + W + h − 1} lies before the cut, so long horizons use fewer windows
 * ({@link #scoredWindowEnd}).
 */
public final class IntervalCalibrator {
  private IntervalCalibrator() {}

  /**
   * The end (exclusive) of the windows scored at horizon h: {@code min(to, rows − W − h + 1)},
   * so that the last one's h-step target row {@code end − 1 + W + h − 1} is row {@code rows − 1}
   * at the latest.
   *
   * @param to end (exclusive) of the validation windows
   * @param rows rows that may be read, {@code [0, rows)}
   * @param windowLength W
   * @param h horizon, 1..H
   */
  public static int scoredWindowEnd(int to, int rows, int windowLength, int h) {
    return Math.min(to, rows - windowLength - h + 1);
  }

  /** {@link #calibrate(PathModel, Normalisation, int, int, int, double[][], int, int, int, List,
   * IntervalScaling)} unscaled ({@code none}). */
  public static PredictionIntervals calibrate(PathModel model, Normalisation normalisation,
      int targetColumn, int windowLength, int horizon, double[][] series, int endRow, int from,
      int to, List<Double> levels) {
    return calibrate(model, normalisation, targetColumn, windowLength, horizon, series, endRow,
        from, to, levels, IntervalScaling.NONE);
  }

  /**
   * Calibrates on one series.
   *
   * @param model the forecaster to calibrate (the LSTM through the core Forecaster, or a
   *     baseline)
   * @param normalisation the space errors are measured in (the model's normalisation)
   * @param targetColumn the forecast column
   * @param windowLength W
   * @param horizon H
   * @param series all rows, shape {@code [N][features]}, raw units; only rows {@code [0,
   *     endRow)} are read
   * @param endRow the first row that must not be read (the first row a held-out window reads, or the
   *     end of a walk-forward fold's training rows)
   * @param from first validation window
   * @param to end (exclusive) of the validation windows
   * @param levels nominal coverages, each in (0, 1); sorted ascending in the result
   * @param scaling how half-widths scale per window; {@code window-volatility} stores a floor of
   *     {@link IntervalScaling#FLOOR_FRACTION_OF_MEDIAN} × the median validation-window
   *     volatility, and falls back to {@code none} (the result says so) when that median is 0
   *     (a flat series) or there is no validation window
   * @return the calibration; a level whose quantile is infinite at some horizon (fewer than
   *     {@link ConformalQuantile#minimumScores} scored windows there) is listed as skipped
   * @throws IllegalArgumentException if the window range does not fit before {@code endRow}
   */
  public static PredictionIntervals calibrate(PathModel model, Normalisation normalisation,
      int targetColumn, int windowLength, int horizon, double[][] series, int endRow, int from,
      int to, List<Double> levels, IntervalScaling scaling) {
    return calibrate(model, normalisation, targetColumn, windowLength, horizon,
        List.of(new Segment(series, endRow, from, to)), levels, scaling);
  }

  /**
   * The validation windows of one series (one symbol) to calibrate on.
   *
   * @param series all rows of the series, shape {@code [N][features]}, raw units; only rows
   *     {@code [0, endRow)} are read
   * @param endRow the first row that must not be read (the first row its held-out windows read)
   * @param from its first validation window
   * @param to end (exclusive) of its validation windows
   */
  public record Segment(double[][] series, int endRow, int from, int to) {}

  /**
   * Calibrates on the pooled scores of several series' validation windows (many symbols served
   * by one model): every segment's windows are scored as in the one-series case, each against
   * its own rows before its own {@code endRow}, and the scores at each horizon of all segments
   * form one sample, so one quantile per level and horizon serves every symbol. The scores are
   * in the normalisation's space divided by the window's scale factor, so with a ratio
   * normalisation (e.g. {@code last-price}) symbols of different price levels pool on one
   * scale. The {@code window-volatility} floor is taken from the median over all segments'
   * validation windows.
   *
   * @param segments the series and their validation windows; none may be empty of rows
   * @return the calibration; {@link PredictionIntervals#calibrationWindows()} counts the pooled
   *     scores per horizon
   * @throws IllegalArgumentException if a segment's window range does not fit before its {@code
   *     endRow}
   * @see #calibrate(PathModel, Normalisation, int, int, int, double[][], int, int, int, List,
   *     IntervalScaling) for the other parameters
   */
  public static PredictionIntervals calibrate(PathModel model, Normalisation normalisation,
      int targetColumn, int windowLength, int horizon, List<Segment> segments,
      List<Double> levels, IntervalScaling scaling) {
    int w = windowLength;
    List<double[][]> cut = new ArrayList<>(segments.size());
    List<double[][][]> inputs = new ArrayList<>(segments.size());
    List<double[]> volatility = new ArrayList<>(segments.size());
    int total = 0;
    for (Segment seg : segments) {
      double[][] rows = Arrays.copyOf(seg.series(), Math.min(seg.endRow(), seg.series().length));
      if (seg.from() < 0 || seg.from() > seg.to() || seg.to() > Windows.count(rows.length, w)) {
        throw new IllegalArgumentException("validation windows [" + seg.from() + ", " + seg.to()
            + ") do not fit the " + rows.length + " rows before the held-out data (window " + w
            + ")");
      }
      int n = seg.to() - seg.from();
      double[][][] in = new double[n][][];
      double[] vol = new double[n];
      for (int k = 0; k < n; k++) {
        in[k] = Windows.window(rows, seg.from() + k, w);
        vol[k] = IntervalScaling.windowVolatility(in[k], targetColumn, normalisation);
      }
      cut.add(rows);
      inputs.add(in);
      volatility.add(vol);
      total += n;
    }
    Double floor = null;
    if (scaling == IntervalScaling.WINDOW_VOLATILITY) {
      double[] sorted = volatility.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
      int n = total;
      double median = n == 0 ? 0.0 : n % 2 == 1 ? sorted[n / 2]
          : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      if (median > 0.0 && Double.isFinite(median)) {
        floor = IntervalScaling.FLOOR_FRACTION_OF_MEDIAN * median;
      } else {
        scaling = IntervalScaling.NONE;
      }
    }
    List<List<Double>> pooled = new ArrayList<>(horizon);
    for (int h = 0; h < horizon; h++) {
      pooled.add(new ArrayList<>());
    }
    for (int g = 0; g < segments.size(); g++) {
      double[][] rows = cut.get(g);
      double[][][] in = inputs.get(g);
      int from = segments.get(g).from();
      int to = segments.get(g).to();
      int n = in.length;
      IntervalBands.WindowScale[] scale = new IntervalBands.WindowScale[n];
      for (int k = 0; k < n; k++) {
        scale[k] = IntervalBands.scale(in[k], normalisation, targetColumn, scaling,
            floor == null ? 0.0 : floor);
      }
      double[][] paths = n == 0 ? new double[0][] : model.paths(in, horizon);
      for (int h = 1; h <= horizon; h++) {
        int end = Math.max(from, scoredWindowEnd(to, rows.length, w, h));
        for (int i = from; i < end; i++) {
          double actual = rows[i + w + h - 1][targetColumn];
          pooled.get(h - 1).add(IntervalBands.score(normalisation, actual,
              paths[i - from][h - 1], scale[i - from]));
        }
      }
    }
    double[][] scores = new double[horizon][];
    List<Integer> counts = new ArrayList<>(horizon);
    for (int h = 0; h < horizon; h++) {
      scores[h] = pooled.get(h).stream().mapToDouble(Double::doubleValue).toArray();
      counts.add(scores[h].length);
    }
    List<PredictionIntervals.Level> calibrated = new ArrayList<>();
    List<PredictionIntervals.Skipped> skipped = new ArrayList<>();
    for (double level : levels.stream().sorted().toList()) {
      List<Double> halfWidths = new ArrayList<>(horizon);
      String problem = null;
      for (int h = 1; h <= horizon && problem == null; h++) {
        double q = ConformalQuantile.of(scores[h - 1], level);
        if (Double.isInfinite(q)) {
          problem = String.format(Locale.ROOT, "%d validation windows can be scored at horizon %d;"
                  + " a finite %.3g quantile needs at least %d (raise data.validationFraction or"
                  + " lower the level)", scores[h - 1].length, h, level,
              ConformalQuantile.minimumScores(level));
        }
        halfWidths.add(q);
      }
      if (problem == null) {
        calibrated.add(new PredictionIntervals.Level(level, halfWidths));
      } else {
        skipped.add(new PredictionIntervals.Skipped(level, problem));
      }
    }
    return new PredictionIntervals(scaling == IntervalScaling.NONE
        ? PredictionIntervals.SPLIT_CONFORMAL : PredictionIntervals.SPLIT_CONFORMAL_SCALED,
        scaling.configName(), floor, counts, calibrated, skipped);
  }
}
