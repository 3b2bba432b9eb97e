package io.tickcast.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.baseline.Baseline;
import io.tickcast.core.baseline.Baselines;
import io.tickcast.core.baseline.Drift;
import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.baseline.Persistence;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.normalise.Normalisation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Baselines fitted on exactly the rows each model trains on, and scored on the same targets. */
class BaselineComparisonTest {
  private static final int W = 10;
  private static final int H = 3;
  private static final ForecastSpec SPEC =
      new ForecastSpec(W, 1, 0, H, Normalisation.LAST_PRICE, RollForward.SEED);

  /** Predicts a normalised 0: with last-price, exactly persistence. */
  private static final class Zero implements SequenceModel {
    @Override
    public int inputFeatures() {
      return 1;
    }

    @Override
    public double[] predict(double[][][] normalisedWindows) {
      return new double[normalisedWindows.length];
    }

    @Override
    public SequenceModel copy() {
      return this;
    }
  }

  /** Row r holds 1000 + r: a price seen reveals its row. */
  private static double[][] rowCodedSeries(int n) {
    double[][] s = new double[n][1];
    for (int r = 0; r < n; r++) {
      s[r][0] = 1000 + r;
    }
    return s;
  }

  /** A drift baseline that records the highest row among the prices it is fitted on. */
  private static final class Spy implements Baseline {
    final List<int[]> fits = new ArrayList<>(); // {rows handed over, highest row seen}

    @Override
    public String name() {
      return "spy";
    }

    @Override
    public FittedBaseline fit(double[] trainingPrices) {
      int highest = -1;
      for (double p : trainingPrices) {
        highest = Math.max(highest, (int) (p - 1000));
      }
      fits.add(new int[] {trainingPrices.length, highest});
      return new Drift().fit(trainingPrices);
    }
  }

  @Test
  void eachWalkForwardFoldsBaselinesSeeOnlyTheRowsItsModelTrainedOn() {
    double[][] series = rowCodedSeries(120);
    Spy spy = new Spy();
    BaselineComparison.Collector c = BaselineComparison.walkForward(0,
        List.of(new Persistence(), new Drift(), spy));
    WalkForwardEvaluation eval = WalkForwardEvaluator.evaluate(series, SPEC, 4, 0.5,
        (rows, fold) -> new WalkForwardEvaluator.TrainedFold(new Zero(), 1, 0), c);
    BaselineComparison result = c.result();
    // first test targets at rows 65, 78, 91, 104 (see WalkForwardEvaluatorTest)
    assertThat(result.fits()).extracting(BaselineComparison.Fit::firstTestTargetRow)
        .containsExactly(65, 78, 91, 104);
    // the fold's model trains on the rows before its first test window's first input row
    // (first test target - W; the purge gap), and so do its baselines
    for (int k = 0; k < 4; k++) {
      int n = eval.folds().get(k).firstTestTargetRow() - W;
      assertThat(result.fits().get(k).trainingRows()).isEqualTo(n);
      assertThat(spy.fits.get(k)).containsExactly(n, n - 1);
      // mu = ln(p_{n-1} / p_0) / (n - 1) over that fold's rows only
      Drift.Fitted d = (Drift.Fitted) result.fits().get(k).baselines().get(1);
      assertThat(d.meanLogReturn())
          .isCloseTo(Math.log((1000.0 + n - 1) / 1000) / (n - 1), within(1e-15));
    }
    assertThat(result.comparison().forecasters().get(0).perHorizon().get(0).count()).isEqualTo(55);
    // the model is persistence: U 1 at every horizon, and so is persistence itself
    for (String name : List.of(BaselineComparison.MODEL, Persistence.NAME)) {
      assertThat(result.comparison().forecaster(name).perHorizon())
          .extracting(HorizonMetrics::theilU).containsOnly(1.0);
    }
  }

  @Test
  void heldOutBaselinesAreFittedOnTheRowsBeforeTheFirstHeldOutTargetAndScoredOnItsTargets() {
    // exact 1 % growth: the drift fitted on any prefix forecasts every later price exactly
    double[][] series = new double[80][1];
    for (int r = 0; r < series.length; r++) {
      series[r][0] = 100 * Math.pow(1.01, r);
    }
    BaselineComparison c = BaselineComparison.heldOut(new Zero(), SPEC, series, 50,
        List.of(new Persistence(), new Drift()));
    assertThat(c.fits()).hasSize(1);
    assertThat(c.fits().get(0).trainingRows()).isEqualTo(60);
    assertThat(c.fits().get(0).firstTestTargetRow()).isEqualTo(60);
    assertThat(c.parameters(Drift.NAME).orElseThrow().get(Drift.MEAN_LOG_RETURN))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
        .isCloseTo(Math.log(1.01), within(1e-12));
    // 20 held-out windows; h=3 is scored on the 18 paths that end inside the series
    HorizonMetrics drift3 = c.comparison().forecaster(Drift.NAME).perHorizon().get(2);
    assertThat(drift3.count()).isEqualTo(18);
    assertThat(drift3.theilU()).isCloseTo(0, within(1e-9));
    assertThat(c.comparison().verdicts()).allMatch(v -> v.bestBaseline().equals(Drift.NAME));
  }

  @Test
  void aBaselineThatCannotBeFittedIsLeftOutWithTheReason() {
    double[][] series = new double[60][1];
    for (int r = 0; r < series.length; r++) {
      series[r][0] = Math.sin(r / 5.0); // crosses zero: no log returns
    }
    BaselineComparison c = BaselineComparison.heldOut(new Zero(),
        new ForecastSpec(W, 1, 0, H, Normalisation.NONE, RollForward.SEED), series, 30,
        Baselines.standard());
    assertThat(c.comparison().forecasters()).extracting(f -> f.name())
        .containsExactly(BaselineComparison.MODEL, Persistence.NAME);
    assertThat(c.skipped()).containsOnlyKeys(Drift.NAME, "ar", "holt-damped");
    assertThat(c.skipped().get(Drift.NAME)).contains("positive");
    assertThat(c.table(h -> true)).contains("drift left out");
    assertThat(c.parameters(Drift.NAME)).isEmpty();
  }
}
