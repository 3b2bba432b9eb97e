package io.tickcast.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {

  @Test
  void countsFollowTheTutorialsRoundingThenPurgeWWindowsBeforeEachBoundary() {
    // 200 windows, W = 5: round(0.9 * 200) = 180 held out from; 175 training windows before the
    // purge, round(0.1 * 175) = 18 of them validate; 5 more purged before them.
    ChronologicalSplit s = ChronologicalSplit.of(200, 0.9, 0.1, 5);
    assertThat(s.testStart()).isEqualTo(180);
    assertThat(s.trainEnd()).isEqualTo(175);
    assertThat(s.validationStart()).isEqualTo(157);
    assertThat(s.fitEnd()).isEqualTo(152);
    assertThat(s.fitCount()).isEqualTo(152);
    assertThat(s.validationCount()).isEqualTo(18);
    assertThat(s.testCount()).isEqualTo(20);
    assertThat(s.purgedCount()).isEqualTo(10);
  }

  @Test
  void sp500CountsAsInTheTutorial() {
    // 4697 rows, W = 50: 4647 windows; round(0.9 * 4647) = round(4182.3) = 4182, 465 held out;
    // 4132 training windows, round(0.05 * 4132) = round(206.6) = 207 validation.
    ChronologicalSplit s = ChronologicalSplit.of(Windows.count(4697, 50), 0.9, 0.05, 50);
    assertThat(s.testStart()).isEqualTo(4182);
    assertThat(s.testCount()).isEqualTo(465);
    assertThat(s.validationCount()).isEqualTo(207);
    assertThat(s.fitCount()).isEqualTo(4132 - 207 - 50);
  }

  @Test
  void noRowIsReadByWindowsOnBothSidesOfABoundaryAndThePurgeIsExactlyW() {
    int[][] cases = {{130, 10}, {400, 20}, {61, 3}, {1000, 50}, {57, 1}};
    for (int[] c : cases) {
      int rows = c[0];
      int w = c[1];
      for (double validation : new double[] {0.0, 0.05, 0.25}) {
        ChronologicalSplit s = ChronologicalSplit.of(Windows.count(rows, w), 0.8, validation, w);
        String at = "rows " + rows + ", W " + w + ", validation " + validation;
        // window i reads rows i .. i+W-1 (inputs) and i+W (target)
        Set<Integer> fit = rowsRead(0, s.fitEnd(), w);
        Set<Integer> val = rowsRead(s.validationStart(), s.trainEnd(), w);
        Set<Integer> training = rowsRead(0, s.fitEnd(), w);
        training.addAll(val);
        Set<Integer> test = rowsRead(s.testStart(), s.windows(), w);

        assertThat(Collections.disjoint(fit, val)).as(at).isTrue();
        assertThat(Collections.disjoint(training, test)).as(at).isTrue();
        assertThat(s.testStart() - s.trainEnd()).as(at).isEqualTo(w);
        assertThat(s.validationStart() - s.fitEnd()).as(at)
            .isEqualTo(s.validationCount() == 0 ? 0 : w);
        // the boundary rows: training reads up to the row before, the later part from it on
        assertThat(Collections.max(training)).as(at).isEqualTo(s.testStart() - 1);
        assertThat(Collections.min(test)).as(at).isEqualTo(s.testStart());
        if (s.validationCount() > 0) {
          assertThat(Collections.max(fit)).as(at).isEqualTo(s.validationStart() - 1);
          assertThat(Collections.min(val)).as(at).isEqualTo(s.validationStart());
          // W is the least purge: the last purged window before each boundary reads a row
          // on each side of it (W - 1 purged windows would leave an overlap)
          assertThat(rowsRead(s.validationStart() - 1, s.validationStart(), w)).as(at)
              .containsAnyElementsOf(fit).containsAnyElementsOf(val);
        }
        assertThat(rowsRead(s.testStart() - 1, s.testStart(), w)).as(at)
            .containsAnyElementsOf(training).containsAnyElementsOf(test);
        // nothing else is dropped: every window is in exactly one run or a purge gap
        assertThat(s.fitCount() + s.validationCount() + s.testCount() + s.purgedCount())
            .as(at).isEqualTo(s.windows());
      }
    }
  }

  @Test
  void trainingOnlyPurgesBeforeItsValidationTail() {
    ChronologicalSplit s = ChronologicalSplit.trainingOnly(100, 0.1, 7);
    assertThat(s.validationStart()).isEqualTo(90);
    assertThat(s.fitEnd()).isEqualTo(83);
    assertThat(s.testCount()).isZero();
    assertThat(Collections.disjoint(rowsRead(0, s.fitEnd(), 7),
        rowsRead(s.validationStart(), s.trainEnd(), 7))).isTrue();
    assertThat(ChronologicalSplit.trainingOnly(100, 0.0, 7).fitEnd()).isEqualTo(100);
  }

  @Test
  void validationTargetsFollowFitTargetsAndPrecedeHeldOutTargets() {
    int rows = 130;
    int w = 10;
    double[][] series = new double[rows][];
    for (int i = 0; i < rows; i++) {
      series[i] = new double[] {i}; // value = row index, so a target names its row
    }
    ChronologicalSplit s = ChronologicalSplit.of(Windows.count(rows, w), 0.8, 0.25, w);
    // 120 windows: held out from 96; 86 training windows, round(0.25 * 86) = 22 validate
    // (from 64), fit [0, 54)
    assertThat(s.fitEnd()).isEqualTo(54);
    assertThat(s.validationStart()).isEqualTo(64);
    assertThat(s.trainEnd()).isEqualTo(86);

    WindowSet fit = Windows.slice(series, w, 0, 0, s.fitEnd());
    WindowSet val = Windows.slice(series, w, 0, s.validationStart(), s.trainEnd());
    WindowSet test = Windows.slice(series, w, 0, s.testStart(), s.windows());

    assertThat(fit.targets()).containsExactly(range(10, 64));
    assertThat(val.targets()).containsExactly(range(74, 96));
    assertThat(test.targets()).containsExactly(range(106, 130));
    assertThat(val.inputs()[0][0][0]).isEqualTo(64.0);
    assertThat(test.inputs()[0][0][0]).isEqualTo(96.0);
  }

  @Test
  void shufflingPermutesOnlyTheFitWindowsAndIsRepeatable() {
    ChronologicalSplit s = ChronologicalSplit.of(200, 0.9, 0.1, 5);
    int[] a = s.shuffledFitOrder(new Random(3));
    int[] b = s.shuffledFitOrder(new Random(3));
    int[] sorted = a.clone();
    Arrays.sort(sorted);

    assertThat(sorted).containsExactly(IntStream.range(0, 152).toArray());
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(IntStream.range(0, 152).toArray());
  }

  @Test
  void noValidationWhenTheFractionIsZero() {
    ChronologicalSplit s = ChronologicalSplit.of(100, 0.9, 0.0, 4);
    assertThat(s.validationCount()).isZero();
    assertThat(s.fitEnd()).isEqualTo(86); // 90 - the purge of 4 before the held-out windows
  }

  @Test
  void aTinyValidationFractionStillGivesOneWindow() {
    assertThat(ChronologicalSplit.of(20, 0.5, 0.01, 2).validationCount()).isEqualTo(1);
  }

  @Test
  void tooFewWindowsFailWithTheCounts() {
    assertThatThrownBy(() -> ChronologicalSplit.of(3, 0.9, 0.05, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too little data")
        .hasMessageContaining("0 held-out");
    // enough windows without the purge, too few with it
    assertThatThrownBy(() -> ChronologicalSplit.of(30, 0.5, 0.2, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dropping 10 windows before each boundary");
    assertThatThrownBy(() -> ChronologicalSplit.of(0, 0.9, 0.0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Every row read (inputs and target) by windows {@code from .. to-1} of length {@code w}. */
  private static Set<Integer> rowsRead(int from, int to, int w) {
    Set<Integer> rows = new HashSet<>();
    for (int i = from; i < to; i++) {
      for (int r = i; r <= i + w; r++) {
        rows.add(r);
      }
    }
    return rows;
  }

  private static double[] range(int from, int to) {
    return IntStream.range(from, to).asDoubleStream().toArray();
  }
}
