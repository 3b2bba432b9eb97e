/**
 * Prediction intervals in the trainer: split-conformal calibration on the validation windows
 * ({@link io.tickcast.trainer.interval.IntervalCalibrator}) and their scoring on held-out and
 * walk-forward paths ({@link io.tickcast.trainer.interval.IntervalScorer}, {@link
 * io.tickcast.trainer.interval.IntervalEvaluation}). Any forecaster that makes H-step paths from
 * raw windows ({@link io.tickcast.trainer.interval.PathModel}) can be calibrated and scored the
 * same way, e.g. a drift baseline beside the LSTM.
 */
package io.tickcast.trainer.interval;
