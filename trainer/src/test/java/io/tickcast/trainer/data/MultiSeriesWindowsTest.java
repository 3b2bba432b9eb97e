package io.tickcast.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.core.window.WindowSet;
import io.tickcast.trainer.data.MultiSeriesWindows.SymbolWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    MultiSeriesWindows w = MultiSeriesWindows.of(s, W, 0, MultiSeriesWindows.cutoffTime(s, 0.7));
    int[] rows = {30, 40, 20};
    for (int k = 0; k < 3; k++) {
      SymbolWindows sw = w.symbols().get(k);
      assertThat(sw.train().size() + sw.test().size()).isEqualTo(rows[k] - W);
      for (WindowSet set : new WindowSet[] {sw.train(), sw.test()}) {
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
    assertThat(w.pooledTrain().size() + w.pooledTest().size()).isEqualTo(90 - 3 * W);
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

    MultiSeriesWindows w = MultiSeriesWindows.of(s, W, 0, cutoff);
    assertThat(w.cutoffTime()).isEqualTo(cutoff);
    for (SymbolWindows sw : w.symbols()) {
      assertThat(Arrays.stream(sw.trainTargetTimes()).boxed().toList()).as(sw.symbol())
          .allSatisfy(t -> assertThat(t).isLessThan(cutoff));
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
}
