package io.tickcast.core.forecast;

/**
 * One window's forecast, in price units.
 *
 * @param nextStep the forecast of the row right after the window (equals {@code path[0]})
 * @param path the H-step rolled-forward path, {@code path[h-1]} being h steps ahead
 */
public record PathForecast(double nextStep, double[] path) {}
