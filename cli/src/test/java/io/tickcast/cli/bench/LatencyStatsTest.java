package io.tickcast.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void nearestRankPercentilesOfSortedValues() {
    long[] nanos = new long[200];
    for (int i = 0; i < 200; i++) {
      nanos[i] = (i + 1) * 1_000_000L; // 1..200 ms
    }
    LatencyStats s = LatencyStats.ofSorted(nanos);
    // p50: ceil(0.5·200) = 100th value; p99: ceil(0.99·200) = 198th value.
    assertThat(s.p50Millis()).isEqualTo(100.0);
    assertThat(s.p99Millis()).isEqualTo(198.0);
    assertThat(s.maxMillis()).isEqualTo(200.0);
    assertThat(s.count()).isEqualTo(200);
    assertThat(LatencyStats.ofSorted(new long[0]).p50Millis()).isNaN();
  }

  @Test
  void histogramQuantileInterpolatesInsideTheBucketLikePrometheus() {
    double[] bounds = {1, 2, 4};
    double[] cumulative = {10, 30, 40}; // 10 in (0,1], 20 in (1,2], 10 in (2,4]
    // rank 0.5·40 = 20: 10 into the (1,2] bucket of 20 values -> 1 + 1·(10/20)
    assertThat(LatencyStats.quantile(0.5, bounds, cumulative, 40)).isCloseTo(1.5, within(1e-12));
    // rank 0.99·40 = 39.6: 9.6 into the (2,4] bucket of 10 -> 2 + 2·0.96
    assertThat(LatencyStats.quantile(0.99, bounds, cumulative, 40))
        .isCloseTo(3.92, within(1e-12));
  }
}
