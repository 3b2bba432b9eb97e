package io.tickcast.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.core.window.WindowSet;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training data from the ticks topic on the in-process broker: three symbols in committed
 * transactions, plus an aborted transaction, malformed and invalid records, a duplicate, an
 * out-of-order tick and ticks after the cut-off, none of which may be read. The series and the
 * windows and split must equal those of the long CSV holding just the accepted ticks.
 */
class TopicSeriesReaderIntegrationTest {
  private static final String TOPIC = "tickcast.ticks";
  private static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();
  private static final long STEP = 60_000;
  private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");
  private static final int[] COUNTS = {60, 45, 70};
  private static EmbeddedKafkaCluster kafka;
  @TempDir static Path tmp;

  static double price(int symbol, int i) {
    return 10 * (symbol + 1) + Math.sin(i / (4.0 + symbol)) + 0.01 * i;
  }

  static long time(int symbol, int i) {
    return T0 + (symbol * 7L + i) * STEP; // symbols start at different times
  }

  static byte[] tick(String symbol, long time, double price) {
    return TickCodec.encode(Tick.newBuilder().setSymbol(symbol)
        .setTimestamp(Instant.ofEpochMilli(time)).setPrice(price).setVolume(null).build(),
        WireFormat.AVRO);
  }

  @BeforeAll
  static void produce() {
    kafka = EmbeddedKafkaCluster.start();
    kafka.createTopics(3, TOPIC);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "topic-series-test");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int s = 0; s < SYMBOLS.size(); s++) {
        for (int i = 0; i < COUNTS[s]; i++) {
          send(producer, SYMBOLS.get(s), tick(SYMBOLS.get(s), time(s, i), price(s, i)));
          if (s == 0 && i == 10) {
            // a duplicate (same time and price) and an out-of-order tick: the stream app's
            // window policy drops both
            send(producer, "AAA", tick("AAA", time(0, 10), price(0, 10)));
            send(producer, "AAA", tick("AAA", time(0, 5), 99));
          }
        }
      }
      send(producer, "AAA", "not a tick".getBytes(StandardCharsets.UTF_8));
      send(producer, "BBB", tick("BBB", time(1, 100), -1)); // invalid price
      send(producer, "CCC", tick("BBB", time(1, 101), 5)); // key differs from the symbol
      send(producer, "CCC", tick("CCC", until() + 1, 30)); // after the cut-off
      producer.commitTransaction();
      producer.beginTransaction();
      send(producer, "AAA", tick("AAA", time(0, 200), 11));
      producer.flush();
      producer.abortTransaction();
    }
  }

  static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) {
    producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** The cut-off: CCC's last regular tick. */
  static long until() {
    return time(2, COUNTS[2] - 1);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  TopicSeriesReader.Result read() {
    return TopicSeriesReader.read(Map.of("bootstrap.servers", kafka.bootstrapServers()), TOPIC,
        WireFormat.AVRO, Normalisation.LAST_PRICE, false, Instant.ofEpochMilli(until()),
        Duration.ofMinutes(1));
  }

  @Test
  void theTopicGivesTheSameSeriesWindowsAndSplitAsTheEquivalentLongCsv() throws Exception {
    TopicSeriesReader.Result r = read();
    StringBuilder csv = new StringBuilder("symbol,time,price\n");
    for (int s = 0; s < SYMBOLS.size(); s++) {
      for (int i = 0; i < COUNTS[s]; i++) {
        csv.append(String.format(Locale.ROOT, "%s,%d,%s%n", SYMBOLS.get(s), time(s, i),
            Double.toString(price(s, i))));
      }
    }
    Path file = tmp.resolve("ticks.csv");
    Files.writeString(file, csv);
    MultiSeries fromCsv = MultiSeriesReader.readLong(file);
    MultiSeries fromTopic = r.series();

    assertThat(fromTopic.symbols()).hasSize(3);
    for (int s = 0; s < 3; s++) {
      assertThat(fromTopic.symbols().get(s).symbol()).isEqualTo(SYMBOLS.get(s));
      assertThat(fromTopic.symbols().get(s).times())
          .isEqualTo(fromCsv.symbols().get(s).times());
      assertThat(fromTopic.symbols().get(s).rows()).isDeepEqualTo(fromCsv.symbols().get(s).rows());
    }
    long cutoff = MultiSeriesWindows.cutoffTime(fromCsv, 0.8);
    assertThat(MultiSeriesWindows.cutoffTime(fromTopic, 0.8)).isEqualTo(cutoff);
    MultiSeriesWindows a = MultiSeriesWindows.of(fromTopic, 8, 0, cutoff, 0.2);
    MultiSeriesWindows b = MultiSeriesWindows.of(fromCsv, 8, 0, cutoff, 0.2);
    assertThat(a.validationTime()).isEqualTo(b.validationTime());
    for (int s = 0; s < 3; s++) {
      same(a.symbols().get(s).fit(), b.symbols().get(s).fit());
      same(a.symbols().get(s).validation(), b.symbols().get(s).validation());
      same(a.symbols().get(s).test(), b.symbols().get(s).test());
    }
    same(a.pooledTrain(), b.pooledTrain());
    same(a.pooledTest(), b.pooledTest());
    assertThat(a.pooledSplit()).isEqualTo(b.pooledSplit());
    // In steps u = (time - T0) / STEP: AAA u 0..59, BBB 7..51, CCC 14..83 (175 rows). Rows before
    // u: 7 (AAA), +14 by u = 14, +3 per step to 135 by u = 52, then 2 per step: index
    // floor(0.8 * 175) = 140 is u = 54, the cut-off. W = 8; window i's target is the symbol's
    // row i + 8. Held out from: AAA window 46, BBB none (37 windows, targets u <= 51), CCC 32;
    // training windows before the purge: AAA 38 (targets u 8..45), BBB 29 (15..43), CCC 24
    // (22..45): T = 91, round(0.2 * 91) = 18 from the tail: u 45, 44 (AAA, CCC), 43..40 (all
    // three) make 16, u 39 (three) 19 >= 18, so u = 39 and 19 windows validate: AAA from 31,
    // BBB from 24, CCC from 17; fit ends W = 8 windows before each.
    assertThat(cutoff).isEqualTo(T0 + 54 * STEP);
    assertThat(b.validationTime()).isEqualTo(T0 + 39 * STEP);
    int[][] expected = {{23, 31, 38, 46, 52}, {16, 24, 29, 37, 37}, {9, 17, 24, 32, 62}};
    for (int s = 0; s < 3; s++) {
      MultiSeriesWindows.SymbolWindows sw = b.symbols().get(s);
      assertThat(new int[] {sw.fitEnd(), sw.validationStart(), sw.trainEnd(), sw.testStart(),
          sw.windows().size()}).as(sw.symbol()).containsExactly(expected[s]);
    }
    assertThat(b.validationCount()).isEqualTo(19);
  }

  private static void same(WindowSet x, WindowSet y) {
    assertThat(x.inputs()).isDeepEqualTo(y.inputs());
    assertThat(x.targets()).containsExactly(y.targets());
  }

  @Test
  void leftOutRecordsAreCountedByTheStreamAppsReasonsAndAbortedOnesNeverRead() {
    TopicSeriesReader.Result r = read();
    assertThat(r.rejected()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "deserialization", 1L, "invalid_price", 1L, "key_mismatch", 1L, "after_until", 1L,
        "duplicate", 1L, "out_of_order", 1L));
    int regular = COUNTS[0] + COUNTS[1] + COUNTS[2];
    // the aborted record is not counted: read_committed stops at the last stable offset
    assertThat(r.records()).isEqualTo(regular + 6);
    assertThat(r.series().rows()).isEqualTo(regular);
  }

  @Test
  void aMissingTopicIsAClearError() {
    assertThatThrownBy(() -> TopicSeriesReader.read(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), "no.such.topic", WireFormat.AVRO,
        Normalisation.LAST_PRICE, false, null, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.topic");
  }
}
