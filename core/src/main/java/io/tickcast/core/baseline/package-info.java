/**
 * Statistical baselines (persistence, drift, AR(p) on log returns, damped-trend exponential
 * smoothing) fitted on a model's training rows and forecasting H-step paths in price units, so
 * the trainer, {@code tickcast evaluate} and the stream app score models against the same
 * forecasts.
 */
package io.tickcast.core.baseline;
