package io.tickcast.cli.model;

import io.tickcast.cli.Topics;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.schemas.ModelRecord;
import io.tickcast.streams.models.ModelPublisher;
import io.tickcast.streams.models.ModelRecordException;
import io.tickcast.streams.models.ModelRecords;
import io.tickcast.streams.models.ModelTopic;
import io.tickcast.streams.models.ModelTopicReader;
import io.tickcast.streams.models.ModelTopicReader.Entry;
import io.tickcast.testkit.TempDirs;
import io.tickcast.trainer.options.KafkaOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickcast model}: publishes, lists and rolls back models on the compacted models topic
 * that stream-app instances with {@code tickcast.model.topic.enable=true} follow.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Ships models through the models topic: publish, list, rollback;"
        + " export-onnx writes an artifact's model.onnx.",
    subcommands = {ModelCommand.Publish.class, ModelCommand.ListModels.class,
        ModelCommand.Rollback.class, ModelCommand.ExportOnnx.class},
    footer = {"", "Examples:",
        "  tickcast model publish models/sp500-20240101 --name sp500",
        "  tickcast model export-onnx models/sp500-20240101",
        "  tickcast model list --name sp500",
        "  tickcast model rollback 3f2a9c1b --name sp500"})
public final class ModelCommand implements Runnable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options of every model subcommand. */
  static final class TopicOptions {
    @Mixin KafkaOptions kafka;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = Topics.MODELS,
        description = "the models topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = ModelTopic.DEFAULT_NAME,
        description = "model name, the record key instances follow (tickcast.model.name;"
            + " default: ${DEFAULT-VALUE})")
    String name;

    List<Entry> entries() {
      try (ModelTopicReader r = new ModelTopicReader(kafka.bootstrapServers(), kafka.properties(),
          topic, TIMEOUT)) {
        return ModelTopicReader.entries(r.readToEnd(TIMEOUT));
      }
    }

    RecordMetadata publish(ModelRecord r) {
      try (ModelPublisher p = new ModelPublisher(kafka.bootstrapServers(), kafka.properties(),
          topic)) {
        return p.publish(r);
      }
    }
  }

  private static String shortVersion(String v) {
    return v.length() > 12 ? v.substring(0, 12) : v;
  }

  /** Loads a record with core's loader in a scratch directory, as an instance would. */
  private static LoadedModel check(ModelRecord r) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("tickcast-model-check-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
    try {
      return ModelRecords.load(r, scratch);
    } finally {
      TempDirs.deleteRecursively(scratch);
    }
  }

  /** {@code tickcast model publish DIR}. */
  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = {"Validates an artifact directory (or the newest artifact under it) with the"
          + " loader the stream app uses and publishes it as the model to serve; the topic is"
          + " created when missing (1 partition, compacted)."})
  static final class Publish implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin TopicOptions options;

    @Parameters(paramLabel = "DIR", description = "model artifact directory (model.zip, model.json)")
    Path dir;

    @Override
    public Integer call() {
      Path artifact = artifactIn(dir);
      LoadedModel model = ModelArtifact.load(artifact);
      ModelRecord r = ModelRecords.fromDirectory(ModelTopic.checkName(options.name), artifact,
          "publish " + artifact.toAbsolutePath());
      if (!r.getModelVersion().equals(model.version())) {
        throw new IllegalStateException("artifact " + artifact + " changed while publishing");
      }
      ModelTopic.ensure(options.kafka.bootstrapServers(), options.kafka.properties(),
          options.topic, Optional.empty());
      RecordMetadata at = options.publish(r);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("published model %s version %s (%d files, %d bytes) to %s at offset %d%n",
          r.getName(), r.getModelVersion(), r.getFiles().size(), ModelRecords.size(r),
          options.topic, at.offset());
      out.flush();
      return 0;
    }
  }

  /** {@code tickcast model export-onnx DIR}: model.onnx for an artifact written without it. */
  @Command(name = "export-onnx", mixinStandardHelpOptions = true,
      description = {"Writes model.onnx into an artifact directory (or the newest artifact under"
          + " it): the network as an ONNX graph with the standard LSTM operator, input 'window'"
          + " float [batch, W, F] normalised as model.json says, output 'next' float [batch, 1]."
          + " The file is checked against DL4J's outputs (1e-5, normalised) before it is written;"
          + " model.json records its SHA-256. The network and the model version are unchanged."})
  static final class ExportOnnx implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "model artifact directory (model.zip, model.json)")
    Path dir;

    @Override
    public Integer call() {
      Path artifact = artifactIn(dir);
      Path onnx = ModelArtifact.exportOnnx(artifact);
      LoadedModel model = ModelArtifact.load(artifact);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("wrote %s (%d bytes, SHA-256 %s) for model version %s%n", onnx,
          onnx.toFile().length(), shortVersion(model.metadata().onnxSha256()),
          shortVersion(model.version()));
      out.flush();
      return 0;
    }
  }

  /** {@code tickcast model list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Lists the name's records on the models topic, oldest first: offset, key,"
          + " version, action, time, size, W/H/features, and whether the record is intact"
          + " (decodes, sizes and SHA-256 checksums match). '*' marks the newest intact record,"
          + " the one instances serve when it loads and fits the running model."})
  static final class ListModels implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin TopicOptions options;

    @Override
    public Integer call() {
      List<Entry> entries = options.entries().stream()
          .filter(e -> ModelTopic.belongsTo(e.key(), options.name)).toList();
      PrintWriter out = spec.commandLine().getOut();
      long newest = entries.stream().filter(Entry::intact).mapToLong(Entry::offset).max()
          .orElse(-1);
      out.printf("%-1s %7s  %-14s %-12s %-8s %-24s %9s  %s%n", "", "offset", "key", "version",
          "action", "published", "bytes", "model / state");
      for (Entry e : entries) {
        String key = e.key().equals(options.name) ? e.key() : options.name + "@...";
        if (!e.intact()) {
          out.printf("%-1s %7d  %-14s %-12s %-8s %-24s %9s  %s: %s%n", "", e.offset(), key, "?",
              "?", Instant.ofEpochMilli(e.timestamp()), "?", e.reason().code(), e.problem());
          continue;
        }
        ModelRecord r = e.record();
        ModelMetadata m = ModelRecords.metadata(r);
        String shape = m == null ? "metadata unreadable"
            : "W=" + m.windowLength() + " H=" + m.horizon() + " " + m.features();
        out.printf("%-1s %7d  %-14s %-12s %-8s %-24s %9d  %s, intact%n",
            e.offset() == newest ? "*" : "", e.offset(), key, shortVersion(r.getModelVersion()),
            r.getAction(), r.getPublishedAt(), ModelRecords.size(r), shape);
      }
      if (entries.isEmpty()) {
        out.println("(no records of model " + options.name + " on " + options.topic + ")");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code tickcast model rollback VERSION}. */
  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = {"Publishes an earlier version again as the model to serve, from the"
          + " newest retained record of that version (its name@version history record)."})
  static final class Rollback implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin TopicOptions options;

    @Parameters(paramLabel = "VERSION",
        description = "the model version, or a unique prefix of at least 6 characters")
    String version;

    @Override
    public Integer call() {
      if (version.length() < 6) {
        throw new IllegalArgumentException("give at least 6 characters of the version");
      }
      List<Entry> entries = options.entries();
      long distinct = entries.stream().filter(Entry::intact)
          .filter(e -> ModelTopic.belongsTo(e.key(), options.name))
          .map(e -> e.record().getModelVersion()).filter(v -> v.startsWith(version))
          .distinct().count();
      if (distinct > 1) {
        throw new IllegalArgumentException("version prefix " + version + " matches " + distinct
            + " versions of " + options.name + "; give more characters");
      }
      Entry old = ModelTopicReader.newestOf(entries, options.name, version).orElseThrow(() ->
          new IllegalArgumentException("no intact record of model " + options.name + " version "
              + version + " on " + options.topic + " (see: tickcast model list)"));
      try {
        check(old.record());
      } catch (ModelRecordException e) {
        throw new IllegalArgumentException("version " + version + " cannot be served: "
            + e.getMessage(), e);
      }
      RecordMetadata at = options.publish(ModelRecords.republish(old.record(),
          ModelRecords.ROLLBACK, "rollback to the record at offset " + old.offset()));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("rolled model %s back to version %s (record of offset %d) on %s at offset %d%n",
          options.name, old.record().getModelVersion(), old.offset(), options.topic, at.offset());
      out.flush();
      return 0;
    }
  }

  /**
   * The artifact in {@code dir}, or the newest under it.
   *
   * @throws IllegalArgumentException naming the directory if it holds none
   */
  private static Path artifactIn(Path dir) {
    return ModelArtifact.latest(dir).orElseThrow(() -> new IllegalArgumentException(
        "no model artifact (model.json + model.zip) in " + dir));
  }
}
