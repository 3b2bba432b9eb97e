package io.tickcast.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.baseline.Baselines;
import io.tickcast.core.baseline.Drift;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.model.InputProfile;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.core.window.WindowSet;
import io.tickcast.trainer.chart.BaselineChart;
import io.tickcast.trainer.config.ConfigException;
import io.tickcast.trainer.config.DataConfig;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.data.MultiSeriesWindows;
import io.tickcast.trainer.evaluate.BaselineComparison;
import io.tickcast.trainer.evaluate.HeldOutEvaluation;
import io.tickcast.trainer.evaluate.MultiSeriesEvaluation;
import io.tickcast.trainer.fit.TrainingHistory;
import io.tickcast.trainer.interval.IntervalCalibrator;
import io.tickcast.trainer.interval.IntervalEvaluation;
import io.tickcast.trainer.interval.IntervalScorer;
import io.tickcast.trainer.interval.PathModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model on many symbols' series: every symbol's windows from its own rows only, one
 * chronological cut-off time for all symbols ({@link MultiSeriesWindows}: the time below which
 * {@code data.trainTestSplit} of all rows lie), the training windows of all symbols pooled in
 * target-time order (the validation run is their latest tail; per symbol W windows are purged
 * before its first validation and its first held-out window, see {@link MultiSeriesWindows}),
 * then every symbol scored on its held-out windows against persistence and the baselines fitted
 * on its own training rows ({@link MultiSeriesEvaluation}), and the pooled figures.
 *
 * <p>The model reads the {@code price} column (and {@code volume} when asked for and present);
 * the config's {@code data.columns} and {@code data.target} are not used. {@code data.maxRows}
 * keeps each symbol's first rows.
 *
 * <p>In {@code model.json}: {@code evaluation.multiSeries} holds the per-symbol and pooled
 * evaluation ({@link MultiSeriesEvaluation#toJson}); {@code evaluation.baselines.heldOut} the
 * pooled comparison and {@code evaluation.baselines.drift} the pooled drift ({@link
 * MultiSeriesEvaluation#pooledDrift}) the stream app scores online; {@code trainingData.rows} is
 * the rows of all symbols, {@code trainRows}, {@code testFromRow}, {@code validationFrom} and
 * {@code heldOutFrom} the first evaluated symbol's boundaries (in a wide file the same rows for
 * every symbol), {@code purgeWindows} W; {@code hyperParameters} holds {@code cutoffTime}, {@code
 * validationFromTime}, {@code purgedWindows} (all symbols) and the pooled fit, validation and
 * held-out counts.
 *
 * <p>Prediction intervals (the config's {@code intervals} levels): split-conformal on the pooled
 * scores of every symbol's validation windows ({@link IntervalCalibrator#calibrate(PathModel,
 * Normalisation, int, int, int, List, List, IntervalScaling)}), each symbol's windows scored on
 * its own rows before its first held-out window (so after its purge gap), with the winning
 * roll-forward variant; one calibration serves every symbol. They are scored on the held-out
 * paths pooled ({@code evaluation.intervals}) and per symbol ({@code
 * evaluation.multiSeries.symbols.SYMBOL.intervals}).
 */
public final class MultiSeriesTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(MultiSeriesTrainer.class);

  private MultiSeriesTrainer() {}

  /**
   * The outcome of {@link #run}.
   *
   * @param artifactDir the model artifact directory
   * @param metadata the metadata as written (model version set)
   * @param history per-epoch losses and the kept epoch
   * @param evaluation per-symbol and pooled held-out evaluation, price units
   * @param windows the windows and the split the model was trained and scored on
   * @param charts the PNG files written into {@code artifactDir}
   * @param table the evaluation as printed text
   * @param elapsedMillis wall-clock time of the whole run, ms
   */
  public record Result(Path artifactDir, ModelMetadata metadata, TrainingHistory history,
      MultiSeriesEvaluation evaluation, MultiSeriesWindows windows, List<Path> charts,
      String table, long elapsedMillis) {
    /** The model version (SHA-256 of the network file). */
    public String modelVersion() {
      return metadata.modelVersion();
    }
  }

  /**
   * Trains, evaluates and saves a model on many symbols.
   *
   * @param config the configuration (validated again here)
   * @param series the symbols' series (from {@link io.tickcast.core.series.MultiSeriesReader} or
   *     the ticks topic)
   * @param features the columns the model reads, {@code price} first (the target); {@code price}
   *     or {@code price, volume}
   * @param sha256 checksum of the source file's bytes, or {@code null} (a topic)
   * @param outputRoot directory under which the artifact directory is created (as {@link
   *     Trainer#run})
   * @return the artifact, evaluation and table
   * @throws ConfigException if the config is invalid or a feature is not a column of the series
   * @throws IllegalArgumentException if there are too few windows before or after the cut-off,
   *     or a window cannot be normalised
   * @throws UncheckedIOException if the artifact cannot be written
   */
  public static Result run(TrainerConfig config, MultiSeries series, List<String> features,
      String sha256, Path outputRoot) {
    long start = System.nanoTime();
    config.validate();
    if (config.ensemble() != null) {
      // Not silently dropped: the weights are fitted per series, which pooled training lacks.
      throw new ConfigException("ensemble", "training on many series does not fit an ensemble yet;"
          + " use a config without an 'ensemble' section (e.g. trainer/config/sp500-network.json)");
    }
    DataConfig data = config.data();
    MultiSeries s = project(series, features);
    if (data.maxRows() != null) {
      s = s.firstRows(data.maxRows());
    }
    int w = data.windowLength();
    int target = 0;
    Normalisation norm = config.normalisation();
    long cutoff = MultiSeriesWindows.cutoffTime(s, data.trainTestSplit());
    MultiSeriesWindows windows = MultiSeriesWindows.of(s, w, target, cutoff,
        data.validationFraction());
    WindowSet train = windows.pooledTrain();
    int heldOut = windows.testCount();
    ChronologicalSplit split;
    try {
      split = windows.pooledSplit();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(s.source() + ": " + s.rows() + " rows of "
          + s.symbols().size() + " symbols with window " + w + " and cut-off time " + cutoff
          + ": " + e.getMessage(), e);
    }
    if (heldOut == 0) {
      throw new IllegalArgumentException(s.source() + ": no held-out window at or after the"
          + " cut-off time " + cutoff + " with window " + w);
    }
    LOG.info("{}: {} symbols {}, {} rows, features {}, window {}, horizon {}, normalisation {},"
            + " cut-off time {}: {} training windows ({} validation from time {}), {} held out,"
            + " {} purged",
        s.source(), s.symbols().size(), s.symbols().stream().map(SymbolSeries::symbol).toList(),
        s.rows(), features, w, data.horizon(), norm.configName(), cutoff, train.size(),
        split.validationCount(), windows.validationTime(), heldOut, windows.purgedCount());
    Trainer.Fitted fitted = Trainer.fit(config, train, features.size(), target, split);
    MultiLayerNetwork network = fitted.network();
    TrainingHistory history = fitted.history();

    ForecastSpec spec = new ForecastSpec(w, features.size(), target, data.horizon(), norm,
        RollForward.SEED);
    MultiSeriesEvaluation eval = MultiSeriesEvaluation.evaluate(
        new Dl4jSequenceModel(network, features.size()),
        InferenceEngine.AUTO.create(network, features.size()), spec, s, windows,
        Baselines.standard());
    ForecastSpec winnerSpec = spec.withRollForward(eval.winner());
    PredictionIntervals intervals = calibrate(config, new Dl4jSequenceModel(network,
        features.size()), winnerSpec, s, windows);
    Map<String, IntervalEvaluation> symbolIntervals = new LinkedHashMap<>();
    IntervalEvaluation pooledIntervals = intervals == null || intervals.levels().isEmpty() ? null
        : scoreIntervals(intervals, winnerSpec, s, eval, symbolIntervals);
    StringBuilder intervalText = new StringBuilder();
    if (pooledIntervals != null) {
      IntPredicate shown = h -> HeldOutEvaluation.TABLE_HORIZONS.contains(h)
          || h == data.horizon();
      intervalText.append(System.lineSeparator()).append(pooledIntervals.table(String.format(
          Locale.ROOT, "held-out prediction intervals, pooled over %d symbols (split-conformal"
              + " on the pooled scores of %d validation windows of all symbols, roll-forward"
              + " %s): coverage, points off nominal, mean width, interval score (price units)",
          symbolIntervals.size(), intervals.calibrationWindows().get(0),
          eval.winner().configName()), shown));
      for (Map.Entry<String, IntervalEvaluation> e : symbolIntervals.entrySet()) {
        intervalText.append(System.lineSeparator()).append(e.getValue().table(
            "held-out prediction intervals " + e.getKey() + " (the same pooled calibration)",
            shown));
      }
    }
    LOG.info(String.format(Locale.ROOT, "per-symbol mean U: %s; best %s, worst %s; pooled U@1"
            + " %.4f", eval.symbols().stream().map(r -> String.format(Locale.ROOT, "%s %.4f",
            r.symbol(), r.meanTheilU())).toList(), eval.best(), eval.worst(),
        eval.pooled().comparison().forecaster(BaselineComparison.MODEL).perHorizon().get(0)
            .theilU()));

    String table = String.format(Locale.ROOT, "%s: %d symbols, %d rows, cut-off time %d,"
            + " %d training windows pooled (%d validation), %d held out, %d purged"
            + " (W before each symbol's boundaries) (price units)%n", s.source(),
        s.symbols().size(), s.rows(), cutoff, train.size(), split.validationCount(), heldOut,
        windows.purgedCount())
        + eval.table(BaselineComparison.shownHorizons(data.horizon())) + intervalText;
    ObjectMapper json = ModelArtifact.json();
    ObjectNode evaluation = json.createObjectNode();
    evaluation.put("heldOutWindows", heldOut);
    evaluation.put("unit", "price");
    evaluation.put("rollForwardWinner", eval.winner().configName());
    ObjectNode multi = (ObjectNode) eval.toJson(json);
    symbolIntervals.forEach((symbol, ie) ->
        ((ObjectNode) multi.path("symbols").path(symbol)).set("intervals", ie.toJson(json)));
    evaluation.set("multiSeries", multi);
    if (pooledIntervals != null) {
      evaluation.set("intervals", pooledIntervals.toJson(json));
    }
    evaluation.set("training", Trainer.historyJson(json, history));
    ObjectNode baselines = evaluation.putObject(Drift.METADATA_NODE);
    eval.pooledDrift().ifPresent(mu -> baselines.putObject(Drift.NAME)
        .put(Drift.MEAN_LOG_RETURN, mu).put("pooledOver", eval.symbols().size()));
    baselines.set("heldOut", eval.pooled().toJson(json));

    List<double[][]> rows = new ArrayList<>();
    int[] trainRows = new int[s.symbols().size()];
    for (int k = 0; k < trainRows.length; k++) {
      rows.add(s.symbols().get(k).rows());
      int t = windows.symbols().get(k).trainEnd();
      // the training (fit and validation) windows' inputs: rows [0, t + W - 1) of the symbol
      trainRows[k] = t == 0 ? 0 : t + w - 1;
    }
    Map<String, Object> hp = Trainer.hyperParameters(config, history, split);
    hp.put("heldOutWindows", heldOut);
    hp.put("purgedWindows", windows.purgedCount());
    hp.put("symbols", s.symbols().stream().map(SymbolSeries::symbol).toList());
    hp.put("cutoffTime", cutoff);
    if (split.validationCount() > 0) {
      hp.put("validationFromTime", windows.validationTime());
    }
    Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ModelMetadata metadata = new ModelMetadata(
        ModelArtifact.FORMAT_VERSION, null, w, data.horizon(), features, features.get(0),
        norm.configName(), eval.winner().configName(), config.model().layers(), hp,
        trainingData(s, sha256, windows, eval.symbols().get(0).symbol()),
        evaluation, created, Trainer.libraries(),
        InputProfile.of(rows, trainRows, w, target, norm),
        // no ensemble: the network alone is served (a config's ensemble section is not fitted)
        intervals, null);

    String title = s.source();
    List<Path> charts = new ArrayList<>();
    Path artifactDir = Trainer.saveArtifact(outputRoot, created, network, metadata, partial -> {
      BaselineChart.write(partial.resolve(BaselineChart.FILE), title + " (pooled)",
          List.of(eval.pooled()));
      for (MultiSeriesEvaluation.SymbolResult r : eval.symbols()) {
        BaselineChart.write(partial.resolve(symbolChart(r.symbol())), title + " " + r.symbol(),
            List.of(r.baselines()));
      }
      Files.writeString(partial.resolve(Trainer.EVALUATION_TEXT), table);
    });
    charts.add(artifactDir.resolve(BaselineChart.FILE));
    eval.symbols().forEach(r -> charts.add(artifactDir.resolve(symbolChart(r.symbol()))));
    ModelMetadata written;
    try {
      written = json.readValue(artifactDir.resolve(ModelArtifact.METADATA_FILE).toFile(),
          ModelMetadata.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back " + artifactDir, e);
    }
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    LOG.info("model {} written to {} in {} s (training {} s)",
        written.modelVersion().substring(0, 12), artifactDir, elapsed / 1000.0,
        history.elapsedMillis() / 1000.0);
    return new Result(artifactDir, written, history, eval, windows, List.copyOf(charts), table,
        elapsed);
  }

  /**
   * Split-conformal intervals at the configured levels on the pooled scores of every symbol's
   * validation windows, each from its own rows before its first held-out window.
   *
   * @return {@code null} when no level is configured; skipped levels are logged
   */
  private static PredictionIntervals calibrate(TrainerConfig config, Dl4jSequenceModel model,
      ForecastSpec spec, MultiSeries s, MultiSeriesWindows windows) {
    List<Double> levels = config.intervals().levels();
    if (levels.isEmpty()) {
      return null;
    }
    List<IntervalCalibrator.Segment> segments = new ArrayList<>();
    for (int k = 0; k < s.symbols().size(); k++) {
      MultiSeriesWindows.SymbolWindows sw = windows.symbols().get(k);
      if (sw.trainEnd() > sw.validationStart()) {
        segments.add(new IntervalCalibrator.Segment(s.symbols().get(k).rows(), sw.testStart(),
            sw.validationStart(), sw.trainEnd()));
      }
    }
    IntervalScaling scaling = IntervalScaling.fromConfig(config.intervals().scaling());
    PredictionIntervals p = IntervalCalibrator.calibrate(
        PathModel.of(new Forecaster(model, spec)), spec.normalisation(), spec.targetColumn(),
        spec.windowLength(), spec.horizon(), segments, levels, scaling);
    if (p.scalingMode() != scaling) {
      LOG.warn("intervals.scaling {}: the validation windows have no volatility (median 0);"
          + " calibrated unscaled", scaling.configName());
    }
    for (PredictionIntervals.Skipped skipped : p.skipped()) {
      LOG.warn("no {} prediction interval: {}", skipped.level(), skipped.reason());
    }
    return p;
  }

  /**
   * Scores the intervals on every evaluated symbol's held-out paths: per symbol into {@code
   * perSymbol} (series order), and pooled over all of them (returned).
   */
  private static IntervalEvaluation scoreIntervals(PredictionIntervals intervals,
      ForecastSpec spec, MultiSeries s, MultiSeriesEvaluation eval,
      Map<String, IntervalEvaluation> perSymbol) {
    IntervalBands bands = new IntervalBands(intervals, spec.normalisation(), spec.targetColumn());
    List<Double> levels = IntervalScorer.levels(bands);
    IntervalScorer pooled = new IntervalScorer(levels, spec.horizon());
    List<String> names = s.symbols().stream().map(SymbolSeries::symbol).toList();
    for (MultiSeriesEvaluation.SymbolResult r : eval.symbols()) {
      double[][] rows = s.symbols().get(names.indexOf(r.symbol())).rows();
      IntervalScorer one = new IntervalScorer(levels, spec.horizon());
      one.add(bands, rows, spec.windowLength(), r.heldOutFrom(), r.paths().predicted(),
          r.paths().actual());
      pooled.add(bands, rows, spec.windowLength(), r.heldOutFrom(), r.paths().predicted(),
          r.paths().actual());
      perSymbol.put(r.symbol(), one.result("model"));
    }
    return pooled.result("model");
  }

  /**
   * The training data's provenance and, for the first evaluated symbol, its split boundaries
   * (rows of that symbol; in a wide file the same rows for every symbol): the first rows its
   * validation and held-out windows read, with that row's time (series' time unit) as text.
   */
  private static ModelMetadata.TrainingData trainingData(MultiSeries s, String sha256,
      MultiSeriesWindows windows, String symbol) {
    int k = s.symbols().stream().map(SymbolSeries::symbol).toList().indexOf(symbol);
    MultiSeriesWindows.SymbolWindows sw = windows.symbols().get(k);
    long[] times = s.symbols().get(k).times();
    int w = windows.windowLength();
    ModelMetadata.Boundary validation = sw.validationStart() == sw.trainEnd() ? null
        : new ModelMetadata.Boundary(sw.validationStart(),
            Long.toString(times[sw.validationStart()]));
    ModelMetadata.Boundary heldOut =
        new ModelMetadata.Boundary(sw.testStart(), Long.toString(times[sw.testStart()]));
    return new ModelMetadata.TrainingData(s.source(), sha256, s.rows(), sw.testStart(),
        sw.testStart() + w, w, null, validation, heldOut);
  }

  /** The per-symbol U chart's file name (characters outside [A-Za-z0-9._-] become '_'). */
  public static String symbolChart(String symbol) {
    return "baselines-u-by-horizon-" + symbol.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
  }

  /** The series with only the feature columns, in that order. */
  private static MultiSeries project(MultiSeries series, List<String> features) {
    if (features.isEmpty() || !features.get(0).equals(
        io.tickcast.core.series.MultiSeriesReader.PRICE)) {
      throw new ConfigException("--column", "a model of many symbols reads 'price' first (its target), then"
          + " optionally 'volume'; asked for " + features);
    }
    int[] idx = new int[features.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = series.columns().indexOf(features.get(i));
      if (idx[i] < 0) {
        throw new ConfigException("--column", series.source() + " has no column '" + features.get(i)
            + "'; its series have " + series.columns());
      }
    }
    List<SymbolSeries> out = new ArrayList<>();
    for (SymbolSeries s : series.symbols()) {
      double[][] rows = new double[s.size()][idx.length];
      for (int r = 0; r < rows.length; r++) {
        for (int c = 0; c < idx.length; c++) {
          rows[r][c] = s.rows()[r][idx[c]];
        }
      }
      out.add(new SymbolSeries(s.symbol(), List.copyOf(features), s.times(), rows));
    }
    return new MultiSeries(series.source(), List.copyOf(features), List.copyOf(out));
  }
}
