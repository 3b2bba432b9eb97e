package io.tickcast.cli.bench;

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
 * Reads every partition of the forecasts topic from the start (read-committed, so a forecast
 * counts once its transaction commits, as any downstream consumer sees it) on its own thread and
 * records each forecast in a {@link TickLedger} with the time it was received.
 */
final class ForecastListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastListener.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final WireFormat format;
  private final SyntheticTicks symbols;
  private final TickLedger ledger;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger malformed = new AtomicInteger();
  private final Thread thread;
  private boolean started;
  private boolean closed;

  ForecastListener(String bootstrap, String topic, WireFormat format, SyntheticTicks symbols,
      TickLedger ledger) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tickcast-bench-forecasts");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer());
    this.topic = topic;
    this.format = format;
    this.symbols = symbols;
    this.ledger = ledger;
    this.thread = new Thread(this::loop, "tickcast-bench-consumer");
    this.thread.setDaemon(true);
  }

  /** Assigns every partition of the topic from its start and starts reading. */
  void start() {
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
  int malformed() {
    return malformed.get();
  }

  private void loop() {
    try {
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          try {
            Forecast f = ForecastCodec.decode(r.value(), format);
            ledger.forecast(symbols.indexOf(f.getSymbol()), f.getLastTickTime().toEpochMilli(),
                now, !f.getPath().isEmpty());
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
