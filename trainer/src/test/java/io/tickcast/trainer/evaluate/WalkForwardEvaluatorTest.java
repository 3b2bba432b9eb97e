package io.tickcast.trainer.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.normalise.Normalisation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fold boundaries, no look-ahead into the test block, and the scores of a known model. */
class WalkForwardEvaluatorTest {
  private static final int W = 10;
  private static final int H = 3;

  /** A model that always predicts a normalised 0: with last-price, exactly persistence. */
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

  @Test
  void foldsCutTheLastFortyPercentIntoEqualConsecutiveBlocks() {
    // 100 windows, tail 40 → test blocks [60,68) [68,76) [76,84) [84,92) [92,100)
    List<WalkForwardFold> folds = WalkForwardFolds.of(100, 5, 0.4);
    assertThat(folds).extracting(WalkForwardFold::testStart).containsExactly(60, 68, 76, 84, 92);
    assertThat(folds).extracting(WalkForwardFold::testEnd).containsExactly(68, 76, 84, 92, 100);
    // 103 windows, tail round(41.2) = 41 from 62, blocks of 8, the last takes the remainder
    List<WalkForwardFold> uneven = WalkForwardFolds.of(103, 5, 0.4);
    assertThat(uneven.get(0).testStart()).isEqualTo(62);
    assertThat(uneven.get(4).testStart()).isEqualTo(94);
    assertThat(uneven.get(4).testEnd()).isEqualTo(103);
    assertThatThrownBy(() -> WalkForwardFolds.of(8, 5, 0.4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too little data");
  }

  @Test
  void noFoldTrainsOnARowItsTestWindowsRead() {
    // row r holds the price 1000 + r, so a price seen reveals the row it came from
    int n = 120;
    double[][] series = new double[n][1];
    for (int r = 0; r < n; r++) {
      series[r][0] = 1000 + r;
    }
    List<int[]> seen = new ArrayList<>(); // {fold, rows handed over, highest row seen}
    ForecastSpec spec = new ForecastSpec(W, 1, 0, H, Normalisation.LAST_PRICE, RollForward.SEED);
    WalkForwardEvaluation eval = WalkForwardEvaluator.evaluate(series, spec, 4, 0.5,
        (rows, fold) -> {
          int highest = -1;
          for (double[] row : rows) {
            highest = Math.max(highest, (int) (row[0] - 1000));
          }
          seen.add(new int[] {fold.index(), rows.length, highest});
          return new WalkForwardEvaluator.TrainedFold(new Zero(), 1, 0);
        });
    // 110 windows, tail 55 from window 55, blocks of 13: first test targets at rows
    // 55+10=65, 78, 91, 104 (window i's target is row i + W)
    assertThat(eval.folds()).extracting(WalkForwardEvaluation.FoldResult::firstTestTargetRow)
        .containsExactly(65, 78, 91, 104);
    assertThat(seen).hasSize(4);
    // the first test window reads rows from firstTestTarget - W on: the fold trains on the rows
    // before it (a purge gap of W windows) and on every one of them
    for (int k = 0; k < 4; k++) {
      int firstTestInput = eval.folds().get(k).firstTestTargetRow() - W;
      assertThat(seen.get(k)[0]).isEqualTo(k);
      assertThat(seen.get(k)[1]).isEqualTo(firstTestInput);
      assertThat(seen.get(k)[2]).isEqualTo(firstTestInput - 1);
      assertThat(eval.folds().get(k).trainingRows()).isEqualTo(firstTestInput);
    }
    // test blocks cover every window of the tail once: 13 + 13 + 13 + 16 = 55
    assertThat(eval.overall().get(0).count()).isEqualTo(55);
  }

  @Test
  void aModelThatRepeatsTheLastPriceScoresUOfOneAtEveryHorizon() {
    double[][] series = new double[80][1];
    for (int r = 0; r < series.length; r++) {
      series[r][0] = 50 + 3 * Math.sin(r / 4.0) + r / 10.0;
    }
    ForecastSpec spec = new ForecastSpec(W, 1, 0, H, Normalisation.LAST_PRICE, RollForward.SEED);
    WalkForwardEvaluation eval = WalkForwardEvaluator.evaluate(series, spec, 2, 0.4,
        (rows, fold) -> new WalkForwardEvaluator.TrainedFold(new Zero(), 1, 0));
    // last-price with a zero output forecasts the last observed price at every step
    for (WalkForwardEvaluation.FoldResult f : eval.folds()) {
      assertThat(f.perHorizon()).hasSize(H);
      f.perHorizon().forEach(m -> assertThat(m.theilU()).isCloseTo(1.0, within(1e-12)));
    }
    // 70 windows, tail 28 from window 42 → first test target row 52
    assertThat(eval.folds().get(0).firstTestTargetRow()).isEqualTo(52);
    assertThat(eval.overall().get(0).count()).isEqualTo(28);
    assertThat(eval.meanTheilU()).isCloseTo(1.0, within(1e-12));
    assertThat(eval.table()).contains("fold").contains("overall");
  }
}
