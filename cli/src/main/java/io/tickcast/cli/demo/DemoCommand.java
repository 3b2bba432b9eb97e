package io.tickcast.cli.demo;

import io.tickcast.cli.Durations;
import io.tickcast.cli.ShutdownSignal;
import io.tickcast.cli.replay.CsvTicks;
import io.tickcast.cli.replay.Rate;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.trainer.TrainCommand;
import io.tickcast.trainer.options.BootstrapOption;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tickcast demo}: the whole system on real data in one command; see {@link DemoRun}.
 * Defaults replay the S&P 500 closes of {@code data/sp500.csv} (bundled in the checkout and in
 * the release archive) as symbol {@code SPX}, one tick per trading day at 500 ticks/s. {@code
 * --symbols DAX,SMI,CAC} replays those columns of a wide CSV (default {@code data/eustock.csv})
 * as three symbols through one model trained on all of them ({@code trainer/config/eustock.json}
 * by default), and the summary and the chart show every symbol.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs everything on one machine: an embedded Kafka broker, a quickly trained "
        + "LSTM, the stream app, a replay of the S&P 500 closes as ticks and a consumer of the "
        + "forecasts; prints live progress and a summary and draws the streamed forecasts over "
        + "the true prices (PNG). Stops everything at the end."},
    footer = {"", "Examples:", "  tickcast demo",
        "  tickcast demo --symbols 10 --rate 2000/s",
        "  tickcast demo --symbols DAX,SMI,CAC        (the European indices of data/eustock.csv,"
            + " one model for all three)",
        "  tickcast demo --model out/demo/models      (reuse the model of an earlier run)"})
