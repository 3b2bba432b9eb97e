package io.tickcast.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {

  @Test
  void countsFollowTheTutorialsRounding() {
    // 200 windows: round(0.9 * 200) = 180 for training, of which round(0.1 * 180) = 18 validate.
    ChronologicalSplit s = ChronologicalSplit.of(200, 0.9, 0.1);
    assertThat(s.trainEnd()).isEqualTo(180);
    assertThat(s.fitEnd()).isEqualTo(162);
    assertThat(s.fitCount()).isEqualTo(162);
    assertThat(s.validationCount()).isEqualTo(18);
    assertThat(s.testCount()).isEqualTo(20);
  }

  @Test
  void sp500CountsAsInTheTutorial() {
    // 4697 rows, W = 50: 4647 windows; round(0.9 * 4647) = round(4182.3) = 4182 train, 465 test;
    // round(0.05 * 4182) = round(209.1) = 209 validation.
    ChronologicalSplit s = ChronologicalSplit.of(Windows.count(4697, 50), 0.9, 0.05);
    assertThat(s.trainEnd()).isEqualTo(4182);
    assertThat(s.testCount()).isEqualTo(465);
    assertThat(s.validationCount()).isEqualTo(209);
  }

  @Test
  void noHeldOutTargetIsATrainingTargetAndValidationIsTheTrainingTail() {
    int rows = 130;
    int w = 10;
    double[][] series = new double[rows][];
    for (int i = 0; i < rows; i++) {
      series[i] = new double[] {i}; // value = row index, so a target names its row
    }
    ChronologicalSplit s = ChronologicalSplit.of(Windows.count(rows, w), 0.8, 0.25);
    // 120 windows: 96 train (72 fit + 24 validation), 24 test
    assertThat(s.fitEnd()).isEqualTo(72);
    assertThat(s.trainEnd()).isEqualTo(96);

    WindowSet fit = Windows.slice(series, w, 0, 0, s.fitEnd());
    WindowSet val = Windows.slice(series, w, 0, s.fitEnd(), s.trainEnd());
    WindowSet test = Windows.slice(series, w, 0, s.trainEnd(), s.windows());

    // targets are rows w .. w+71, w+72 .. w+95, w+96 .. 129: consecutive, disjoint, in order
    assertThat(fit.targets()).containsExactly(range(10, 82));
    assertThat(val.targets()).containsExactly(range(82, 106));
    assertThat(test.targets()).containsExactly(range(106, 130));
    // no window used in training sees a held-out target, even as an input
    double lastTrainingInput = val.inputs()[val.size() - 1][w - 1][0];
    assertThat(lastTrainingInput).isLessThan(test.targets()[0]);
    assertThat(Arrays.stream(fit.targets()).max().getAsDouble())
        .isLessThan(Arrays.stream(val.targets()).min().getAsDouble());
  }

  @Test
  void shufflingPermutesOnlyTheFitWindowsAndIsRepeatable() {
    ChronologicalSplit s = ChronologicalSplit.of(200, 0.9, 0.1);
    int[] a = s.shuffledFitOrder(new Random(3));
    int[] b = s.shuffledFitOrder(new Random(3));
    int[] sorted = a.clone();
    Arrays.sort(sorted);

    assertThat(sorted).containsExactly(IntStream.range(0, 162).toArray());
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(IntStream.range(0, 162).toArray());
  }

  @Test
  void noValidationWhenTheFractionIsZero() {
    ChronologicalSplit s = ChronologicalSplit.of(100, 0.9, 0.0);
    assertThat(s.validationCount()).isZero();
    assertThat(s.fitEnd()).isEqualTo(90);
  }

  @Test
  void aTinyValidationFractionStillGivesOneWindow() {
    assertThat(ChronologicalSplit.of(20, 0.5, 0.01).validationCount()).isEqualTo(1);
  }

  @Test
  void tooFewWindowsFailWithTheCounts() {
    assertThatThrownBy(() -> ChronologicalSplit.of(3, 0.9, 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too little data")
        .hasMessageContaining("0 held-out");
    assertThatThrownBy(() -> ChronologicalSplit.of(0, 0.9, 0.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double[] range(int from, int to) {
    return IntStream.range(from, to).asDoubleStream().toArray();
  }
}
