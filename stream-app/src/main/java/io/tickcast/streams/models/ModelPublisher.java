package io.tickcast.streams.models;

import io.tickcast.schemas.ModelRecord;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Writes model records to the models topic: per record, in one transaction, the history record
 * ({@code name@version}) and then the current one ({@code name}). Not thread-safe.
 */
public final class ModelPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  /**
   * @param bootstrap bootstrap servers
   * @param extra further client properties (security)
   * @param topic the models topic (see {@link ModelTopic#ensure})
   */
  public ModelPublisher(String bootstrap, Map<String, Object> extra, String topic) {
    this.topic = topic;
    this.producer = new KafkaProducer<>(ModelTopic.producerProperties(bootstrap, extra,
        "tickcast-model-publisher-" + topic));
    producer.initTransactions();
  }

  /**
   * Publishes a record as the model to serve under its name.
   *
   * @param r the record (see {@link ModelRecords#fromDirectory})
   * @return where the current record ({@code key = name}) was written
   * @throws IllegalArgumentException if the record is over {@link ModelTopic#MAX_RECORD_BYTES}
   * @throws KafkaException if the transaction fails (nothing is visible to read_committed readers)
   */
  public RecordMetadata publish(ModelRecord r) {
    byte[] value = ModelRecords.encode(r);
    producer.beginTransaction();
    try {
      producer.send(new ProducerRecord<>(topic, 0,
          ModelTopic.historyKey(r.getName(), r.getModelVersion()), value));
      var current = producer.send(new ProducerRecord<>(topic, 0, r.getName(), value));
      producer.commitTransaction();
      return current.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing model " + r.getName(), e);
    } catch (ExecutionException e) {
      throw new KafkaException("publishing model " + r.getName() + " failed: " + e.getCause(),
          e.getCause());
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (KafkaException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
