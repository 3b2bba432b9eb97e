package io.tickcast.core.eval;

/**
 * Forecast accuracy at one horizon, in price units.
 *
 * @param horizon steps ahead (1 = next step)
 * @param count number of forecasts scored
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param mape mean absolute percentage error, in percent, over non-zero actuals (NaN if none)
 * @param directionalAccuracy fraction of forecasts whose direction from the last observed price
 *     matches the actual move (both up, both down, or both flat)
 * @param persistenceRmse RMSE of the persistence forecast (the last observed price)
 * @param theilU {@code rmse / persistenceRmse}: below 1 beats persistence
 */
public record HorizonMetrics(
    int horizon,
    int count,
    double rmse,
    double mae,
    double mape,
    double directionalAccuracy,
    double persistenceRmse,
    double theilU) {}
