package io.tickcast.cli.tail;

import io.tickcast.cli.Durations;
import io.tickcast.cli.Topics;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.MalformedRecordException;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.trainer.options.KafkaOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickcast tail}: prints the records of the forecasts topic (or, with {@code --ticks}, the
 * ticks topic) as readable lines or JSON, until Ctrl-C, {@code --max} records or {@code
 * --idle-timeout}. It reads every partition without joining a consumer group, so it never
 * disturbs other consumers. A record that cannot be decoded is reported on stderr and skipped.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Prints forecasts (or ticks) from a topic as readable lines or JSON.",
    footer = {"", "Examples:",
        "  tickcast tail --from-beginning --max 10",
        "  tickcast tail --output json --symbol SPX",
        "  tickcast tail --ticks --from-beginning --idle-timeout 5s"})
public final class TailCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
      description = "topic to read (default: " + Topics.FORECASTS + ", or " + Topics.TICKS
          + " with --ticks)")
  String topic;

  @Option(names = "--ticks", description = "the topic holds ticks, not forecasts")
  boolean ticks;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "avro",
      description = "wire format of the values: avro or json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", defaultValue = "text",
      description = "text (one readable line per record) or json (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--from-beginning", description = "start at the oldest record, not the newest")
  boolean fromBeginning;

  @Option(names = {"-n", "--max"}, paramLabel = "N", description = "stop after N records")
  Long max;

  @Option(names = "--symbol", paramLabel = "SYMBOL", description = "only this symbol")
  String symbol;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "stop when no record arrived for this long (default: run until Ctrl-C)")
  Duration idleTimeout;

  /** Prints records; 0 on a normal stop. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WireFormat wire;
    try {
      wire = WireFormat.fromConfig(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
    boolean json;
    switch (output) {
      case "text" -> json = false;
      case "json" -> json = true;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--output: '" + output + "' is not text or json");
    }
    String name = topic != null ? topic : ticks ? Topics.TICKS : Topics.FORECASTS;

    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tickcast-tail");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.putAll(kafka.properties());

    CountDownLatch done = new CountDownLatch(1);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config,
        new StringDeserializer(), new ByteArrayDeserializer())) {
      Thread hook = new Thread(() -> {
        consumer.wakeup();
        try {
          done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "tickcast-tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        List<TopicPartition> partitions = partitions(consumer, name);
        consumer.assign(partitions);
        if (fromBeginning) {
          consumer.seekToBeginning(partitions);
        } else {
          consumer.seekToEnd(partitions);
        }
        long printed = 0;
        long lastRecord = System.nanoTime();
        while (max == null || printed < max) {
          var records = consumer.poll(Duration.ofMillis(200));
          if (!records.isEmpty()) {
            lastRecord = System.nanoTime();
          } else if (idleTimeout != null
              && System.nanoTime() - lastRecord >= idleTimeout.toNanos()) {
            break;
          }
          for (ConsumerRecord<String, byte[]> r : records) {
            String text = render(r, wire, json, err);
            if (text == null) {
              continue;
            }
            out.println(text);
            printed++;
            if (max != null && printed >= max) {
              break;
            }
          }
          out.flush();
        }
      } catch (WakeupException e) {
        // Ctrl-C
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting; the hook is running
        }
      }
    } finally {
      out.flush();
      done.countDown();
    }
    return 0;
  }

  private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String name) {
    List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("topic '" + name + "' does not exist on "
          + kafka.bootstrapServers());
    }
    List<TopicPartition> out = new ArrayList<>();
    for (PartitionInfo p : infos) {
      out.add(new TopicPartition(p.topic(), p.partition()));
    }
    return out;
  }

  /** The printed text of a record, or null if filtered out or undecodable (reported on err). */
  private String render(ConsumerRecord<String, byte[]> r, WireFormat wire, boolean json,
      PrintWriter err) {
    try {
      if (ticks) {
        Tick t = TickCodec.decode(r.value(), wire);
        if (symbol != null && !symbol.equals(t.getSymbol())) {
          return null;
        }
        return json ? ForecastFormatter.json(t) : ForecastFormatter.line(t);
      }
      Forecast f = ForecastCodec.decode(r.value(), wire);
      if (symbol != null && !symbol.equals(f.getSymbol())) {
        return null;
      }
      return json ? ForecastFormatter.json(f) : ForecastFormatter.line(f);
    } catch (MalformedRecordException e) {
      err.println("tail: skipping " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": "
          + e.getMessage());
      err.flush();
      return null;
    }
  }
}
