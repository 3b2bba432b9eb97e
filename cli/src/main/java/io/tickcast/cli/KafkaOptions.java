package io.tickcast.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a Kafka cluster (a picocli mixin). */
public final class KafkaOptions {
  @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
      defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
      description = "extra Kafka client property, e.g. -X security.protocol=SSL (repeatable)")
  Map<String, String> properties = new LinkedHashMap<>();

  /** The bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Extra client properties given with {@code -X}. */
  public Map<String, Object> properties() {
    return new LinkedHashMap<>(properties);
  }
}
