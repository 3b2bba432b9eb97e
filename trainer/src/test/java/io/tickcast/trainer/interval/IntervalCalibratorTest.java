package io.tickcast.trainer.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.normalise.Normalisation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalCalibratorTest {
  /** Persistence: every step of the path repeats the window's last price. */
  private static final PathModel PERSISTENCE = (windows, horizon) -> {
    double[][] out = new double[windows.length][horizon];
    for (int i = 0; i < windows.length; i++) {
      Arrays.fill(out[i], windows[i][windows[i].length - 1][0]);
    }
    return out;
  };

  private static double[][] column(double... v) {
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i]};
    }
    return rows;
  }

  @Test
  void quantilesOfHandComputedErrors() {
    // W = 2, validation windows 0..3, held-out targets from row 6 (poisoned: NaN).
    // Window i is rows i, i+1; persistence forecasts v[i+1] at every horizon.
    // h = 1: errors v[i+2] - v[i+1] = 2, 3, 4, 5 (n = 4): 0.5 -> rank ceil(2.5) = 3 -> 4;
    //        0.8 -> ceil(4) = 4 -> 5.
    // h = 2: window i needs row i+3 < 6, so windows 0..2: errors 7-2, 11-4, 16-7 = 5, 7, 9
    //        (n = 3): 0.5 -> ceil(2) = 2 -> 7; 0.8 -> ceil(3.2) = 4 > 3: infinite, skipped.
    double[][] series = column(1, 2, 4, 7, 11, 16, Double.NaN, Double.NaN);
    PredictionIntervals p = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 2,
        2, series, 6, 0, 4, List.of(0.8, 0.5));

    assertThat(p.calibrationWindows()).containsExactly(4, 3);
    assertThat(p.levels()).hasSize(1);
    assertThat(p.levels().get(0).level()).isEqualTo(0.5);
    assertThat(p.levels().get(0).halfWidths()).containsExactly(4.0, 7.0);
    assertThat(p.skipped()).hasSize(1);
    assertThat(p.skipped().get(0).level()).isEqualTo(0.8);
    assertThat(p.skipped().get(0).reason()).contains("3 validation windows")
        .contains("horizon 2").contains("at least 4");
  }

  @Test
  void windowVolatilityScoresErrorsInUnitsOfTheWindowsVolatility() {
    // W = 3, none: window i is rows i..i+2, its differences d_i, d_{i+1}; population sd
    // |d_i - d_{i+1}| / 2. Differences 2, 4, 1, 3, 8, 2 (rows 0, 2, 6, 7, 10, 18, 20).
    // Persistence error at h = 1 is |d_{i+2}|; validation windows 0..3:
    //   window 0: sd |2-4|/2 = 1,   error 1 -> 1
    //   window 1: sd |4-1|/2 = 1.5, error 3 -> 2
    //   window 2: sd |1-3|/2 = 1,   error 8 -> 8
    //   window 3: sd |3-8|/2 = 2.5, error 2 -> 0.8
    // floor: 0.1 x median(1, 1.5, 1, 2.5) = 0.1 x 1.25 = 0.125 (binds nowhere).
    // sorted scores 0.8, 1, 2, 8: 0.5 -> rank ceil(2.5) = 3 -> 2; 0.8 -> rank 4 -> 8.
    double[][] series = column(0, 2, 6, 7, 10, 18, 20);
    PredictionIntervals p = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 3,
        1, series, 7, 0, 4, List.of(0.5, 0.8), IntervalScaling.WINDOW_VOLATILITY);

    assertThat(p.scaling()).isEqualTo("window-volatility");
    assertThat(p.volatilityFloor()).isCloseTo(0.125, within(1e-12));
    assertThat(p.calibrationWindows()).containsExactly(4);
    assertThat(p.levels().get(0).halfWidths()).containsExactly(2.0);
    assertThat(p.levels().get(1).halfWidths()).containsExactly(8.0);
    // At a new window 0, 1, 3 (differences 1, 2, sd 0.5) the 50% half-width is 2 x 0.5 = 1.
    IntervalBands bands = new IntervalBands(p, Normalisation.NONE, 0);
    IntervalBands.WindowScale s = bands.scale(column(0, 1, 3));
    assertThat(bands.lower(0, 1, 3, s)).isCloseTo(2.0, within(1e-12));
    assertThat(bands.upper(0, 1, 3, s)).isCloseTo(4.0, within(1e-12));
    // Unscaled, the same windows give the plain quantiles of the errors 1, 3, 8, 2: 3 and 8.
    PredictionIntervals plain = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0,
        3, 1, series, 7, 0, 4, List.of(0.5, 0.8));
    assertThat(plain.scaling()).isEqualTo("none");
    assertThat(plain.volatilityFloor()).isNull();
    assertThat(plain.levels().get(0).halfWidths()).containsExactly(3.0);
    assertThat(plain.levels().get(1).halfWidths()).containsExactly(8.0);
  }

  @Test
  void aFlatSeriesFallsBackToUnscaled() {
    double[][] series = column(5, 5, 5, 5, 5, 5, 5);
    PredictionIntervals p = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 3,
        1, series, 7, 0, 4, List.of(0.5), IntervalScaling.WINDOW_VOLATILITY);
    assertThat(p.scaling()).isEqualTo("none");
    assertThat(p.volatilityFloor()).isNull();
    assertThat(p.levels().get(0).halfWidths()).containsExactly(0.0);
  }

  @Test
  void ratioNormalisationScoresRelativeErrors() {
    // last-price, W = 2: the base is the window's last price v[i+1], the forecast too.
    // Windows 0..2 (targets rows 2..4, all before row 5): errors |110/100-1| = 0.1,
    // |99/110-1| = 0.1, |99/99-1| = 0; n = 3, 0.5 -> rank 2 -> sorted {0, 0.1, 0.1}[1] = 0.1.
    double[][] series = column(100, 100, 110, 99, 99);
    PredictionIntervals p = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.LAST_PRICE,
        0, 2, 1, series, 5, 0, 3, List.of(0.5));
    assertThat(p.levels().get(0).halfWidths().get(0)).isCloseTo(0.1, within(1e-12));
    // The stream app's bounds around a forecast of 200 on a window whose last price is 200.
    IntervalBands bands = new IntervalBands(p, Normalisation.LAST_PRICE, 0);
    assertThat(bands.lower(0, 1, 200, new IntervalBands.WindowScale(200, 1))).isCloseTo(180,
        within(1e-9));
  }

  @Test
  void neverReadsARowAtOrAfterTheHeldOutStart() {
    int w = 5;
    int horizon = 10;
    int from = 40;
    int to = 60;
    int endRow = to + w; // the first held-out target row, as the trainer passes it
    double[] v = new double[100];
    for (int t = 0; t < v.length; t++) {
      v[t] = 100 + 10 * Math.sin(t / 3.0);
    }
    double[][] series = column(v);
    List<double[][]> seen = new ArrayList<>();
    PathModel recording = (windows, h) -> {
      seen.addAll(Arrays.asList(windows));
      return PERSISTENCE.paths(windows, h);
    };
    PredictionIntervals clean = IntervalCalibrator.calibrate(recording, Normalisation.LAST_PRICE,
        0, w, horizon, series, endRow, from, to, List.of(0.8));

    // Every window handed to the model lies before the held-out rows.
    for (double[][] window : seen) {
      for (double[] row : window) {
        int index = Arrays.asList(series).indexOf(row);
        assertThat(index).isBetween(from, endRow - 1);
      }
    }
    // At horizon h the last scored window is i = endRow - W - h: its target row is endRow - 1.
    for (int h = 1; h <= horizon; h++) {
      int end = IntervalCalibrator.scoredWindowEnd(to, endRow, w, h);
      assertThat(end - 1 + w + h - 1).isEqualTo(endRow - 1);
      assertThat(clean.calibrationWindows().get(h - 1)).isEqualTo(end - from);
    }
    assertThat(clean.calibrationWindows()).containsExactly(20, 19, 18, 17, 16, 15, 14, 13, 12, 11);

    // Held-out rows replaced by garbage (NaN, or a crash): the same calibration.
    double[][] poisoned = Arrays.copyOf(series, series.length);
    for (int r = endRow; r < poisoned.length; r++) {
      poisoned[r] = new double[] {r % 2 == 0 ? Double.NaN : -1e9};
    }
    PredictionIntervals again = IntervalCalibrator.calibrate(PERSISTENCE,
        Normalisation.LAST_PRICE, 0, w, horizon, poisoned, endRow, from, to, List.of(0.8));
    assertThat(again).isEqualTo(clean);
  }

  @Test
  void manySeriesPoolTheirScoresEachReadOnlyBeforeItsOwnHeldOutRows() {
    // Series 1 as in quantilesOfHandComputedErrors: W = 2, windows 0..3, end row 6;
    //   h = 1 errors 2, 3, 4, 5; h = 2 errors 5, 7, 9.
    // Series 2: W = 2, windows 0..1, end row 4 (row 4 poisoned, never read); persistence
    //   forecasts v[i+1]: h = 1 errors |17-11| = 6, |17-17| = 0; h = 2 only window 0 (row 3 < 4):
    //   |17-11| = 6.
    // Pooled h = 1: 0, 2, 3, 4, 5, 6 (n = 6): 0.5 -> rank ceil(3.5) = 4 -> 4; 0.8 -> ceil(5.6)
    //   = 6 -> 6. h = 2: 5, 6, 7, 9 (n = 4): 0.5 -> ceil(2.5) = 3 -> 7; 0.8 -> rank 4 -> 9.
    double[][] one = column(1, 2, 4, 7, 11, 16, Double.NaN, Double.NaN);
    double[][] two = column(10, 11, 17, 17, Double.NaN);
    PredictionIntervals p = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 2,
        2, List.of(new IntervalCalibrator.Segment(one, 6, 0, 4),
            new IntervalCalibrator.Segment(two, 4, 0, 2)), List.of(0.8, 0.5),
        IntervalScaling.NONE);

    assertThat(p.calibrationWindows()).containsExactly(6, 4);
    assertThat(p.skipped()).isEmpty();
    assertThat(p.levels().get(0).level()).isEqualTo(0.5);
    assertThat(p.levels().get(0).halfWidths()).containsExactly(4.0, 7.0);
    assertThat(p.levels().get(1).halfWidths()).containsExactly(6.0, 9.0);
    // One segment is the one-series calibration.
    assertThat(IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 2, 2,
        List.of(new IntervalCalibrator.Segment(one, 6, 0, 4)), List.of(0.8, 0.5),
        IntervalScaling.NONE))
        .isEqualTo(IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 2, 2, one, 6,
            0, 4, List.of(0.8, 0.5)));
  }

  @Test
  void manySeriesShareOneVolatilityFloorFromThePooledMedian() {
    // Series 1 as in windowVolatilityScoresErrorsInUnitsOfTheWindowsVolatility: sd 1, 1.5, 1,
    //   2.5, scores 1, 2, 8, 0.8. Series 2, W = 3, window 0 (rows 0..2, differences 4, 8): sd 2,
    //   error |20 - 12| = 8, score 4. Pooled median sd 1.5: floor 0.15.
    //   Scores 0.8, 1, 2, 4, 8 (n = 5): 0.5 -> rank 3 -> 2; 0.8 -> rank ceil(4.8) = 5 -> 8.
    PredictionIntervals p = IntervalCalibrator.calibrate(PERSISTENCE, Normalisation.NONE, 0, 3,
        1, List.of(new IntervalCalibrator.Segment(column(0, 2, 6, 7, 10, 18, 20), 7, 0, 4),
            new IntervalCalibrator.Segment(column(0, 4, 12, 20), 4, 0, 1)),
        List.of(0.5, 0.8), IntervalScaling.WINDOW_VOLATILITY);
    assertThat(p.volatilityFloor()).isCloseTo(0.15, within(1e-12));
    assertThat(p.calibrationWindows()).containsExactly(5);
    assertThat(p.levels().get(0).halfWidths()).containsExactly(2.0);
    assertThat(p.levels().get(1).halfWidths()).containsExactly(8.0);
  }
}
