package io.tickcast.streams.models;

import io.tickcast.schemas.ModelRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A read_committed consumer of the models topic's single partition, from the beginning, without
 * a consumer group. Not thread-safe except {@link #wakeup()}.
 */
public final class ModelTopicReader implements AutoCloseable {
  /**
   * One committed record of the topic, decoded and checked (files and checksums, not loaded).
   *
   * @param offset its offset
   * @param key its key ({@code name} or {@code name@version})
   * @param timestamp its Kafka timestamp, epoch ms
   * @param record the decoded record, or null when it is not a valid record
   * @param problem why it is not, or null
   * @param reason the rejection reason, or null
   */
  public record Entry(long offset, String key, long timestamp, ModelRecord record, String problem,
      ModelRejectReason reason) {
    static Entry of(ConsumerRecord<String, byte[]> c) {
      try {
        return new Entry(c.offset(), c.key(), c.timestamp(), ModelRecords.decode(c.value()), null,
            null);
      } catch (ModelRecordException e) {
        return new Entry(c.offset(), c.key(), c.timestamp(), null, e.getMessage(), e.reason());
      }
    }

    /** Whether the record decoded and its files check out. */
    public boolean intact() {
      return record != null;
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicPartition partition;

  /**
   * @param bootstrap bootstrap servers
   * @param extra further client properties (security)
   * @param topic the models topic
   * @param timeout longest wait for the topic's metadata
   * @throws IllegalStateException if the topic does not exist or has several partitions
   */
  public ModelTopicReader(String bootstrap, Map<String, Object> extra, String topic,
      Duration timeout) {
    consumer = new KafkaConsumer<>(ModelTopic.consumerProperties(bootstrap, extra));
    try {
      List<PartitionInfo> parts = consumer.partitionsFor(topic, timeout);
      if (parts == null || parts.isEmpty()) {
        throw new IllegalStateException("models topic " + topic + " does not exist at " + bootstrap);
      }
      if (parts.size() != 1) {
        throw new IllegalStateException("models topic " + topic + " has " + parts.size()
            + " partitions; it needs exactly 1");
      }
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /**
   * Reads every committed record from the current position to the end as of now (the last
   * stable offset).
   *
   * @param timeout longest wait
   * @return the records in offset order
   * @throws IllegalStateException if the end is not reached within the timeout
   */
  public List<ConsumerRecord<String, byte[]>> readToEnd(Duration timeout) {
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    while (consumer.position(partition, timeout) < end) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("models topic " + partition.topic()
            + " not read to its end (offset " + end + ") within " + timeout);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(out::add);
    }
    return out;
  }

  /** Every committed record from the beginning to the end, decoded and checked. */
  public static List<Entry> entries(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(Entry::of).toList();
  }

  /**
   * The next records after the current position.
   *
   * @return empty after {@code timeout}, or after {@link #wakeup()}
   */
  public List<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try {
      consumer.poll(timeout).forEach(out::add);
    } catch (WakeupException e) {
      // close() woke us: return what we have
    }
    return out;
  }

  /** Makes a blocked {@link #poll} return (thread-safe). */
  public void wakeup() {
    consumer.wakeup();
  }

  /** The newest intact entry of a name whose version is {@code version} or starts with it. */
  public static Optional<Entry> newestOf(List<Entry> entries, String name, String version) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.intact() && ModelTopic.belongsTo(e.key(), name)
          && e.record().getModelVersion().startsWith(version)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
