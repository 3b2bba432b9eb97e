package io.tickcast.streams.topology;

/**
 * Where a record was read from and its original bytes, kept so that a tick rejected anywhere in
 * the topology reaches the dead-letter topic exactly as it was published.
 *
 * @param rawKey the original key bytes (null when the record had no key)
 * @param rawValue the original value bytes (null for a tombstone)
 * @param topic the input topic
 * @param partition its partition
 * @param offset its offset
 */
public record SourceRecord(byte[] rawKey, byte[] rawValue, String topic, int partition, long offset) {}
