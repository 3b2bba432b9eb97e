package io.tickcast.cli.demo;

import io.tickcast.schemas.Forecast;

/**
 * A forecast the demo consumed from the forecasts topic.
 *
 * @param forecast the decoded forecast
 * @param receivedAtNanos {@link System#nanoTime()} when the consumer returned it
 */
public record ReceivedForecast(Forecast forecast, long receivedAtNanos) {}
