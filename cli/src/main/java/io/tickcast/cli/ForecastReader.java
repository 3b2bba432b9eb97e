package io.tickcast.cli;

import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.MalformedRecordException;
import io.tickcast.schemas.serde.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a forecasts topic from the start on its own thread (read-committed, so
 * a forecast counts once its transaction commits, as any downstream consumer sees it) and hands
 * each decoded forecast, with the {@link System#nanoTime()} it was received at, to a sink.
 * Undecodable records are logged, counted and skipped. Used by {@code demo} and {@code bench
 * stream}.
 */
public final class ForecastReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastReader.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** Receives each forecast on the reader's thread. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param forecast the decoded forecast
     * @param receivedNanos {@link System#nanoTime()} when its poll returned
     */
    void accept(Forecast forecast, long receivedNanos);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final WireFormat format;
  private final Sink sink;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger malformed = new AtomicInteger();
  private final Thread thread;
  private boolean started;
  private boolean closed;

  /**
   * @param bootstrap Kafka bootstrap servers
   * @param topic the forecasts topic
   * @param format the forecasts' wire format
   * @param clientId the consumer's client id (also names the thread)
   * @param sink called for every forecast, on the reader's thread
   */
  public ForecastReader(String bootstrap, String topic, WireFormat format, String clientId,
      Sink sink) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer());
    this.topic = topic;
    this.format = format;
    this.sink = sink;
    this.thread = new Thread(this::loop, clientId);
    this.thread.setDaemon(true);
  }

  /** Assigns every partition of the topic from its start and starts reading. */
  public void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, METADATA_TIMEOUT)) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread.start();
    started = true;
  }

  /** Forecast records that could not be decoded. */
  public int malformed() {
    return malformed.get();
  }

  private void loop() {
    try {
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          try {
            sink.accept(ForecastCodec.decode(r.value(), format), now);
          } catch (MalformedRecordException e) {
            malformed.incrementAndGet();
            LOG.warn("skipping undecodable forecast at {}-{}@{}: {}", r.topic(), r.partition(),
                r.offset(), e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Stops reading and closes the consumer (waits up to 10 s). Idempotent. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    running.set(false);
    if (!started) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    thread.join(CLOSE_TIMEOUT.toMillis());
    if (thread.isAlive()) {
      LOG.warn("the forecast consumer did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
    }
  }
}
