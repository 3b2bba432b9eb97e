package io.tickcast.streams.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The Kafka record timestamp of a tick record, or, when it is invalid (negative, e.g. a producer
 * or a bridge that leaves it unset as -1), the partition's time so far, else the wall clock.
 * Never throws, so no record timestamp can stop the app (Kafka's default {@code
 * FailOnInvalidTimestamp} does; {@code UsePartitionTimeOnInvalidTimestamp} still throws while the
 * partition time is unknown).
 *
 * <p>The record timestamp only drives Kafka Streams' own stream time (the repartition topic and
 * the timestamps of output records); windows use the tick's payload event time, validated by
 * {@link io.tickcast.ticks.TickValidator}. Decoding the payload here would decode
 * every record twice and let a far-future tick move Kafka Streams' stream time.
 */
public final class InvalidTimestampTolerantExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long ts = record.timestamp();
    if (ts >= 0) {
      return ts;
    }
    return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
  }
}
