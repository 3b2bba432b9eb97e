package io.tickcast.streams.topology;

import io.tickcast.ticks.RejectReason;

/**
 * A record bound for the dead-letter topic.
 *
 * @param source the original record
 * @param reason the reason code
 * @param detail a human-readable explanation
 */
public record DeadLetter(SourceRecord source, RejectReason reason, String detail) {}
