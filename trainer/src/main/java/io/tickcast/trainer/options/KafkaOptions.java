package io.tickcast.trainer.options;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a Kafka cluster (a picocli mixin). */
public final class KafkaOptions {
  /** The cluster used without {@code -b}. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  @Mixin BootstrapOption bootstrap;

  @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
      description = "extra Kafka client property, e.g. -X security.protocol=SSL (repeatable)")
  Map<String, String> properties = new LinkedHashMap<>();

  /** The bootstrap servers, {@value #DEFAULT_BOOTSTRAP_SERVERS} without {@code -b}. */
  public String bootstrapServers() {
    return bootstrap.value().orElse(DEFAULT_BOOTSTRAP_SERVERS);
  }

  /** Extra client properties given with {@code -X}. */
  public Map<String, Object> properties() {
    return new LinkedHashMap<>(properties);
  }
}
