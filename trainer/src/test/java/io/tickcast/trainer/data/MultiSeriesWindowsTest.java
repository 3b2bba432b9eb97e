package io.tickcast.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.core.window.WindowSet;
import io.tickcast.trainer.data.MultiSeriesWindows.SymbolWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiSeriesWindowsTest {
  private static final int W = 5;

  @TempDir Path tmp;

  /**
   * Three symbols over different time spans, interleaved by time; symbol k's price at time t is
   * base_k + t, with bases far apart, so a window's rows tell which symbol and time they are.
   */
  private MultiSeries staggered() throws Exception {
    StringBuilder csv = new StringBuilder("symbol,time,price\n");
    for (int t = 0; t < 50; t++) {
      if (t < 30) {
        csv.append("A,").append(t).append(',').append(100 + t).append('\n');
      }
      if (t >= 10) {
        csv.append("B,").append(t).append(',').append(1000 + t).append('\n');
      }
      if (t >= 20 && t < 40) {
        csv.append("C,").append(t).append(',').append(10000 + t).append('\n');
      }
    }
    Path f = tmp.resolve("long.csv");
    Files.writeString(f, csv);
    return MultiSeriesReader.readLong(f);
  }

  private static double base(double price) {
    return price >= 10000 ? 10000 : price >= 1000 ? 1000 : 100;
  }

  @Test
  void windowsNeverCrossSymbols() throws Exception {
    MultiSeries s = staggered();
    MultiSeriesWindows w = MultiSeriesWindows.of(s, W, 0, MultiSeriesWindows.cutoffTime(s, 0.7),
        0.2);
    int[] rows = {30, 40, 20};
    for (int k = 0; k < 3; k++) {
      SymbolWindows sw = w.symbols().get(k);
      assertThat(sw.fit().size() + sw.validation().size() + sw.purgedCount() + sw.test().size())
          .isEqualTo(rows[k] - W);
      for (WindowSet set : new WindowSet[] {sw.fit(), sw.validation(), sw.test()}) {
        for (int i = 0; i < set.size(); i++) {
          double first = set.inputs()[i][0][0];
          for (int j = 0; j < W; j++) {
            // one symbol, consecutive times: price = base + t, t increasing by 1
            assertThat(set.inputs()[i][j][0]).isEqualTo(first + j);
            assertThat(base(set.inputs()[i][j][0])).isEqualTo(base(first));
          }
          assertThat(set.targets()[i]).isEqualTo(first + W);
        }
      }
    }
    assertThat(w.pooledTrain().size() + w.purgedCount() + w.pooledTest().size())
        .isEqualTo(90 - 3 * W);
  }

  @Test
  void oneCutOffTimeForAllSymbols() throws Exception {
    MultiSeries s = staggered();
    long cutoff = MultiSeriesWindows.cutoffTime(s, 0.6);
    // 90 rows: the cut-off is the 55th smallest row time (index 54), counted here directly
    long[] times = s.symbols().stream().flatMapToLong(x -> Arrays.stream(x.times())).toArray();
    long before = Arrays.stream(times).filter(t -> t < cutoff).count();
    long upTo = Arrays.stream(times).filter(t -> t <= cutoff).count();
    assertThat(before).isLessThanOrEqualTo(54);
    assertThat(upTo).isGreaterThan(54);

    MultiSeriesWindows w = MultiSeriesWindows.of(s, W, 0, cutoff, 0.2);
    assertThat(w.cutoffTime()).isEqualTo(cutoff);
    for (SymbolWindows sw : w.symbols()) {
      assertThat(Arrays.stream(sw.fitTargetTimes()).boxed().toList()).as(sw.symbol())
          .allSatisfy(t -> assertThat(t).isLessThan(w.validationTime()));
      assertThat(Arrays.stream(sw.validationTargetTimes()).boxed().toList()).as(sw.symbol())
          .allSatisfy(t -> assertThat(t).isBetween(w.validationTime(), cutoff - 1));
      assertThat(Arrays.stream(sw.testTargetTimes()).boxed().toList()).as(sw.symbol())
          .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(cutoff));
      // targets in price units give the time back: price - base = t
      for (int i = 0; i < sw.test().size(); i++) {
        double p = sw.test().targets()[i];
        assertThat((long) (p - base(p))).isEqualTo(sw.testTargetTimes()[i]);
      }
    }
    // the pooled training set is in target-time order, all before every held-out target
    double[] trainTimes = Arrays.stream(w.pooledTrain().targets()).map(p -> p - base(p)).toArray();
    double[] sorted = trainTimes.clone();
    Arrays.sort(sorted);
    assertThat(trainTimes).containsExactly(sorted);
    assertThat(Arrays.stream(w.pooledTest().targets()).map(p -> p - base(p)).min().orElseThrow())
        .isGreaterThan(Arrays.stream(trainTimes).max().orElseThrow());
  }
  @Test
  void countsAtTheCutOffAndValidationTimeAsDerivedByHand() throws Exception {
    MultiSeries s = staggered();
    // 90 rows: 10 at t < 10 (A), 2 per t for 10..19 (A, B), 3 per t for 20..29: 60 rows before
    // t = 30, then 2 per t (B, C), so index floor(0.7 * 90) = 63 is t = 31, the cut-off.
    MultiSeriesWindows w = MultiSeriesWindows.of(s, W, 0, MultiSeriesWindows.cutoffTime(s, 0.7),
        0.2);
    assertThat(w.cutoffTime()).isEqualTo(31);
    // window i's target time is start + i + W. Held out from (target time >= 31): A (targets
    // 5..29) none, testStart 25; B (15..49) testStart 16; C (25..39) testStart 6. Training
    // windows before the held-out purge of 5: A 20 (targets 5..24), B 11 (15..25), C 1 (25):
    // T = 32, round(0.2 * 32) = 6 validate; the pooled tail 23, 23, 24, 24, 25, 25 starts at 23.
    assertThat(w.validationTime()).isEqualTo(23);
    // target >= 23: A windows 18, 19; B 8..10; C 0. Fit: the windows 5 before those.
    int[][] expected = {
        // fitEnd, validationStart, trainEnd, testStart, windows
        {13, 18, 20, 25, 25}, {3, 8, 11, 16, 35}, {0, 0, 1, 6, 15}};
    for (int k = 0; k < 3; k++) {
      SymbolWindows sw = w.symbols().get(k);
      assertThat(new int[] {sw.fitEnd(), sw.validationStart(), sw.trainEnd(), sw.testStart(),
          sw.windows().size()}).as(sw.symbol()).containsExactly(expected[k]);
    }
    assertThat(w.fitCount()).isEqualTo(16);
    assertThat(w.validationCount()).isEqualTo(6);
    assertThat(w.testCount()).isEqualTo(0 + (35 - 16) + (15 - 6));
    assertThat(w.purgedCount()).isEqualTo((5 + 5) + (5 + 5) + (0 + 5)); // C: no window before 0
    assertThat(w.pooledSplit()).isEqualTo(new ChronologicalSplit(22, 16, 16, 22, 22));
    // with no validation run there is no validation time and no first purge
    MultiSeriesWindows none = MultiSeriesWindows.of(s, W, 0, 31, 0.0);
    assertThat(none.validationTime()).isEqualTo(Long.MAX_VALUE);
    assertThat(none.fitCount()).isEqualTo(32);
    assertThat(none.purgedCount()).isEqualTo(5 + 5 + 5);
  }

  /**
   * Three symbols over overlapping spans (C every other time step); symbol k's price in its row
   * r is 1000 * (k + 1) + r, so every value a window reads names its symbol and row.
   */
  private static MultiSeries rowNamed() {
    long[][] times = new long[3][];
    times[0] = java.util.stream.LongStream.range(0, 80).toArray();
    times[1] = java.util.stream.LongStream.range(10, 100).toArray();
    times[2] = java.util.stream.LongStream.range(0, 60).map(i -> 20 + 2 * i).toArray();
    List<SymbolSeries> symbols = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      double[][] rows = new double[times[k].length][];
      for (int r = 0; r < rows.length; r++) {
        rows[r] = new double[] {1000 * (k + 1) + r};
      }
      symbols.add(new SymbolSeries("S" + k, List.of("price"), times[k], rows));
    }
    return new MultiSeries("rows", List.of("price"), symbols);
  }

  @Test
  void perSymbolNoRowIsReadByWindowsOfTwoRunsAndEachGapIsExactlyW() {
    MultiSeries s = rowNamed();
    for (int w : new int[] {1, 4, 7}) {
      for (double validation : new double[] {0.0, 0.1, 0.25}) {
        long cutoff = MultiSeriesWindows.cutoffTime(s, 0.7);
        MultiSeriesWindows m = MultiSeriesWindows.of(s, w, 0, cutoff, validation);
        // the validation time from the times alone: training windows are those with target time
        // before the cut-off less each symbol's last w; V = round(fraction * T) of the pooled
        // target times (at least 1) from the tail
        List<Long> training = new ArrayList<>();
        for (SymbolSeries x : s.symbols()) {
          List<Long> before = new ArrayList<>();
          for (int i = 0; i + w < x.size(); i++) {
            if (x.times()[i + w] < cutoff) {
              before.add(x.times()[i + w]);
            }
          }
          training.addAll(before.subList(0, Math.max(0, before.size() - w)));
        }
        Collections.sort(training);
        int v = validation == 0 ? 0 : Math.max(1, (int) Math.round(validation * training.size()));
        long validationTime = v == 0 ? Long.MAX_VALUE : training.get(training.size() - v);
        String at = "W " + w + ", validation " + validation;
        assertThat(m.validationTime()).as(at).isEqualTo(validationTime);
        for (int k = 0; k < 3; k++) {
          SymbolWindows sw = m.symbols().get(k);
          SymbolSeries x = s.symbols().get(k);
          String where = at + ", " + sw.symbol();
          Set<Integer> fit = rowsRead(sw.fit(), k);
          Set<Integer> val = rowsRead(sw.validation(), k);
          Set<Integer> test = rowsRead(sw.test(), k);
          Set<Integer> trainingRows = new HashSet<>(fit);
          trainingRows.addAll(val);
          assertThat(Collections.disjoint(fit, val)).as(where).isTrue();
          assertThat(Collections.disjoint(trainingRows, test)).as(where).isTrue();
          // held out unchanged: exactly the windows with target time at or after the cut-off
          long heldOut = java.util.stream.IntStream.range(0, x.size() - w)
              .filter(i -> x.times()[i + w] >= cutoff).count();
          assertThat(sw.test().size()).as(where).isEqualTo(heldOut);
          assertThat(Arrays.stream(sw.testTargetTimes()).boxed().toList()).as(where)
              .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(cutoff));
          assertThat(Arrays.stream(sw.validationTargetTimes()).boxed().toList()).as(where)
              .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(validationTime).isLessThan(cutoff));
          assertThat(Arrays.stream(sw.fitTargetTimes()).boxed().toList()).as(where)
              .allSatisfy(t -> assertThat(t).isLessThan(validationTime));
          // every symbol here has fit and held-out windows, so the gap is exactly W windows and
          // the runs meet at the boundary rows; likewise before its validation windows when it
          // has any (S2, sparser, has none at W 7 and 0.1: the pooled tail is all S0 and S1)
          assertThat(sw.fit().size()).as(where).isPositive();
          assertThat(sw.test().size()).as(where).isPositive();
          assertThat(sw.testStart() - sw.trainEnd()).as(where).isEqualTo(w);
          assertThat(Collections.max(trainingRows)).as(where).isEqualTo(sw.testStart() - 1);
          assertThat(Collections.min(test)).as(where).isEqualTo(sw.testStart());
          if (sw.validation().size() > 0) {
            assertThat(sw.validationStart() - sw.fitEnd()).as(where).isEqualTo(w);
            assertThat(Collections.max(fit)).as(where).isEqualTo(sw.validationStart() - 1);
            assertThat(Collections.min(val)).as(where).isEqualTo(sw.validationStart());
          } else {
            assertThat(sw.validation().size()).as(where).isZero();
            assertThat(sw.fitEnd()).as(where).isEqualTo(sw.trainEnd());
          }
          assertThat(sw.fit().size() + sw.validation().size() + sw.purgedCount()
              + sw.test().size()).as(where).isEqualTo(x.size() - w);
        }
        assertThat(m.validationCount() > 0).as(at).isEqualTo(validation > 0);
        assertThat(m.validationCount()).as(at).isGreaterThanOrEqualTo(v);
        // the pooled training set: fit then validation, in target-time order
        WindowSet pooled = m.pooledTrain();
        assertThat(pooled.size()).as(at).isEqualTo(m.fitCount() + m.validationCount());
        assertThat(m.pooledSplit().fitCount()).as(at).isEqualTo(m.fitCount());
        assertThat(m.pooledSplit().validationCount()).as(at).isEqualTo(m.validationCount());
      }
    }
  }

  /** Rows of symbol k read (inputs and target) by the windows, from their values. */
  private static Set<Integer> rowsRead(WindowSet set, int k) {
    Set<Integer> rows = new HashSet<>();
    for (int i = 0; i < set.size(); i++) {
      for (double[] row : set.inputs()[i]) {
        rows.add(row(row[0], k));
      }
      rows.add(row(set.targets()[i], k));
    }
    return rows;
  }

  private static int row(double value, int k) {
    int r = (int) (value - 1000 * (k + 1));
    assertThat(r).as("value %s is a row of symbol %d", value, k).isBetween(0, 999);
    return r;
  }
}
