package io.tickcast.core.eval;

/**
 * How prediction intervals at one level and horizon did, in price units.
 *
 * @param horizon steps ahead (1 = next step)
 * @param level nominal coverage, e.g. 0.8
 * @param count number of intervals scored
 * @param coverage fraction of actual prices within {@code [lower, upper]} (ends included)
 * @param meanWidth mean of {@code upper − lower}, price units
 * @param intervalScore mean interval (Winkler) score, price units; lower is better (see {@link
 *     IntervalScores#intervalScore})
 */
public record IntervalMetrics(
    int horizon, double level, int count, double coverage, double meanWidth,
    double intervalScore) {}
