package io.tickcast.streams.topology;

/**
 * A tick that passed validation, with its origin.
 *
 * @param symbol the symbol (also the record key)
 * @param time event time, epoch ms
 * @param price price units
 * @param volume volume, {@code NaN} when absent
 * @param source the original record (for the dead-letter topic)
 * @param arrivalEpochNanos wall-clock time the app first read the record, epoch nanoseconds
 */
public record AcceptedTick(
    String symbol, long time, double price, double volume, SourceRecord source,
    long arrivalEpochNanos) {}
