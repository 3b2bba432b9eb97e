package io.tickcast.trainer;

import io.tickcast.core.baseline.Baselines;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.series.PriceSeries;
import io.tickcast.trainer.chart.BaselineChart;
import io.tickcast.trainer.evaluate.BaselineComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores an existing model artifact on any price series against the standard baselines: the
 * model's H-step paths (its stored roll-forward variant, through the core {@code Forecaster})
 * from every window whose next-step target is at or after {@code fromRow}, the baselines fitted
 * on the rows before {@code fromRow}. On the model's own training file with {@code fromRow} its
 * held-out start, this is the trainer's held-out comparison.
 */
public final class ModelEvaluator {
  private ModelEvaluator() {}

  /**
   * What {@link #run} produced.
   *
   * @param comparison the model and baselines per horizon
   * @param fromRow the first scored target row
   * @param table the printed tables
   * @param text the file holding {@code table}
   * @param json the comparison as JSON (same layout as {@code evaluation.baselines.heldOut})
   * @param chart U by horizon, one line per forecaster
   */
  public record Result(BaselineComparison comparison, int fromRow, String table, Path text,
      Path json, Path chart) {}

  /**
   * Evaluates.
   *
   * @param modelDir a model artifact directory
   * @param csv the series
   * @param columns the CSV columns to feed the model's features, in its input order; {@code
   *     null} or empty: the model's own feature names
   * @param fromRow first target row scored (0-based data row); {@code null}: the model's
   *     held-out start when {@code csv} is its training file (same SHA-256), else the middle row
   * @param outputDir where {@code <csv name>-from-<row>.txt/.json/.png} are written (created)
   * @return the comparison and the files written
   * @throws io.tickcast.core.model.ModelLoadException if the model cannot be loaded
   * @throws io.tickcast.core.series.SeriesFormatException if the CSV is missing or malformed
   * @throws IllegalArgumentException if the columns do not match the model's features or {@code
   *     fromRow} leaves no window before it or no target at or after it
   * @throws UncheckedIOException if an output file cannot be written
   */
  public static Result run(Path modelDir, Path csv, List<String> columns, Integer fromRow,
      Path outputDir) {
    LoadedModel model = ModelArtifact.load(modelDir);
    ModelMetadata meta = model.metadata();
    List<String> read = columns == null || columns.isEmpty() ? meta.features() : columns;
    if (read.size() != meta.features().size()) {
      throw new IllegalArgumentException("the model reads " + meta.features().size()
          + " column(s) " + meta.features() + "; --column names " + read.size() + ": " + read);
    }
    PriceSeries series = CsvSeriesReader.read(csv, read);
    double[][] rows = series.rows();
    int w = meta.windowLength();
    int from = fromRow != null ? fromRow : defaultFromRow(meta, csv, rows.length);
    if (from < w || from >= rows.length) {
      throw new IllegalArgumentException("--from-row " + from + " must be in [" + w + ", "
          + (rows.length - 1) + "]: the first target needs a full window of " + w
          + " rows before it, and " + series.source() + " has " + rows.length + " rows");
    }
    BaselineComparison c = BaselineComparison.tail("rows " + from + ".." + (rows.length - 1)
            + " of " + series.source(),
        new Dl4jSequenceModel(model.network(), meta.features().size()), meta.forecastSpec(),
        rows, from - w, Baselines.standard());
    String table = String.format(java.util.Locale.ROOT,
        "model %s (window %d, horizon %d, roll-forward %s) on %s, %s%n",
        meta.modelVersion().substring(0, 12), w, meta.horizon(), meta.rollForward(),
        series.source(), read)
        + c.table(BaselineComparison.shownHorizons(meta.horizon()));
    String base = series.source().replaceAll("\\.csv$", "") + "-from-" + from;
    try {
      Files.createDirectories(outputDir);
      Path text = Files.writeString(outputDir.resolve(base + ".txt"), table);
      Path json = outputDir.resolve(base + ".json");
      ModelArtifact.json().writerWithDefaultPrettyPrinter()
          .writeValue(json.toFile(), c.toJson(ModelArtifact.json()));
      Path chart = BaselineChart.write(outputDir.resolve(base + ".png"), series.source(),
          List.of(c));
      return new Result(c, from, table, text, json, chart);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation under " + outputDir, e);
    }
  }

  private static int defaultFromRow(ModelMetadata meta, Path csv, int rows) {
    ModelMetadata.TrainingData td = meta.trainingData();
    if (td != null && td.sha256() != null) {
      try {
        if (td.sha256().equals(ModelArtifact.sha256(Files.readAllBytes(csv)))) {
          return td.testFromRow();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + csv, e);
      }
    }
    return Math.max(meta.windowLength(), rows / 2);
  }
}
