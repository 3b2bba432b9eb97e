package io.tickcast.trainer;

import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.series.PriceSeries;
import io.tickcast.trainer.config.ConfigException;
import io.tickcast.trainer.config.DataConfig;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.config.TrainingConfig;
import io.tickcast.trainer.search.SearchCandidate;
import io.tickcast.trainer.search.SearchReport;
import io.tickcast.trainer.search.SearchResult;
import io.tickcast.trainer.search.SearchRunner;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code search}: a grid search over normalisation, window length, LSTM layer sizes, dropout,
 * epochs and learning rate. Each candidate trains on the rows before a common held-out tail and
 * is scored there in price units against persistence; the results go to {@code search.csv} and
 * {@code search.md} under {@code --output} (rewritten after every candidate). No model artifact
 * is written.
 *
 * <p>Exit codes: 0 done; 2 bad option or config; 1 bad data or I/O.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = TrainCommand.Version.class,
    description = {"Grid search over normalisation, window, layer sizes, dropout, epochs and"
        + " learning rate; writes a results table (CSV and Markdown) with the held-out next-step"
        + " Theil's U, the Diebold-Mariano p-value against persistence, the mean U over"
        + " horizons 1..H and the training time."},
    footer = {"", "Example:", "  search --config trainer/config/sp500.json --data "
        + "data/sp500.csv --normalisation first-price,last-price --window 20,50 "
        + "--layers 32,50-100 --epochs 10 --patience 3 --output search"})
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "base JSON config (batch size, seed, horizon, validation, optimiser)")
  Path config;

  @Option(names = {"-d", "--data"}, required = true, paramLabel = "CSV",
      description = "price series CSV")
  Path data;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "search",
      description = "directory for search.csv and search.md (default: ${DEFAULT-VALUE})")
  Path output;

  @Option(names = "--normalisation", paramLabel = "MODE", split = ",",
      description = "modes to try (default: the config's)")
  List<String> normalisations;

  @Option(names = "--window", paramLabel = "W", split = ",",
      description = "window lengths to try (default: the config's)")
  List<Integer> windows;

  @Option(names = "--layers", paramLabel = "UNITS", split = ",",
      description = "stacked LSTM sizes to try, e.g. 32,50-100 (default 50-100)")
  List<String> layers;

  @Option(names = "--dropout", paramLabel = "RATE", split = ",",
      description = "dropout rates after each LSTM (0: none; default 0.2)")
  List<Double> dropouts;

  @Option(names = "--epochs", paramLabel = "N", split = ",",
      description = "maximum epochs to try (default: the config's)")
  List<Integer> epochs;

  @Option(names = "--learning-rate", paramLabel = "LR", split = ",",
      description = "learning rates to try (default: the config's)")
  List<Double> learningRates;

  @Option(names = "--patience", paramLabel = "N",
      description = "early stopping patience for every candidate")
  Integer patience;

  @Option(names = "--max-rows", paramLabel = "N", description = "read only the first N rows")
  Integer maxRows;

  @Option(names = "--held-out-window", paramLabel = "W",
      description = "fix the held-out tail as the last (1 - trainTestSplit) of the windows of"
          + " length W (default: the grid's longest window), so that separate searches score the"
          + " same rows")
  Integer heldOutWindow;

  @Option(names = "--path-stride", paramLabel = "K", defaultValue = "5",
      description = "H-step paths from every K-th held-out window (default: ${DEFAULT-VALUE});"
          + " next-step figures use every window")
  int pathStride;

  /** The candidates, in run order (normalisation outermost, learning rate innermost). */
  public List<SearchCandidate> candidates(TrainerConfig base) {
    List<SearchCandidate> out = new ArrayList<>();
    for (String n : or(normalisations, base.data().normalisation())) {
      for (int w : or(windows, base.data().windowLength())) {
        for (String l : or(layers, "50-100")) {
          List<Integer> units;
          try {
            units = SearchCandidate.parseUnits(l);
          } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
          }
          for (double d : or(dropouts, 0.2)) {
            for (int e : or(epochs, base.training().epochs())) {
              for (double lr : or(learningRates, base.model().optimizer().learningRate())) {
                out.add(new SearchCandidate(n, w, units, d, e, lr));
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static <T> List<T> or(List<T> given, T fallback) {
    return given == null || given.isEmpty() ? List.of(fallback) : given;
  }

  /** Runs the grid; see the class comment for exit codes. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainerConfig base = config == null ? TrainerConfig.defaults() : TrainerConfig.load(config);
    TrainingConfig t = base.training();
    if (patience != null) {
      t = t.withEarlyStoppingPatience(patience);
    }
    DataConfig d = base.data();
    if (maxRows != null) {
      d = d.withMaxRows(maxRows);
    }
    base = base.withData(d).withTraining(t).validate();
    if (pathStride < 1) {
      throw new ConfigException("--path-stride", "must be >= 1, was " + pathStride);
    }
    List<SearchCandidate> grid = candidates(base);
    for (SearchCandidate c : grid) {
      c.apply(base); // every candidate's config is valid before anything trains
    }
    PriceSeries series = CsvSeriesReader.read(data, base.data().columns());
    double[][] rows = series.rows();
    if (base.data().maxRows() != null && base.data().maxRows() < rows.length) {
      rows = Arrays.copyOf(rows, base.data().maxRows());
    }
    String target = base.data().target() == null ? series.columns().get(0) : base.data().target();
    int targetColumn = series.columns().indexOf(target);
    int maxWindow = Collections.max(grid.stream().map(SearchCandidate::window).toList());
    if (heldOutWindow != null) {
      if (heldOutWindow < maxWindow) {
        throw new ConfigException("--held-out-window", "must be >= the longest window of the"
            + " grid, " + maxWindow + ", was " + heldOutWindow);
      }
      maxWindow = heldOutWindow;
    }
    int firstTest = SearchRunner.firstTestTargetRow(rows.length, maxWindow,
        base.data().trainTestSplit());
    out.printf(Locale.ROOT, "search: %d candidates on %s (%d rows, target %s); held-out targets"
            + " rows %d..%d for every candidate%n", grid.size(), series.source(), rows.length,
        target, firstTest, rows.length - 1);
    out.flush();
    List<SearchResult> results = new ArrayList<>();
    for (int i = 0; i < grid.size(); i++) {
      SearchCandidate c = grid.get(i);
      SearchResult r = SearchRunner.run(base, c, rows, targetColumn, firstTest, pathStride);
      results.add(r);
      SearchReport.write(output, results, base.data().horizon());
      out.printf(Locale.ROOT, "[%d/%d] %s: U@1 %.4f (DM p %.4f), mean U %.4f, best epoch %d,"
              + " %.0f s%n", i + 1, grid.size(), c.label(), r.theilU1(), r.dmPValue(),
          r.meanTheilU(), r.bestEpoch(), r.trainingSeconds());
      out.flush();
    }
    out.println();
    out.print(SearchReport.markdown(results, base.data().horizon()));
    out.println("results " + output.resolve(SearchReport.CSV).toAbsolutePath().normalize());
    out.println("results " + output.resolve(SearchReport.MARKDOWN).toAbsolutePath().normalize());
    out.flush();
    return 0;
  }

  /**
   * A {@link CommandLine} for this command whose errors are one human line on stderr (exit 1
   * for bad data or I/O, 2 for bad options or config).
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SearchCommand());
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      if (ex instanceof ConfigException) {
        line.getErr().println("search: " + ex.getMessage());
        line.getErr().flush();
        return 2;
      }
      if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException) {
        line.getErr().println("search: " + ex.getMessage());
        line.getErr().flush();
        return 1;
      }
      throw ex;
    });
    return cl;
  }

  /** Runs {@code search} with the given arguments and exits with its code. */
  public static void main(String[] args) {
    TrainCommand.quietLoggingUnlessConfigured();
    System.exit(commandLine().execute(args));
  }
}
