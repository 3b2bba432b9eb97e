/**
 * Prediction intervals: split-conformal calibration of per-horizon absolute errors in normalised
 * space ({@link io.tickcast.core.interval.ConformalQuantile}), the calibration as stored in the
 * model artifact ({@link io.tickcast.core.interval.PredictionIntervals}) and the one place that
 * turns it into price bounds for a window ({@link io.tickcast.core.interval.IntervalBands}), used
 * by both the trainer's evaluation and the stream app.
 */
package io.tickcast.core.interval;
