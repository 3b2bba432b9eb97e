package io.tickcast.cli.bench;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;

/**
 * Latency percentiles, milliseconds.
 *
 * @param count how many latencies
 * @param p50Millis median, ms
 * @param p99Millis 99th percentile, ms
 * @param maxMillis largest, ms
 */
public record LatencyStats(long count, double p50Millis, double p99Millis, double maxMillis) {
  /** No latencies: every figure NaN. */
  public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);

  /**
   * Exact nearest-rank percentiles (the smallest value with at least q·n values at or below it).
   *
   * @param sortedNanos latencies in nanoseconds, ascending
   */
  public static LatencyStats ofSorted(long[] sortedNanos) {
    int n = sortedNanos.length;
    if (n == 0) {
      return EMPTY;
    }
    return new LatencyStats(n, millis(sortedNanos[rank(0.50, n)]),
        millis(sortedNanos[rank(0.99, n)]), millis(sortedNanos[n - 1]));
  }

  private static int rank(double q, int n) {
    return Math.max(0, (int) Math.ceil(q * n) - 1);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /**
   * Percentiles of the values a Micrometer timer recorded between two snapshots of it, from its
   * cumulative percentile-histogram buckets, interpolated linearly inside a bucket as Prometheus'
   * {@code histogram_quantile} does (so accurate to the bucket width, about a quarter of the
   * value). The max is the timer's own decaying maximum at {@code after} (Micrometer keeps it over
   * the last few minutes, so it may include values recorded before {@code before}).
   *
   * @param before snapshot at the start of the interval, or null for all values
   * @param after snapshot at its end
   * @throws IllegalArgumentException if the snapshots' buckets differ
   */
  public static LatencyStats ofHistogram(HistogramSnapshot before, HistogramSnapshot after) {
    CountAtBucket[] end = after.histogramCounts();
    CountAtBucket[] start = before == null ? null : before.histogramCounts();
    if (start != null && start.length != end.length) {
      throw new IllegalArgumentException("the two snapshots have different buckets");
    }
    double[] bound = new double[end.length];
    double[] cumulative = new double[end.length];
    for (int i = 0; i < end.length; i++) {
      bound[i] = end[i].bucket(TimeUnit.MILLISECONDS);
      cumulative[i] = end[i].count() - (start == null ? 0 : start[i].count());
    }
    long count = after.count() - (before == null ? 0 : before.count());
    if (count <= 0 || end.length == 0) {
      return EMPTY;
    }
    return new LatencyStats(count, quantile(0.50, bound, cumulative, count),
        quantile(0.99, bound, cumulative, count), after.max(TimeUnit.MILLISECONDS));
  }

  /** Prometheus-style quantile over cumulative bucket counts; the top bucket's bound if above. */
  static double quantile(double q, double[] bound, double[] cumulative, long count) {
    double target = q * count;
    double previousBound = 0;
    double previousCount = 0;
    for (int i = 0; i < bound.length; i++) {
      if (cumulative[i] >= target) {
        double inBucket = cumulative[i] - previousCount;
        double fraction = inBucket <= 0 ? 1 : (target - previousCount) / inBucket;
        return previousBound + (bound[i] - previousBound) * fraction;
      }
      previousBound = bound[i];
      previousCount = cumulative[i];
    }
    return bound[bound.length - 1];
  }
}
