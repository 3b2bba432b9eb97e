package io.tickcast.trainer;

import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.trainer.config.ConfigException;
import io.tickcast.trainer.config.DataConfig;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.config.TrainingConfig;
import io.tickcast.trainer.data.TopicSeriesReader;
import io.tickcast.trainer.fit.TrainingHistory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains the tutorial's LSTM on a CSV price series and writes a model artifact,
 * the evaluation table and charts. Options override the config file, which overrides the
 * tutorial's defaults.
 *
 * <p>Exit codes: 0 trained; 2 bad option or config; 1 bad data or another failure (the message
 * says which file, line or key).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = TrainCommand.Version.class,
    description = {
        "Trains the LSTM forecaster on a CSV price series, evaluates it on the held-out tail in "
            + "price units against the persistence baseline, and writes a model artifact "
            + "(model.zip, model.json), evaluation.txt and PNG charts into a new directory under "
            + "--output."},
    footer = {"", "Example:", "  train --config trainer/config/sp500.json "
        + "--data data/sp500.csv --output models"})
public final class TrainCommand implements Callable<Integer> {
  /** Epochs of the {@code --quick} setting. */
  public static final int QUICK_EPOCHS = 2;
  /** Rows read by the {@code --quick} setting. */
  public static final int QUICK_ROWS = 1500;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "JSON config (the tutorial's config.json equivalent); default: the "
          + "tutorial's settings")
  Path config;

  @Option(names = {"-d", "--data"}, paramLabel = "CSV",
      description = "price series CSV, e.g. data/sp500.csv (or --from-topic)")
  Path data;

  @Option(names = "--from-topic", paramLabel = "TOPIC",
      description = "train on the ticks topic instead of a CSV, e.g. tickcast.ticks: every"
          + " partition read_committed from the beginning to its end offset at the start,"
          + " decoded and validated by the stream app's own code; many symbols as --symbols")
  String fromTopic;

  /** The cluster and consumer properties of {@code --from-topic}. */
  @picocli.CommandLine.Mixin io.tickcast.trainer.options.KafkaOptions kafka;

  @Option(names = "--until", paramLabel = "TIME",
      description = "with --from-topic: keep ticks up to this time (ISO-8601 instant or epoch"
          + " ms); default: all up to the end offsets")
  String until;

  @Option(names = "--tick-format", paramLabel = "FORMAT", defaultValue = "avro",
      description = "wire format of the ticks topic: avro or json (default: ${DEFAULT-VALUE})")
  String tickFormat;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "models",
      description = "directory for model artifacts (default: ${DEFAULT-VALUE})")
  Path output;

  @Option(names = "--column", paramLabel = "NAME", split = ",",
      description = "column(s) to read, in input order, e.g. Close or Close,Volume "
          + "(repeatable); the first is the target unless --target says otherwise")
  List<String> columns;

  @Option(names = "--symbols", paramLabel = "SYM", split = ",",
      description = "train one model on many symbols of a wide CSV (a time column, then one price"
          + " column per symbol, e.g. DAX,SMI,CAC of data/eustock.csv; '*' for every column),"
          + " or keep these symbols of a long CSV (symbol,time,price[,volume], always read as"
          + " many symbols): one cut-off time for all symbols, evaluation per symbol and pooled")
  List<String> symbols;

  @Option(names = "--target", paramLabel = "NAME", description = "the column to forecast")
  String target;

  @Option(names = "--normalisation", paramLabel = "MODE",
      description = "first-price (the tutorial's), last-price or none")
  String normalisation;

  @Option(names = {"--epochs", "--max-epochs"}, paramLabel = "N",
      description = "training epochs (the most, with --patience)")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "windows per gradient step")
  Integer batchSize;

  @Option(names = "--window", paramLabel = "W", description = "window length (ticks)")
  Integer window;

  @Option(names = "--horizon", paramLabel = "H", description = "roll-forward path length (ticks)")
  Integer horizon;

  @Option(names = "--max-rows", paramLabel = "N", description = "read only the first N rows")
  Integer maxRows;

  @Option(names = "--seed", paramLabel = "N", description = "random seed")
  Long seed;

  @Option(names = "--patience", paramLabel = "N",
      description = "early stopping: epochs without a lower validation loss")
  Integer patience;

  @Option(names = "--learning-rate", paramLabel = "LR", description = "optimiser step size")
  Double learningRate;

  @Option(names = "--lr-decay", paramLabel = "G",
      description = "learning-rate schedule: multiply the rate by G (0 < G <= 1) every epoch")
  Double learningRateDecay;

  @Option(names = "--gradient-clip", paramLabel = "C",
      description = "clip every gradient element to [-C, C]")
  Double gradientClip;

  @Option(names = "--walk-forward-folds", paramLabel = "N",
      description = "also evaluate walk-forward: N expanding-window folds over the last 40%% of"
          + " the windows, each retrained (N extra trainings; default off)")
  Integer walkForwardFolds;

  @Option(names = "--quick",
      description = "demo setting: at most " + QUICK_EPOCHS + " epochs on the first "
          + QUICK_ROWS + " rows (tens of seconds on 2 cores)")
  boolean quick;

  @Option(names = "--print-config",
      description = "print the effective config as JSON and exit without training")
  boolean printConfig;

  /**
   * The effective configuration: defaults, then {@code --config}, then the options.
   *
   * @throws ConfigException if the file or an option value is invalid
   */
  public TrainerConfig effectiveConfig() {
    TrainerConfig c = config == null ? TrainerConfig.defaults() : TrainerConfig.load(config);
    DataConfig d = c.data();
    if (columns != null && !columns.isEmpty()) {
      d = d.withColumns(columns);
    }
    if (target != null) {
      d = d.withTarget(target);
    }
    if (normalisation != null) {
      d = d.withNormalisation(normalisation);
    }
    if (window != null) {
      d = d.withWindowLength(window);
    }
    if (horizon != null) {
      d = d.withHorizon(horizon);
    }
    if (maxRows != null) {
      d = d.withMaxRows(maxRows);
    }
    TrainingConfig t = c.training();
    if (epochs != null) {
      t = t.withEpochs(epochs);
    }
    if (batchSize != null) {
      t = t.withBatchSize(batchSize);
    }
    if (seed != null) {
      t = t.withSeed(seed);
    }
    if (patience != null) {
      t = t.withEarlyStoppingPatience(patience);
    }
    if (walkForwardFolds != null) {
      t = t.withWalkForwardFolds(walkForwardFolds);
    }
    if (quick) {
      t = t.withEpochs(Math.min(t.epochs(), QUICK_EPOCHS));
      if (d.maxRows() == null || d.maxRows() > QUICK_ROWS) {
        d = d.withMaxRows(QUICK_ROWS);
      }
    }
    var opt = c.model().optimizer();
    if (learningRate != null) {
      opt = opt.withLearningRate(learningRate);
    }
    if (learningRateDecay != null) {
      opt = opt.withLearningRateDecay(learningRateDecay);
    }
    if (gradientClip != null) {
      opt = opt.withGradientClip(gradientClip);
    }
    return c.withData(d).withTraining(t).withModel(c.model().withOptimizer(opt)).validate();
  }

  /** Trains and prints the evaluation table; see the class comment for exit codes. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainerConfig effective = effectiveConfig();
    if (printConfig) {
      out.println(effective.toJson());
      out.flush();
      return 0;
    }
    if ((data == null) == (fromTopic == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --data CSV or --from-topic TOPIC");
    }
    if (fromTopic != null) {
      return trainMany(out, effective, readTopic(out, fromTopic, symbols, consumerConfig(),
          tickFormat, effective, features(), untilTime()), null);
    }
    if (!Files.isRegularFile(data)) {
      // Bad data, not a bad option: exit 1 like any other unreadable data file.
      throw new IllegalArgumentException("data file " + data + " does not exist; pass --data CSV"
          + " (e.g. data/sp500.csv of the Tickcast checkout or release archive)");
    }
    if (symbols != null || MultiSeriesReader.isLongFormat(data)) {
      return trainMany(out, effective, readCsv(data, symbols), Trainer.sha256(data));
    }
    TrainingResult r = Trainer.run(effective, data, output);
    return printResult(out, r.table(), r.history(), r.elapsedMillis(), r.modelVersion(),
        r.artifactDir(), r.charts());
  }

  /** Prints a finished training's table, times, version, artifact and charts; returns 0. */
  private static int printResult(PrintWriter out, String table, TrainingHistory history,
      long elapsedMillis, String modelVersion, Path artifactDir, List<Path> charts) {
    out.println(table);
    out.printf(Locale.ROOT, "training time %.1f s (%d epochs, best %d), total %.1f s%n",
        history.elapsedMillis() / 1000.0, history.epochsRun(), history.bestEpoch(),
        elapsedMillis / 1000.0);
    out.println("model version " + modelVersion);
    out.println("artifact " + artifactDir.toAbsolutePath().normalize());
    charts.forEach(c -> out.println("chart " + c.toAbsolutePath().normalize()));
    out.flush();
    return 0;
  }

  /**
   * Reads many symbols from the ticks topic ({@link TopicSeriesReader}) and prints what was
   * read and left out.
   *
   * @param symbols the symbols to keep; null or {@code *} for all
   */
  static MultiSeries readTopic(PrintWriter out, String topic, List<String> symbols,
      java.util.Map<String, Object> consumer, String tickFormat, TrainerConfig config,
      List<String> features, java.time.Instant until) {
    TopicSeriesReader.Result read = TopicSeriesReader.read(consumer, topic,
        WireFormat.fromConfig(tickFormat), config.normalisation(),
        features.contains(MultiSeriesReader.VOLUME), until, TOPIC_TIMEOUT);
    MultiSeries series = symbols == null || symbols.equals(List.of("*")) ? read.series()
        : read.series().only(symbols);
    out.printf(Locale.ROOT, "%s: %d records up to end offsets %s, %d ticks of %d symbols,"
            + " left out %s%n", topic, read.records(), read.endOffsets(), series.rows(),
        series.symbols().size(), read.rejected());
    return series;
  }

  /**
   * Reads many symbols from a CSV: a long file always, a wide one's {@code symbols} columns.
   *
   * @param symbols the symbols to keep; null or {@code *} for all
   */
  static MultiSeries readCsv(Path data, List<String> symbols) {
    return MultiSeriesReader.read(data,
        symbols == null || symbols.equals(List.of("*")) ? List.of() : symbols);
  }

  /** The most time {@code --from-topic} spends reading the topic. */
  static final java.time.Duration TOPIC_TIMEOUT = java.time.Duration.ofMinutes(10);

  /** The many-series features: {@code --column} or {@code price}. */
  List<String> features() {
    return features(columns);
  }

  /** {@code columns}, or {@code price} when none are given. */
  static List<String> features(List<String> columns) {
    return columns == null || columns.isEmpty() ? List.of(MultiSeriesReader.PRICE) : columns;
  }

  /** Consumer settings of {@code --from-topic}: bootstrap servers and {@code -X} properties. */
  java.util.Map<String, Object> consumerConfig() {
    java.util.Map<String, Object> c = kafka.properties();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    return c;
  }

  /**
   * {@code --until} as an instant.
   *
   * @throws CommandLine.ParameterException if it is neither epoch ms nor ISO-8601
   */
  java.time.Instant untilTime() {
    return untilTime(spec, until);
  }

  /** {@link #untilTime()} of any command's {@code --until} value. */
  static java.time.Instant untilTime(CommandLine.Model.CommandSpec spec, String until) {
    if (until == null) {
      return null;
    }
    try {
      return java.time.Instant.ofEpochMilli(Long.parseLong(until));
    } catch (NumberFormatException e) {
      try {
        return java.time.Instant.parse(until);
      } catch (java.time.format.DateTimeParseException e2) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--until '" + until
            + "' is neither epoch milliseconds nor an ISO-8601 instant");
      }
    }
  }

  private int trainMany(PrintWriter out, TrainerConfig effective, MultiSeries series,
      String sha256) {
    MultiSeriesTrainer.Result r = MultiSeriesTrainer.run(effective, series, features(), sha256,
        output);
    return printResult(out, r.table(), r.history(), r.elapsedMillis(), r.modelVersion(),
        r.artifactDir(), r.charts());
  }

  /**
   * A {@link CommandLine} for this command whose errors are one human line on stderr (exit 1
   * for bad data or I/O, 2 for bad options or config) instead of a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TrainCommand());
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      if (ex instanceof ConfigException) {
        line.getErr().println("train: " + ex.getMessage());
        line.getErr().flush();
        return 2;
      }
      if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
        line.getErr().println("train: " + ex.getMessage());
        line.getErr().flush();
        return 1;
      }
      throw ex;
    });
    return cl;
  }

  /** Runs {@code train} with the given arguments and exits with its code. */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    quietLoggingUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /**
   * Without a logback configuration, logback prints everything at DEBUG (ND4J is chatty); keep
   * INFO for Tickcast and WARN for the rest. A user's logback.xml wins.
   */
  static void quietLoggingUnlessConfigured() {
    ClassLoader cl = TrainCommand.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null
        || cl.getResource("logback.xml") != null || cl.getResource("logback-test.xml") != null) {
      return;
    }
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.tickcast"))
          .setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }

  /** The Tickcast version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tickcast train " + Trainer.tickcastVersion()};
    }
  }
}
