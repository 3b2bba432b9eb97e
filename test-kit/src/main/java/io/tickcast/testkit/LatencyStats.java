package io.tickcast.testkit;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles, milliseconds, computed by HdrHistogram ({@link
 * Histogram#getValueAtPercentile}: the nearest-rank value, to {@value #SIGNIFICANT_DIGITS}
 * significant digits, i.e. within 0.1 % of it).
 *
 * @param count how many latencies
 * @param p50Millis median, ms
 * @param p99Millis 99th percentile, ms
 * @param maxMillis largest, ms
 */
public record LatencyStats(long count, double p50Millis, double p99Millis, double maxMillis) {
  /** No latencies: every figure NaN. */
  public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);
  /** Value precision of the histograms. */
  public static final int SIGNIFICANT_DIGITS = 3;

  /**
   * Percentiles of measured latencies.
   *
   * @param nanos latencies in nanoseconds, any order; negative ones (clock steps) count as 0
   */
  public static LatencyStats ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return EMPTY;
    }
    Histogram h = new Histogram(SIGNIFICANT_DIGITS);
    for (long v : nanos) {
      h.recordValue(Math.max(0, v));
    }
    return of(h, TimeUnit.NANOSECONDS, h.getMaxValue() / 1e6);
  }

  /**
   * Percentiles of the values a Micrometer timer recorded between two snapshots of it, from its
   * percentile-histogram buckets: each bucket's count is recorded at the bucket's upper bound
   * (values above the top bucket at the top bound), so a percentile is the upper bound of the
   * bucket holding it (accurate to the bucket width, about a quarter of the value). The max is the
   * timer's own decaying maximum at {@code after} (Micrometer keeps it over the last few minutes,
   * so it may include values recorded before {@code before}).
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
    long count = after.count() - (before == null ? 0 : before.count());
    if (count <= 0 || end.length == 0) {
      return EMPTY;
    }
    Histogram h = new Histogram(SIGNIFICANT_DIGITS);
    double below = 0; // cumulative count of the previous bucket
    for (int i = 0; i < end.length; i++) {
      double cumulative = end[i].count() - (start == null ? 0 : start[i].count());
      long inBucket = Math.round(cumulative - below);
      if (inBucket > 0) {
        h.recordValueWithCount((long) Math.ceil(end[i].bucket(TimeUnit.NANOSECONDS)), inBucket);
      }
      below = cumulative;
    }
    long above = count - Math.round(below);
    if (above > 0) {
      h.recordValueWithCount((long) Math.ceil(end[end.length - 1].bucket(TimeUnit.NANOSECONDS)),
          above);
    }
    return of(h, TimeUnit.NANOSECONDS, after.max(TimeUnit.MILLISECONDS));
  }

  private static LatencyStats of(Histogram h, TimeUnit unit, double maxMillis) {
    double toMillis = unit.toNanos(1) / 1e6;
    return new LatencyStats(h.getTotalCount(), h.getValueAtPercentile(50) * toMillis,
        h.getValueAtPercentile(99) * toMillis, maxMillis);
  }
}
