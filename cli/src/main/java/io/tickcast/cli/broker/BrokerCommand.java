package io.tickcast.cli.broker;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.cli.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickcast broker}: runs a single-node KRaft Kafka broker in this process until Ctrl-C,
 * for people without a Kafka cluster.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs a local single-node Kafka broker (KRaft) until Ctrl-C.",
    footer = {"", "Example:", "  tickcast broker --port 9092 --data-dir kafka-data"})
public final class BrokerCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "9092",
      description = "client port on localhost; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "keep the broker's data in this new or empty directory (kept after exit); "
          + "default: a temporary directory removed on exit")
  Path dataDir;

  @Option(names = "--topics", paramLabel = "TOPIC", split = ",",
      defaultValue = Topics.TICKS + "," + Topics.FORECASTS + "," + Topics.DEAD_LETTER,
      description = "topics to create at start (default: ${DEFAULT-VALUE})")
  List<String> topics;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "partitions per created topic (default: ${DEFAULT-VALUE})")
  int partitions;

  /** Starts the broker and blocks until the process is asked to stop. */
  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder().port(port);
    if (dataDir != null) {
      builder.dataDir(dataDir);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    EmbeddedKafkaCluster kafka = builder.start();
    Thread hook = new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "tickcast-broker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (!topics.isEmpty()) {
      kafka.createTopics(partitions, topics.toArray(String[]::new));
    }
    out.println("Kafka broker ready at " + kafka.bootstrapServers()
        + " (data in " + kafka.dataDir() + ")");
    if (!topics.isEmpty()) {
      out.println("topics: " + String.join(", ", topics) + " (" + partitions + " partitions each)");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
