package io.tickcast.cli.replay;

import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.TickSerializer;
import io.tickcast.schemas.serde.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes ticks to a topic, keyed by symbol, paced at a {@link Rate}. Used by {@code tickcast
 * replay} and by the demo.
 */
public final class TickPublisher implements AutoCloseable {
  /**
   * Told about every tick just before it is handed to the producer, so that a forecast of it,
   * however fast, always finds it recorded. If that send then fails, {@code publish} throws.
   */
  @FunctionalInterface
  public interface Listener {
    /**
     * Records one tick about to be sent.
     *
     * @param index position of the tick in the published list
     * @param tick the tick
     * @param sentAtNanos {@link System#nanoTime()} just before it was handed to the producer
     */
    void sent(int index, Tick tick, long sentAtNanos);
  }

  private final Producer<String, Tick> producer;
  private final String topic;

  /**
   * @param producer a producer of symbol keys and tick values (closed by {@link #close()})
   * @param topic the ticks topic
   */
  public TickPublisher(Producer<String, Tick> producer, String topic) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  /**
   * A publisher with its own idempotent producer (acks=all).
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the ticks topic
   * @param format wire format of the tick values
   * @param extraConfig more producer settings (override the defaults)
   * @return the publisher
   */
  public static TickPublisher create(String bootstrapServers, String topic, WireFormat format,
      Map<String, Object> extraConfig) {
    Map<String, Object> config = new java.util.HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "tickcast-replay");
    config.putAll(extraConfig);
    return new TickPublisher(
        new KafkaProducer<>(config, new StringSerializer(), new TickSerializer(format)), topic);
  }

  /**
   * Sends the ticks in order, tick {@code i} no earlier than {@code rate.dueNanos(i)} after the
   * start, then flushes. Each record's key is the tick's symbol and its Kafka timestamp the
   * wall-clock send time (the event time is in the tick).
   *
   * @param ticks the ticks, in publishing order
   * @param rate the pace
   * @param stop checked before every tick; true stops early
   * @param listener told about every tick just before it is sent
   * @return how many ticks were sent
   * @throws org.apache.kafka.common.KafkaException if a send fails (the first failure; the
   *     listener has already been told about the failed tick)
   * @throws InterruptedException if interrupted while pacing
   */
  public int publish(List<Tick> ticks, Rate rate, BooleanSupplier stop, Listener listener)
      throws InterruptedException {
    return publish(ticks.size(), ticks::get, rate, stop, listener);
  }

  /**
   * Like {@link #publish(List, Rate, BooleanSupplier, Listener)}, but each tick is made when it
   * is due: {@code tickAt.apply(i)} is called once per tick, in order, just before the tick is
   * sent (so a generator can stamp it with the send time).
   *
   * @param count how many ticks
   * @param tickAt makes tick {@code i}
   * @param rate the pace
   * @param stop checked before every tick; true stops early
   * @param listener told about every tick just before it is sent
   * @return how many ticks were sent
   * @throws org.apache.kafka.common.KafkaException if a send fails (the first failure; the
   *     listener has already been told about the failed tick)
   * @throws InterruptedException if interrupted while pacing
   */
  public int publish(int count, IntFunction<Tick> tickAt, Rate rate, BooleanSupplier stop,
      Listener listener) throws InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    int sent = 0;
    for (int i = 0; i < count; i++) {
      if (stop.getAsBoolean() || failure.get() != null) {
        break;
      }
      long wait = start + rate.dueNanos(i) - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      Tick tick = tickAt.apply(i);
      // Recorded before the send: the forecast can come back before send() returns.
      listener.sent(i, tick, System.nanoTime());
      try {
        producer.send(new ProducerRecord<>(topic, tick.getSymbol(), tick), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      } catch (RuntimeException e) {
        // Rejected at once (e.g. serialization, producer closed): the listener already counts it.
        throw new org.apache.kafka.common.KafkaException("publishing tick " + i + " ("
            + tick.getSymbol() + ") to " + topic + " failed after " + sent + " ticks were sent: "
            + e.getMessage(), e);
      }
      sent++;
    }
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new org.apache.kafka.common.KafkaException("publishing ticks to " + topic
          + " failed: " + e.getMessage(), e);
    }
    return sent;
  }

  /** Flushes and closes the producer. */
  @Override
  public void close() {
    producer.close();
  }
}
