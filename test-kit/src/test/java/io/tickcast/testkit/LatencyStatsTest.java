package io.tickcast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void nearestRankPercentilesWithinTheHistogramsPrecision() {
    long[] nanos = new long[200];
    for (int i = 0; i < 200; i++) {
      nanos[199 - i] = (i + 1) * 1_000_000L; // 1..200 ms, descending: order must not matter
    }
    LatencyStats s = LatencyStats.ofNanos(nanos);
    // Nearest rank: p50 is the ceil(0.5·200) = 100th value, p99 the ceil(0.99·200) = 198th.
    assertThat(s.p50Millis()).isCloseTo(100.0, withinPercentage(0.1));
    assertThat(s.p99Millis()).isCloseTo(198.0, withinPercentage(0.1));
    assertThat(s.maxMillis()).isCloseTo(200.0, withinPercentage(0.1));
    assertThat(s.count()).isEqualTo(200);
    assertThat(LatencyStats.ofNanos(new long[0]).p50Millis()).isNaN();
  }

  @Test
  void randomLatenciesMatchASortedArray() {
    Random r = new Random(3);
    long[] nanos = new long[1001];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = 100_000 + (long) (r.nextDouble() * 90_000_000);
    }
    long[] sorted = nanos.clone();
    java.util.Arrays.sort(sorted);
    LatencyStats s = LatencyStats.ofNanos(nanos);
    assertThat(s.p50Millis()).isCloseTo(sorted[500] / 1e6, withinPercentage(0.1)); // rank 501
    assertThat(s.p99Millis()).isCloseTo(sorted[990] / 1e6, withinPercentage(0.1)); // rank 991
    assertThat(s.maxMillis()).isCloseTo(sorted[1000] / 1e6, withinPercentage(0.1));
  }

  @Test
  void timerPercentilesAreTheUpperBoundOfTheBucketHoldingThemBetweenTwoSnapshots() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Timer timer = Timer.builder("t").serviceLevelObjectives(Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(4)).register(registry);
    for (int i = 0; i < 5; i++) {
      timer.record(Duration.ofMillis(3)); // before the interval: must not count
    }
    var before = timer.takeSnapshot();
    // In the interval: 10 in (0,1], 20 in (1,2], 10 in (2,4] ms.
    for (int i = 0; i < 10; i++) {
      timer.record(500, TimeUnit.MICROSECONDS);
    }
    for (int i = 0; i < 20; i++) {
      timer.record(1500, TimeUnit.MICROSECONDS);
    }
    for (int i = 0; i < 10; i++) {
      timer.record(3, TimeUnit.MILLISECONDS);
    }
    LatencyStats s = LatencyStats.ofHistogram(before, timer.takeSnapshot());
    assertThat(s.count()).isEqualTo(40);
    // rank 20 of 40 lies in (1,2] ms, rank ceil(0.99·40) = 40 in (2,4] ms.
    assertThat(s.p50Millis()).isCloseTo(2.0, withinPercentage(0.1));
    assertThat(s.p99Millis()).isCloseTo(4.0, withinPercentage(0.1));
    assertThat(s.maxMillis()).isEqualTo(3.0);
  }
}
