package io.tickcast.trainer.data;

import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.ticks.RawTicks;
import io.tickcast.ticks.TickValidator;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.WindowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the ticks topic into many symbols' series for training: every partition from the
 * beginning up to its end offset taken at the start (read_committed, so up to the last stable
 * offset: aborted and open transactions are never read), each record decoded and checked by the
 * stream app's own {@link RawTicks#decode} (wire format, {@link TickValidator} rules with the
 * model's normalisation, key equal to the symbol), then ordered per symbol by the stream app's
 * {@link WindowPolicy}: an out-of-order tick is dropped, a duplicate dropped, a correction (same
 * time, another price) replaces the tick before it. Ticks after {@code until} are left out.
 *
 * <p>Symbols come out sorted by name, so a topic and a CSV holding the same ticks give the same
 * {@link MultiSeries}. Times are epoch ms. The stream app's integrity policy (price jumps, gaps)
 * restarts serving windows; training keeps those ticks.
 */
public final class TopicSeriesReader {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSeriesReader.class);

  private TopicSeriesReader() {}

  /**
   * What was read.
   *
   * @param series the accepted ticks per symbol, columns {@code [price]} or {@code [price,
   *     volume]}
   * @param records records read (up to the end offsets)
   * @param rejected reason code ({@link io.tickcast.ticks.RejectReason#code()}, or
   *     {@code duplicate}, {@code after_until}) to count of records left out
   * @param endOffsets the end offset read up to, per partition
   */
  public record Result(MultiSeries series, long records, Map<String, Long> rejected,
      Map<Integer, Long> endOffsets) {}

  /**
   * Reads a ticks topic.
   *
   * @param consumerConfig at least {@code bootstrap.servers} (security settings too); the
   *     isolation level, deserialisers and offset handling are set here
   * @param topic the ticks topic, e.g. {@code tickcast.ticks}
   * @param format its wire format
   * @param normalisation the model's normalisation (ratio modes accept only positive prices)
   * @param withVolume whether the model reads volume (a tick without one is then rejected)
   * @param until the latest tick time kept, or {@code null} for all
   * @param timeout the most time to spend reading
   * @return the series and the counts
   * @throws IllegalArgumentException if the topic does not exist or holds no accepted tick
   * @throws IllegalStateException if the end offsets are not reached within {@code timeout}
   */
  public static Result read(Map<String, Object> consumerConfig, String topic, WireFormat format,
      Normalisation normalisation, boolean withVolume, Instant until, Duration timeout) {
    Map<String, Object> props = new HashMap<>(consumerConfig);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tickcast-trainer-ticks");
    TickValidator validator = new TickValidator(normalisation, withVolume);
    long untilMs = until == null ? Long.MAX_VALUE : until.toEpochMilli();
    Map<String, List<double[]>> rows = new TreeMap<>();
    Map<String, List<Long>> times = new TreeMap<>();
    Map<String, TickWindow> last = new HashMap<>();
    Map<String, Long> rejected = new TreeMap<>();
    Map<Integer, Long> ends = new TreeMap<>();
    long records = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("ticks topic " + topic + " does not exist");
      }
      List<TopicPartition> parts = infos.stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
      end.forEach((tp, o) -> ends.put(tp.partition(), o));
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " did not reach the end offsets "
              + ends + " within " + timeout + " (" + records + " records read)");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.get(tp)) {
            continue; // written after the start: the next training run reads it
          }
          records++;
          RawTicks.Outcome o = RawTicks.decode(r.key(), r.value(), format, validator,
              Long.MAX_VALUE);
          if (!o.accepted()) {
            rejected.merge(o.violation().reason().code(), 1L, Long::sum);
            continue;
          }
          Tick t = o.tick();
          long time = t.getTimestamp().toEpochMilli();
          if (time > untilMs) {
            rejected.merge("after_until", 1L, Long::sum);
            continue;
          }
          String s = t.getSymbol();
          TickWindow w = last.getOrDefault(s, TickWindow.empty());
          WindowPolicy.Decision d = WindowPolicy.decide(w, time, t.getPrice());
          double volume = t.getVolume() == null ? Double.NaN : t.getVolume();
          double[] row = withVolume ? new double[] {t.getPrice(), volume}
              : new double[] {t.getPrice()};
          switch (d) {
            case APPEND -> {
              rows.computeIfAbsent(s, k -> new ArrayList<>()).add(row);
              times.computeIfAbsent(s, k -> new ArrayList<>()).add(time);
            }
            case CORRECTION -> {
              List<double[]> l = rows.get(s);
              l.set(l.size() - 1, row);
            }
            case DUPLICATE -> rejected.merge("duplicate", 1L, Long::sum);
            case OUT_OF_ORDER -> rejected.merge(
                io.tickcast.ticks.RejectReason.OUT_OF_ORDER.code(), 1L, Long::sum);
            default -> throw new IllegalStateException("unknown decision " + d);
          }
          last.put(s, WindowPolicy.apply(d, w, time, t.getPrice(), volume, 1));
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("ticks topic " + topic + " holds no accepted tick up to"
          + " the end offsets " + ends + (until == null ? "" : " and " + until) + "; left out: "
          + rejected);
    }
    List<String> columns = withVolume ? List.of(MultiSeriesReader.PRICE, MultiSeriesReader.VOLUME)
        : List.of(MultiSeriesReader.PRICE);
    List<SymbolSeries> out = new ArrayList<>();
    rows.forEach((s, r) -> out.add(new SymbolSeries(s, columns,
        times.get(s).stream().mapToLong(Long::longValue).toArray(),
        r.toArray(new double[0][]))));
    MultiSeries series = new MultiSeries(topic, columns, List.copyOf(out));
    LOG.info("{}: {} records up to end offsets {}, {} ticks of {} symbols accepted, left out {}",
        topic, records, ends, series.rows(), out.size(), rejected);
    return new Result(series, records, Map.copyOf(rejected), Map.copyOf(ends));
  }
}
