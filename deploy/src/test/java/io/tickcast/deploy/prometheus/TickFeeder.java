package io.tickcast.deploy.prometheus;

import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes ticks until stopped, on its own thread: every round one Avro tick per symbol (prices
 * from a real series, event time one second apart), and every {@value #BAD_EVERY} rounds one bad
 * record, cycling through every reject reason the app knows plus an exact duplicate, so every
 * counter of the metric contract moves while Prometheus scrapes.
 */
final class TickFeeder implements AutoCloseable {
  /** Rounds between bad records. */
  static final int BAD_EVERY = 10;
  private static final long BASE_TIME_MS = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final List<String> symbols;
  private final double[] prices;
  private final long pauseMillis;
  private final Thread thread;
  private volatile boolean stop;
  private volatile Exception failure;
  private volatile long rounds;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the ticks topic
   * @param symbols symbols to publish, each reading {@code prices} from its own offset
   * @param prices a price series, price units, all positive
   * @param pauseMillis pause between rounds
   */
  TickFeeder(String bootstrapServers, String topic, List<String> symbols, double[] prices,
      long pauseMillis) {
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.symbols = List.copyOf(symbols);
    this.prices = prices.clone();
    this.pauseMillis = pauseMillis;
    this.thread = new Thread(this::run, "tick-feeder");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Rounds published so far. */
  long rounds() {
    return rounds;
  }

  /** The first send failure, if any. */
  Exception failure() {
    return failure;
  }

  private void run() {
    try {
      for (long i = 0; !stop; i++) {
        long time = BASE_TIME_MS + i * 1000;
        for (int s = 0; s < symbols.size(); s++) {
          send(symbols.get(s), tick(symbols.get(s), time, price(s, i)));
        }
        if (i % BAD_EVERY == BAD_EVERY - 1) {
          sendBad(i / BAD_EVERY, i, time);
        }
        producer.flush();
        rounds = i + 1;
        Thread.sleep(pauseMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  private double price(int symbol, long round) {
    return prices[(int) ((round + 97L * symbol) % prices.length)];
  }

  /** One bad record per call, cycling through the reasons; {@code time} is this round's time. */
  private void sendBad(long n, long round, long time) {
    String first = symbols.get(0);
    switch ((int) (n % 8)) {
      case 0 -> producer.send(new ProducerRecord<>(topic, bytes(first),
          "not a tick".getBytes(StandardCharsets.UTF_8)));                     // deserialization
      case 1 -> send(first, tick(first, time + 500, -1.0));                    // invalid_price
      case 2 -> send("bad symbol!", tick("bad symbol!", time + 500, 10.0));    // invalid_symbol
      case 3 -> send(first, tick(symbols.get(1), time + 500, 10.0));           // key_mismatch
      case 4 -> send(first, tick(first, time - 1500, 10.0));                   // out_of_order
      case 5 -> send(first, tick(first, time, price(0, round)));               // exact duplicate
      case 6 -> send(first, tick(first, -5, 10.0));                            // invalid_timestamp
      default -> producer.send(new ProducerRecord<>(topic, bytes(first), null)); // tombstone
    }
  }

  private static Tick tick(String symbol, long time, double price) {
    return Tick.newBuilder().setSymbol(symbol).setTimestamp(Instant.ofEpochMilli(time))
        .setPrice(price).setVolume(null).build();
  }

  private void send(String key, Tick tick) {
    producer.send(new ProducerRecord<>(topic, bytes(key), TickCodec.encode(tick, WireFormat.AVRO)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(10_000);
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
