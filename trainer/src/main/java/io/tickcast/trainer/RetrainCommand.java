package io.tickcast.trainer;

import io.tickcast.core.series.MultiSeries;
import io.tickcast.streams.models.ModelTopic;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.retrain.RetrainGate;
import io.tickcast.trainer.retrain.Retrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code retrain}: trains a challenger on recent history (the ticks topic or a CSV, many
 * symbols), scores it and the serving champion (the models topic's newest record of the name)
 * on the same latest held-out ticks and publishes it only when it passes {@link
 * RetrainGate#RULE}; the decision, with both scores, is logged, printed and stored in the
 * challenger's {@code model.json} ({@code evaluation.retrain}).
 *
 * <p>Exit codes: 0 decided (published or not: a kept champion is a normal outcome for a
 * scheduled job); 2 bad option or config; 1 bad data, unreachable broker or another failure.
 */
@Command(name = "retrain", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = TrainCommand.Version.class,
    description = {"Trains a challenger on recent history, scores it and the serving champion on"
        + " the same latest held-out ticks, and publishes it to the models topic only when its"
        + " mean Theil's U over horizons 1..H is at most the champion's and a Diebold-Mariano"
        + " test at h=1 does not find it significantly worse at 5%."},
    footer = {"", "Example:", "  retrain --from-topic tickcast.ticks -b kafka:9092"
        + " --config trainer/config/sp500.json --recent 2000"})
public final class RetrainCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "trainer JSON config; default: the tutorial's settings")
  Path config;

  @Option(names = "--from-topic", paramLabel = "TOPIC",
      description = "train on the ticks topic (read_committed to its end offsets), e.g."
          + " tickcast.ticks")
  String fromTopic;

  @Option(names = {"-d", "--data"}, paramLabel = "CSV",
      description = "or train on a CSV: long (symbol,time,price[,volume]) or wide with --symbols")
  Path data;

  @Option(names = "--symbols", paramLabel = "SYM", split = ",",
      description = "symbols to train on (a wide CSV's columns; '*' for all); default: all of a"
          + " topic or long CSV")
  List<String> symbols;

  @Option(names = "--column", paramLabel = "NAME", split = ",",
      description = "model columns: price (default) or price,volume")
  List<String> columns;

  @Option(names = "--until", paramLabel = "TIME",
      description = "with --from-topic: keep ticks up to this time (ISO-8601 or epoch ms)")
  String until;

  @Option(names = "--tick-format", paramLabel = "FORMAT", defaultValue = "avro",
      description = "wire format of the ticks topic (default: ${DEFAULT-VALUE})")
  String tickFormat;

  @Option(names = "--recent", paramLabel = "N",
      description = "train and score on each symbol's last N ticks only; default: all")
  Integer recent;

  @Option(names = "--epochs", paramLabel = "N", description = "training epochs (the most)")
  Integer epochs;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "models",
      description = "directory for the challenger's artifact (default: ${DEFAULT-VALUE})")
  Path output;

  @picocli.CommandLine.Mixin io.tickcast.trainer.options.KafkaOptions kafkaOptions;

  @Option(names = "--models-topic", paramLabel = "TOPIC", defaultValue = ModelTopic.DEFAULT_TOPIC,
      description = "the models topic (default: ${DEFAULT-VALUE})")
  String modelsTopic;

  @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = ModelTopic.DEFAULT_NAME,
      description = "model name instances follow (default: ${DEFAULT-VALUE})")
  String name;

  /** Retrains and prints the decision; see the class comment for exit codes. */
  @Override
  public Integer call() {
    if ((data == null) == (fromTopic == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --from-topic TOPIC or --data CSV");
    }
    if (recent != null && recent < 2) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--recent must be >= 2");
    }
    PrintWriter out = spec.commandLine().getOut();
    TrainerConfig c = config == null ? TrainerConfig.defaults() : TrainerConfig.load(config);
    if (epochs != null) {
      c = c.withTraining(c.training().withEpochs(epochs));
    }
    c = c.validate();
    Map<String, Object> kafka = kafkaOptions.properties();
    String bootstrapServers = kafkaOptions.bootstrapServers();
    List<String> features = TrainCommand.features(columns);
    MultiSeries series;
    String sha256 = null;
    if (fromTopic != null) {
      Map<String, Object> consumer = new LinkedHashMap<>(kafka);
      consumer.put("bootstrap.servers", bootstrapServers);
      series = TrainCommand.readTopic(out, fromTopic, symbols, consumer, tickFormat, c, features,
          TrainCommand.untilTime(spec, until));
    } else {
      if (!Files.isRegularFile(data)) {
        throw new IllegalArgumentException("data file " + data + " does not exist");
      }
      series = TrainCommand.readCsv(data, symbols);
      sha256 = Trainer.sha256(data);
    }
    if (recent != null) {
      series = series.lastRows(recent);
    }
    Retrainer.Outcome o = Retrainer.run(new Retrainer.Models(bootstrapServers, kafka,
        modelsTopic, name, Duration.ofSeconds(30)), c, series, features, sha256, output);
    RetrainGate.Decision d = o.decision();
    out.println(d.summary());
    out.println("rule: " + RetrainGate.RULE);
    out.printf(Locale.ROOT, "%-8s %12s %12s%n", "horizon", "challenger U", "champion U");
    for (int h = 0; h < d.challengerTheilU().size(); h++) {
      out.printf(Locale.ROOT, "%-8d %12.4f %12s%n", h + 1, d.challengerTheilU().get(h),
          d.championTheilU().isEmpty() ? "-"
              : String.format(Locale.ROOT, "%.4f", d.championTheilU().get(h)));
    }
    out.println("challenger " + o.challengerDir().toAbsolutePath().normalize()
        + (d.publish() ? " published to " + modelsTopic + " at offset " + o.publishedOffset()
            : " not published"));
    out.flush();
    return 0;
  }

  /** A {@link CommandLine} for this command with {@link TrainCommand}'s error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RetrainCommand());
    cl.setExecutionExceptionHandler(TrainCommand.commandLine().getExecutionExceptionHandler());
    return cl;
  }
}
