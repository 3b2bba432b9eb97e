package io.tickcast.bench;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.streams.RunningApp;
import io.tickcast.streams.StreamApp;
import io.tickcast.streams.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Changelog records and bytes per tick of the production topology: starts an embedded KRaft
 * broker and the stream app ({@link StreamApp#start}, exactly-once, production properties) on a
 * tiny LSTM, sends {@code ticks} keyed ticks round-robin over {@code symbols} symbols (a 0.1 %
 * random walk, one second apart, ending now), waits for one forecast per full window, stops the
 * app, then for every internal topic of the application (changelogs, repartition) and the
 * output topics prints
 *
 * <ul>
 *   <li>records per tick: committed records read back (read_committed, transaction markers not
 *       counted) / ticks sent;
 *   <li>payload bytes per tick: the key and value bytes of those records / ticks;
 *   <li>log bytes per tick: the partition sizes on disk ({@code Admin.describeLogDirs}: record
 *       batches, headers, transaction markers) / ticks.
 * </ul>
 *
 * <p>Also prints ticks/s from the first tick sent to the last forecast read (a rough throughput,
 * not a benchmark: one process, broker included). Run:
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.tickcast.bench.ChangelogFootprint [ticks] [symbols]
 *     [batchMaxSize] [window] [cacheMaxBytes]
 * }</pre>
 *
 * <p>{@code cacheMaxBytes} ({@code statestore.cache.max.bytes}, Kafka Streams' default when
 * absent): 0 turns the record caches off, to see the writes the design makes before caching
 * coalesces them.
 */
public final class ChangelogFootprint {
  private ChangelogFootprint() {}

  /**
   * Runs the measurement.
   *
   * @param args ticks (default 4000), symbols (4), batch max size (64), window length W (30),
   *     record cache bytes (Kafka Streams' default)
   */
  public static void main(String[] args) throws Exception {
    int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    int symbols = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int w = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    String cacheBytes = args.length > 4 ? args[4] : null;
    Path tmp = Files.createTempDirectory("changelog-footprint");
    TestModels.saveTinyLstm(tmp.resolve("model"), w, 10, Normalisation.FIRST_PRICE,
        RollForward.SEED, 7);
    String appId = "footprint";
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
      Map<String, String> s = new HashMap<>();
      s.put(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
      s.put(AppConfig.APPLICATION_ID, appId);
      s.put(AppConfig.MODEL_DIR, tmp.resolve("model").toString());
      s.put(AppConfig.STATE_DIR, tmp.resolve("state").toString());
      s.put(AppConfig.HTTP_PORT, "0");
      s.put(AppConfig.HTTP_HOST, "127.0.0.1");
      s.put(AppConfig.BATCH_MAX_SIZE, Integer.toString(batch));
      s.put(AppConfig.BATCH_MAX_DELAY_MS, "50");
      s.put(AppConfig.TOPICS_PARTITIONS, "1");
      s.put(AppConfig.MODEL_POLL_INTERVAL_MS, "0");
      if (cacheBytes != null) {
        s.put(AppConfig.STREAMS_PREFIX + "statestore.cache.max.bytes", cacheBytes);
      }
      AppConfig config = AppConfig.of(s);
      long expected = (long) ticks - (long) symbols * (w - 1);
      long t0;
      long t1;
      try (RunningApp app = StreamApp.start(config)) {
        if (!app.awaitRunning(Duration.ofSeconds(120))) {
          throw new IllegalStateException("the stream app did not reach RUNNING");
        }
        t0 = System.nanoTime();
        send(kafka.bootstrapServers(), config, ticks, symbols);
        awaitRecords(kafka.bootstrapServers(), config.forecastsTopic(), expected,
            Duration.ofSeconds(600));
        t1 = System.nanoTime();
      }
      System.out.printf("%d ticks over %d symbols, W=%d, batch max %d, record cache %s: %d"
              + " forecasts, %.0f ticks/s (first tick sent to last forecast read)%n", ticks,
          symbols, w, batch, cacheBytes == null ? "default" : cacheBytes + " B", expected,
          ticks / ((t1 - t0) / 1e9));
      report(kafka, appId, config, ticks);
    }
  }

  private static void send(String bootstrap, AppConfig config, int ticks, int symbols) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    Random random = new Random(11);
    double[] price = new double[symbols];
    java.util.Arrays.fill(price, 100.0);
    Instant start = Instant.now().minusSeconds(ticks / symbols + 1);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < ticks; i++) {
        int k = i % symbols;
        price[k] *= 1 + 0.001 * random.nextGaussian();
        Tick t = Tick.newBuilder().setSymbol("SYM" + k)
            .setTimestamp(start.plusSeconds(i / symbols)).setPrice(price[k]).build();
        producer.send(new ProducerRecord<>(config.ticksTopic(), t.getSymbol(),
            TickCodec.encode(t, config.tickFormat())));
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static void awaitRecords(String bootstrap, String topic, long count, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
      while (true) {
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        long n = 0;
        for (long end : c.endOffsets(parts).values()) {
          n += end;
        }
        // End offsets count transaction markers too: confirm by reading once they suffice.
        if (n >= count && read(c, parts)[0] >= count) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + ": fewer than " + count + " records in time");
        }
        Thread.sleep(200);
      }
    }
  }

  /** Committed records and key+value bytes of partitions, read from the start to their end. */
  private static long[] read(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> parts) {
    c.assign(parts);
    c.seekToBeginning(parts);
    Map<TopicPartition, Long> end = c.endOffsets(parts);
    long records = 0;
    long bytes = 0;
    while (true) {
      boolean done = true;
      for (TopicPartition tp : parts) {
        done &= c.position(tp) >= end.get(tp);
      }
      if (done) {
        return new long[] {records, bytes};
      }
      for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
        records++;
        bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
      }
    }
  }

  private static void report(EmbeddedKafkaCluster kafka, String appId, AppConfig config, int ticks)
      throws Exception {
    try (Admin admin = kafka.admin();
        KafkaConsumer<byte[], byte[]> c = consumer(kafka.bootstrapServers())) {
      Set<String> topics = new TreeSet<>();
      for (String t : admin.listTopics().names().get()) {
        if (t.startsWith(appId + "-") || t.equals(config.forecastsTopic())
            || t.equals(config.deadLetterTopic())) {
          topics.add(t);
        }
      }
      Map<String, Long> logBytes = new TreeMap<>();
      for (LogDirDescription d : admin.describeLogDirs(List.of(0)).allDescriptions().get()
          .get(0).values()) {
        for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
          logBytes.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
        }
      }
      System.out.printf("%-48s %12s %12s %14s %14s%n", "topic", "records", "records/tick",
          "payload B/tick", "log B/tick");
      long changelogRecords = 0;
      long changelogPayload = 0;
      long changelogLog = 0;
      for (String t : topics) {
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
        long[] rb = read(c, parts);
        long log = logBytes.getOrDefault(t, 0L);
        System.out.printf("%-48s %12d %12.3f %14.1f %14.1f%n", t, rb[0], (double) rb[0] / ticks,
            (double) rb[1] / ticks, (double) log / ticks);
        if (t.endsWith("-changelog")) {
          changelogRecords += rb[0];
          changelogPayload += rb[1];
          changelogLog += log;
        }
      }
      System.out.printf("%-48s %12d %12.3f %14.1f %14.1f%n", "all changelogs", changelogRecords,
          (double) changelogRecords / ticks, (double) changelogPayload / ticks,
          (double) changelogLog / ticks);
    }
  }
}