public final class DemoCommand implements Callable<Integer> {
  /** System property with the Tickcast home (the checkout or the unpacked archive), set by the launcher. */
  public static final String HOME_PROPERTY = "tickcast.home";
  /** Most symbols the summary lists one by one. */
  static final int PER_SYMBOL_TABLE_MAX = 20;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "CSV",
      description = "price series CSV (default: data/sp500.csv of the Tickcast home; with"
          + " --symbols NAMES data/eustock.csv)")
  Path data;

  @Option(names = "--column", paramLabel = "NAME", defaultValue = "Close",
      description = "price column (default: ${DEFAULT-VALUE}); 'value' for a header-less file")
  String column;

  @Option(names = "--time-column", paramLabel = "NAME", defaultValue = "Date",
      description = "event-time column (default: ${DEFAULT-VALUE}; with --symbols NAMES 'none');"
          + " 'none' for one tick per day from 2000-01-03")
  String timeColumn;

  @Option(names = "--time-format", paramLabel = "PATTERN", defaultValue = "dd-MM-yy",
      description = "java.time pattern of --time-column (default: ${DEFAULT-VALUE})")
  String timeFormat;

  @Option(names = "--symbol", paramLabel = "SYMBOL", defaultValue = "SPX",
      description = "symbol of the replayed series (default: ${DEFAULT-VALUE})")
  String symbol;

  @Option(names = {"-m", "--model"}, paramLabel = "DIR",
      description = "serve this model artifact (or the newest under DIR) instead of training")
  Path model;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out/demo",
      description = "where the trained model and the chart go (default: ${DEFAULT-VALUE})")
  Path output;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "trainer config (default: trainer/config/sp500.json, the S&P 500 default;"
          + " with --symbols NAMES trainer/config/eustock.json)")
  Path config;

  @Option(names = "--epochs", paramLabel = "N",
      description = "most training epochs (default: the config's; early stopping applies)")
  Integer epochs;

  @Option(names = "--train-rows", paramLabel = "N", defaultValue = "" + TrainCommand.QUICK_ROWS,
      description = "train on the first N rows (default: ${DEFAULT-VALUE}); later ticks are "
          + "unseen by the model")
  int trainRows;

  @Option(names = "--rate", paramLabel = "RATE", defaultValue = "500/s",
      converter = Rate.Converter.class,
      description = "replay pace, all symbols together: " + Rate.FORMS
          + " (default: ${DEFAULT-VALUE})")
  Rate rate;

  @Option(names = "--symbols", paramLabel = "N|NAMES", defaultValue = "1",
      description = "N: replay N symbols, SPX and scaled copies SPX-2 (x1.1), SPX-3 (x1.2), ..."
          + " (default: ${DEFAULT-VALUE}); NAMES (e.g. DAX,SMI,CAC): replay these price columns"
          + " of a wide CSV as their own symbols through one model trained on all of them")
  String symbols;

  @Option(names = "--limit", paramLabel = "N",
      description = "replay only the first N rows of the file")
  Integer limit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "avro",
      description = "wire format of ticks and forecasts: avro or json (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "partitions of the demo's topics (default: ${DEFAULT-VALUE})")
  int partitions;

  /** An existing Kafka cluster (fresh topic names per run) instead of an embedded broker. */
  @Mixin BootstrapOption bootstrap;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
      converter = Durations.class,
      description = "give up waiting for forecasts after this long without one "
          + "(default: ${DEFAULT-VALUE})")
  Duration idleTimeout;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "0",
      description = "stream app HTTP port (/metrics); 0 picks a free one, -1 disables "
          + "(default: ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--batch-max-size", paramLabel = "N", defaultValue = "256",
      description = "most windows per inference call of the stream app "
          + "(default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--batch-max-delay", paramLabel = "DURATION", defaultValue = "500ms",
      converter = Durations.class,
      description = "longest a window waits for a fuller batch (default: ${DEFAULT-VALUE}); "
          + "longer fills batches when ticks arrive faster than inference")
  Duration batchDelay;

  /** The default data file: {@code data/sp500.csv} of the Tickcast home. */
  static Path defaultData() {
    return home().resolve("data/sp500.csv");
  }

  /** The default data file of named symbols: {@code data/eustock.csv} of the Tickcast home. */
  static Path defaultManyData() {
    return home().resolve("data/eustock.csv");
  }

  /**
   * The default trainer config, if present: {@code trainer/config/sp500.json} in a checkout,
   * {@code config/sp500.json} in the release archive.
   */
  static Path defaultConfig() {
    return shippedConfig("sp500.json");
  }

  /**
   * The default trainer config of named symbols, if present: {@code eustock.json} (the network
   * alone: a model of many symbols fits no ensemble).
   */
  static Path defaultManyConfig() {
    return shippedConfig("eustock.json");
  }

  /** {@code trainer/config/NAME} in a checkout, {@code config/NAME} in the archive, or null. */
  private static Path shippedConfig(String name) {
    for (String candidate : List.of("trainer/config/" + name, "config/" + name)) {
      Path file = home().resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  private static Path home() {
    return Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
  }

  /** The options as a {@link DemoRun.Options}. */
  DemoRun.Options options() {
    Rate pace = rate;
    WireFormat wire;
    try {
      wire = WireFormat.fromConfig(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<String> columns = columns();
    boolean named = !columns.isEmpty();
    if (named && matched("--column")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--column names one price"
          + " column, --symbols " + symbols + " several; give one of them");
    }
    // Named symbols: eustock.csv's 'day' is a counter, not a date, so one tick per day by default.
    String time = named && !matched("--time-column") ? "none" : timeColumn;
    CsvTicks.Timing timing = time.equalsIgnoreCase("none")
        ? CsvTicks.Timing.fixedStep(Instant.parse("2000-01-03T00:00:00Z"), Duration.ofDays(1))
        : CsvTicks.Timing.fromColumn(time, timeFormat);
    String col = named || column.equals("value") ? null : column;
    Path series = data != null ? data : named ? defaultManyData() : defaultData();
    if (!Files.isRegularFile(series)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "data file " + series
          + " does not exist; pass --data CSV (a price series such as data/sp500.csv of the "
          + "Tickcast checkout or release archive)");
    }
    Path trainerConfig = config != null ? config : named ? defaultManyConfig() : defaultConfig();
    try {
      return new DemoRun.Options(series, col, timing, symbol, model, output, trainerConfig,
          epochs, trainRows, pace, named ? columns.size() : Integer.parseInt(symbols), limit,
          wire, partitions, bootstrap.value().orElse(null), idleTimeout, httpPort, batchSize, batchDelay,
          System.console() != null, columns);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The named symbols of {@code --symbols NAMES} (distinct, in order); empty for {@code
   * --symbols N}.
   */
  private List<String> columns() {
    if (symbols.strip().matches("[0-9]+")) {
      return List.of();
    }
    List<String> names = new java.util.ArrayList<>();
    for (String name : symbols.split(",")) {
      String n = name.strip();
      if (n.isEmpty() || names.contains(n)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--symbols takes a count"
            + " (e.g. 3) or distinct column names separated by commas (e.g. DAX,SMI,CAC), got '"
            + symbols + "'");
      }
      names.add(n);
    }
    return List.copyOf(names);
  }

  private boolean matched(String option) {
    return spec.commandLine().getParseResult() != null
        && spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** Runs the demo; Ctrl-C stops it early and still shuts everything down. */
  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    DemoRun.Options o = options();
    // On Ctrl-C, run() sees the signal and stops the app and the broker within the grace.
    try (ShutdownSignal stop = ShutdownSignal.install("tickcast-demo-stop", Duration.ofSeconds(60))) {
      DemoRun.Result r = DemoRun.run(o, out, stop);
      out.println("[5/5] summary (from the records consumed from " + r.forecastsTopic() + "):");
      out.println(r.summary().render());
      if (r.summary().symbols() > 1 && r.summary().symbols() <= PER_SYMBOL_TABLE_MAX) {
        out.println("  per symbol (next-step RMSE in price units; ratio = RMSE / persistence"
            + " RMSE; online next-step coverage):");
        out.println(DemoSummary.renderBySymbol(DemoSummary.bySymbol(r.sent(), r.received()),
            r.windowLength()));
      }
      r.unseen().flatMap(DemoSummary::nextStep).ifPresent(m -> out.printf(Locale.ROOT,
          "  %-26s%s%n", "next-step RMSE, unseen", DemoSummary.accuracy(m)));
      if (r.trainedRows() >= r.summary().ticksSent() / Math.max(1, r.summary().symbols())) {
        out.printf(Locale.ROOT, "  (the model was fit on the first %d rows, which hold every"
            + " replayed tick: no tick was unseen)%n", r.trainedRows());
      } else if (r.trainedRows() > 0) {
        out.printf(Locale.ROOT, "  (the model was fit on the first %d rows only; the ticks"
            + " after them are data it has never seen)%n", r.trainedRows());
      }
      double rate = o.rate().ticksPerSecond();
      if (r.summary().forecastsPerSecond() < 0.8 * Math.min(rate, Double.MAX_VALUE)) {
        out.printf(Locale.ROOT, "  note: ticks arrived at %s, faster than the %.1f forecasts/s"
            + " inference kept up with, so the latency above is mostly queueing; for the"
            + " steady-state latency replay slower, e.g. --rate %d/s%n", o.rate(),
            r.summary().forecastsPerSecond(),
            Math.max(1, (int) (r.summary().forecastsPerSecond() / 2)));
      }
      out.println("  charts: " + r.chart().toAbsolutePath().normalize());
      out.println("          " + r.tailChart().toAbsolutePath().normalize());
      out.println("  model: " + r.modelDir().toAbsolutePath().normalize()
          + (o.model() == null ? "  (reuse it with --model)" : ""));
      out.printf(Locale.ROOT, "done in %.1f s; broker, stream app and clients stopped.%n",
          r.elapsed().toMillis() / 1000.0);
      out.flush();
      boolean complete = r.summary().distinctForecasts() >= r.expectedForecasts();
      return stop.getAsBoolean() || complete ? 0 : 1;
    }
  }
}
