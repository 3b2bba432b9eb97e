package io.tickcast.trainer.options;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code -b/--bootstrap-servers}, the one definition of the option (a picocli mixin). Without
 * it each command has its own fallback: {@code localhost:9092} for the clients ({@link
 * KafkaOptions}), an embedded broker for {@code demo}, the configuration's for {@code serve}.
 */
public final class BootstrapOption {
  @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Kafka bootstrap servers (without it: localhost:9092; demo: an embedded "
          + "broker; serve: the configuration's)")
  String bootstrapServers;

  /** The servers given, if any. */
  public Optional<String> value() {
    return Optional.ofNullable(bootstrapServers);
  }
}
