package io.tickcast.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.baseline.Drift;
import io.tickcast.core.eval.IntervalMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.interval.IntervalEvaluation;
import io.tickcast.trainer.interval.PathModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineIntervalsTest {
  private static double[][] column(double... v) {
    double[][] rows = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      rows[i] = new double[] {v[i]};
    }
    return rows;
  }

  @Test
  void driftIntervalsFromTheValidationWindowsScoredOnTheHeldOutWindows() {
    // 12 rows, W = 2: 10 windows; validation windows 4, 5, held-out windows 8, 9.
    // Drift is fitted on rows 0..9 (before the first held-out target, row 10): p0 = p9 = 10,
    // so mu = 0 and drift repeats the window's last price.
    // Validation: window 4 (rows 4, 5) forecasts 12, actual row 6 = 15: error 3; window 5
    // forecasts 15, actual 13: error 2. 50%: rank ceil(3 x 0.5) = 2 -> q = 3.
    // Held out: window 8 forecasts 10, actual 12: inside [7, 13], score 6; window 9 forecasts
    // 12, actual 16: 1 above [9, 15], score 6 + (2 / 0.5) x 1 = 10. Coverage 0.5, width 6,
    // mean score 8.
    double[][] series = column(10, 11, 12, 11, 10, 12, 15, 13, 11, 10, 12, 16);
    ChronologicalSplit split = new ChronologicalSplit(10, 2, 4, 6, 8);
    ForecastSpec spec = new ForecastSpec(2, 1, 0, 1, Normalisation.NONE, RollForward.SEED);

    IntervalEvaluation e = new BaselineIntervals(new Drift(), spec, List.of(0.5),
        IntervalScaling.NONE, null).heldOut(series, split, new double[][] {{12}, {16}})
        .result();

    assertThat(e.forecaster()).isEqualTo("drift");
    IntervalMetrics m = e.at(0, 1);
    assertThat(m.count()).isEqualTo(2);
    assertThat(m.coverage()).isEqualTo(0.5);
    assertThat(m.meanWidth()).isCloseTo(6.0, within(1e-12));
    assertThat(m.intervalScore()).isCloseTo(8.0, within(1e-12));
  }

  @Test
  void aBaselinePathModelForecastsFromEachWindowsLastPrice() {
    // drift fitted on 100 -> 121 over 2 steps: mu = ln(1.1); from a window ending at 50:
    // 55, 60.5.
    Drift.Fitted drift = new Drift().fit(new double[] {100, 110, 121});
    double[][] paths = PathModel.of(drift, 1).paths(
        new double[][][] {{{0, 40}, {0, 50}}}, 2);
    assertThat(paths[0]).containsExactly(new double[] {55, 60.5}, within(1e-9));
  }

  @Test
  void aBaselineThatCannotBeFittedGivesNoIntervals() {
    // drift needs positive prices (log scale)
    double[][] series = column(10, -1, 12, 11, 10, 12, 15, 13, 11, 10, 12, 16);
    ChronologicalSplit split = new ChronologicalSplit(10, 2, 4, 6, 8);
    ForecastSpec spec = new ForecastSpec(2, 1, 0, 1, Normalisation.NONE, RollForward.SEED);
    assertThat(new BaselineIntervals(new Drift(), spec, List.of(0.5), IntervalScaling.NONE, null)
        .heldOut(series, split, new double[][] {{12}, {16}}).result()).isNull();
  }
}
