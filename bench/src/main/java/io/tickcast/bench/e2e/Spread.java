package io.tickcast.bench.e2e;

import org.apache.commons.math3.stat.StatUtils;

/**
 * One figure over the repeats of a benchmark: median, smallest and largest.
 *
 * @param median the median (commons-math's {@link StatUtils#percentile} at 50: the middle
 *     value, the mean of the two middle ones for an even count); NaN for none
 * @param min the smallest
 * @param max the largest
 */
public record Spread(double median, double min, double max) {
  /**
   * The spread of some values.
   *
   * @param values one per repeat
   * @return their spread; every figure NaN without values
   */
  public static Spread of(double... values) {
    if (values.length == 0) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN);
    }
    return new Spread(StatUtils.percentile(values, 50), StatUtils.min(values),
        StatUtils.max(values));
  }
}
