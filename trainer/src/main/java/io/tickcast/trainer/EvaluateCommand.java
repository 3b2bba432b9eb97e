package io.tickcast.trainer;

import io.tickcast.core.model.ModelLoadException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: scores an existing model on a CSV series against the baselines (persistence,
 * drift, AR(p), damped Holt), per horizon, as {@link ModelEvaluator} does.
 *
 * <p>Exit codes: 0 evaluated; 2 bad option; 1 a broken model, bad data or another failure (one
 * line on stderr naming the file, row or column).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = TrainCommand.Version.class,
    description = {
        "Scores an existing model on a CSV series against the statistical baselines (persistence,"
            + " random walk with drift, AR(p) on log returns, damped-trend exponential"
            + " smoothing), fitted on the rows before --from-row: RMSE, MAE, Theil's U,"
            + " directional accuracy per horizon and the Diebold-Mariano p-value of the model"
            + " against the best baseline. Writes the table, JSON and a U-by-horizon chart."},
    footer = {"", "Example:", "  evaluate --model models/20250101T000000Z-abcdef123456 "
        + "--data data/eustock.csv --column DAX"})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "DIR",
      description = "model artifact directory (model.zip, model.json)")
  Path model;

  @Option(names = {"-d", "--data"}, required = true, paramLabel = "CSV",
      description = "price series CSV")
  Path data;

  @Option(names = "--column", paramLabel = "NAME", split = ",",
      description = "CSV column(s) fed to the model's features, in its input order (default: the"
          + " model's feature names)")
  List<String> columns;

  @Option(names = "--from-row", paramLabel = "N",
      description = "first scored target row (0-based data row); the baselines are fitted on the"
          + " rows before it (default: the model's held-out start on its own training file,"
          + " else the middle row)")
  Integer fromRow;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "evaluations",
      description = "directory for the table, JSON and chart (default: ${DEFAULT-VALUE})")
  Path output;

  /** Evaluates and prints the table; see the class comment for exit codes. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ModelEvaluator.Result r = ModelEvaluator.run(model, data, columns, fromRow, output);
    out.print(r.table());
    out.println("table " + r.text().toAbsolutePath().normalize());
    out.println("json " + r.json().toAbsolutePath().normalize());
    out.println("chart " + r.chart().toAbsolutePath().normalize());
    out.flush();
    return 0;
  }

  /** A {@link CommandLine} whose expected failures are one line on stderr with exit code 1. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new EvaluateCommand());
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      if (ex instanceof ModelLoadException || ex instanceof IllegalArgumentException
          || ex instanceof UncheckedIOException) {
        line.getErr().println("evaluate: " + ex.getMessage());
        line.getErr().flush();
        return 1;
      }
      throw ex;
    });
    return cl;
  }
}
