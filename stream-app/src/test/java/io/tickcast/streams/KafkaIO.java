package io.tickcast.streams;

import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.ForecastDeserializer;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing ticks and reading forecasts on a real broker, for integration tests. */
final class KafkaIO {
  static final Instant START = Instant.parse("2024-01-02T00:00:00Z");

  private KafkaIO() {}

  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        new StringSerializer(), new ByteArraySerializer());
  }

  static Tick tick(String symbol, int minute, double price) {
    return Tick.newBuilder().setSymbol(symbol).setTimestamp(START.plusSeconds(60L * minute))
        .setPrice(price).build();
  }

  /** Sends ticks {@code from..to-1} of a series, keyed by symbol, Avro single-object encoded. */
  static void sendSeries(KafkaProducer<String, byte[]> p, String topic, String symbol,
      double[] series, int from, int to) {
    sendSeries(p, topic, symbol, series, from, to, true);
  }

  /** Sends ticks {@code from..to-1} of a series, keyed by symbol or without a key. */
  static void sendSeries(KafkaProducer<String, byte[]> p, String topic, String symbol,
      double[] series, int from, int to, boolean keyed) {
    for (int i = from; i < to; i++) {
      p.send(new ProducerRecord<>(topic, keyed ? symbol : null,
          TickCodec.encode(tick(symbol, i, series[i]), WireFormat.AVRO)));
    }
    p.flush();
  }

  /** A read-committed consumer from the beginning of a topic. */
  static <V> KafkaConsumer<String, V> consumer(String bootstrap, String topic, Deserializer<V> values) {
    KafkaConsumer<String, V> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), values);
    c.subscribe(List.of(topic));
    return c;
  }

  static KafkaConsumer<String, Forecast> forecastConsumer(String bootstrap, String topic) {
    return consumer(bootstrap, topic, new ForecastDeserializer(WireFormat.AVRO));
  }

  static KafkaConsumer<String, byte[]> bytesConsumer(String bootstrap, String topic) {
    return consumer(bootstrap, topic, new ByteArrayDeserializer());
  }

  /**
   * Polls into {@code into} until {@code done} holds for it or {@code max} passes.
   *
   * @return the records read
   */
  static <V> List<ConsumerRecord<String, V>> pollUntil(KafkaConsumer<String, V> c,
      List<ConsumerRecord<String, V>> into, Predicate<List<ConsumerRecord<String, V>>> done,
      Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.test(into) && System.nanoTime() < deadline) {
      c.poll(Duration.ofMillis(200)).forEach(into::add);
    }
    return into;
  }

  /** Keeps polling for {@code quiet} to catch records that should not exist (duplicates). */
  static <V> void drain(KafkaConsumer<String, V> c, List<ConsumerRecord<String, V>> into,
      Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      c.poll(Duration.ofMillis(200)).forEach(into::add);
    }
  }

  static List<Forecast> values(List<ConsumerRecord<String, Forecast>> records) {
    List<Forecast> out = new ArrayList<>();
    records.forEach(r -> out.add(r.value()));
    return out;
  }
}
