package io.tickcast.streams.topology;

import io.tickcast.streams.window.TickWindow;

/**
 * A full window waiting for its inference batch, kept in the changelogged pending store so that
 * a crash between a tick and its forecast loses nothing.
 *
 * @param symbol the symbol
 * @param window the W ticks, oldest first, as they were when the tick arrived
 * @param arrivalEpochNanos wall-clock arrival of the newest tick, epoch nanoseconds
 * @param recordTimestamp Kafka timestamp of the newest tick's record (given to the forecast)
 * @param withPath whether the forecast includes the H-step path (else next step only)
 */
public record PendingWindow(String symbol, TickWindow window, long arrivalEpochNanos,
    long recordTimestamp, boolean withPath) {}
