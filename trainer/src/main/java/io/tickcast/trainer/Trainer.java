package io.tickcast.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.baseline.Baselines;
import io.tickcast.core.baseline.Drift;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.eval.IntervalMetrics;
import io.tickcast.core.forecast.Ensemble;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.InputProfile;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.series.PriceSeries;
import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.chart.BaselineChart;
import io.tickcast.trainer.chart.Charts;
import io.tickcast.trainer.config.DataConfig;
import io.tickcast.trainer.config.ModelConfig;
import io.tickcast.trainer.config.OptimizerConfig;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.data.NormalisedWindows;
import io.tickcast.trainer.evaluate.BaselineComparison;
import io.tickcast.trainer.evaluate.BaselineIntervals;
import io.tickcast.trainer.evaluate.BlockForecasts;
import io.tickcast.trainer.evaluate.HeldOutEvaluation;
import io.tickcast.trainer.evaluate.HeldOutEvaluator;
import io.tickcast.trainer.evaluate.WalkForwardEvaluation;
import io.tickcast.trainer.evaluate.WalkForwardEvaluator;
import io.tickcast.trainer.fit.EnsembleFitter;
import io.tickcast.trainer.fit.EpochStats;
import io.tickcast.trainer.fit.TrainingHistory;
import io.tickcast.trainer.fit.TrainingLoop;
import io.tickcast.trainer.interval.IntervalCalibrator;
import io.tickcast.trainer.interval.IntervalEvaluation;
import io.tickcast.trainer.interval.IntervalScorer;
import io.tickcast.trainer.interval.PathModel;
import io.tickcast.trainer.network.NetworkBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the tutorial's LSTM on a price series and writes a versioned model artifact: read the
 * CSV, cut windows, split chronologically, normalise, train, evaluate on the held-out tail in
 * price units through the core {@code Forecaster} (every roll-forward variant; the better exact
 * one goes into the artifact), draw the charts and save.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final DateTimeFormatter DIR_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Name of the text file with the printed evaluation, written into the artifact directory. */
  public static final String EVALUATION_TEXT = "evaluation.txt";

  private Trainer() {}

  /**
   * Trains, evaluates and saves a model.
   *
   * @param config the configuration (validated again here)
   * @param dataFile a CSV file (one column with or without header, or a header with named
   *     columns chosen by {@code data.columns})
   * @param outputRoot directory under which the artifact directory {@code
   *     <yyyyMMdd'T'HHmmss'Z'>-<first 12 hex of the model version>} is created; {@link
   *     ModelArtifact#latest} on it finds the newest model
   * @return where the artifact went, its metadata, history, evaluation and charts
   * @throws io.tickcast.trainer.config.ConfigException if the config is invalid
   * @throws io.tickcast.core.series.SeriesFormatException if the file is missing or has a bad row
   *     (file, line, value in the message)
   * @throws IllegalArgumentException if there are too few rows for a training and a held-out
   *     window, or a window cannot be normalised (row in the message)
   * @throws UncheckedIOException if the artifact cannot be written
   */
  public static TrainingResult run(TrainerConfig config, Path dataFile, Path outputRoot) {
    long start = System.nanoTime();
    config.validate();
    DataConfig data = config.data();
    PriceSeries series = CsvSeriesReader.read(dataFile, data.columns());
    double[][] rows = series.rows();
    if (data.maxRows() != null && data.maxRows() < rows.length) {
      rows = Arrays.copyOf(rows, data.maxRows());
    }
    List<String> features = series.columns();
    String target = data.target() == null ? features.get(0) : data.target();
    int targetColumn = features.indexOf(target);
    int w = data.windowLength();
    Normalisation norm = config.normalisation();

    int windows = Windows.count(rows.length, w);
    ChronologicalSplit split;
    try {
      split = ChronologicalSplit.of(windows, data.trainTestSplit(), data.validationFraction(), w);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(series.source() + ": " + rows.length + " rows with window "
          + w + ": " + e.getMessage(), e);
    }
    LOG.info("{}: {} rows of {}, target {}, window {}, horizon {}, normalisation {}",
        series.source(), rows.length, features, target, w, data.horizon(), norm.configName());
    Fitted fitted = fit(config, rows, features.size(), targetColumn, split);
    MultiLayerNetwork network = fitted.network();
    TrainingHistory history = fitted.history();

    ForecastSpec networkSpec = new ForecastSpec(w, features.size(), targetColumn, data.horizon(),
        norm, RollForward.SEED);
    // The ensemble reads only the training rows: windows 0..trainEnd-1 and their targets.
    Ensemble ensemble = config.ensemble() == null ? null : fitEnsemble(config, network,
        networkSpec, Arrays.copyOf(rows, split.trainEnd() + w), split.fitEnd());
    ForecastSpec spec = networkSpec.withEnsemble(ensemble);
    // carry-state on the fastest engine that runs the network (the Java engine carries the LSTM
    // state; DL4J's reference re-runs growing sequences); the exact variants on DL4J.
    HeldOutEvaluation eval = HeldOutEvaluator.evaluate(
        new Dl4jSequenceModel(network, features.size()),
        InferenceEngine.AUTO.create(network, features.size()), spec, rows, split.testStart());
    String table = (ensemble == null ? "" : ensembleLine(ensemble)) + eval.table();
    LOG.debug("held-out evaluation:{}{}", System.lineSeparator(), table);
    LOG.info(String.format(Locale.ROOT, "held-out next step: rmse %.4f, persistence rmse %.4f,"
            + " U %.3f; roll-forward %s wins (mean U %.4f seed, %.4f renormalise;"
            + " %.4f carry-state, not eligible)",
        eval.pointByPointMetrics().rmse(), eval.pointByPointMetrics().persistenceRmse(),
        eval.pointByPointMetrics().theilU(), eval.winner().configName(),
        eval.variants().get(RollForward.SEED).meanTheilU(),
        eval.variants().get(RollForward.RENORMALISE).meanTheilU(),
        eval.variants().get(RollForward.CARRY_STATE).meanTheilU()));

    ForecastSpec winnerSpec = spec.withRollForward(eval.winner());
    Dl4jSequenceModel served = new Dl4jSequenceModel(network, features.size());
    // The winner's paths against the baselines, fitted on the rows before the first held-out
    // target (the history the first held-out forecast sees; as tickcast evaluate does).
    BaselineComparison heldOutBaselines = BaselineComparison.heldOut(served, winnerSpec, rows,
        split.testStart(), Baselines.standard());
    table = table + System.lineSeparator()
        + heldOutBaselines.table(BaselineComparison.shownHorizons(data.horizon()));
    // Prediction intervals: calibrated on the validation windows with the winning variant, only
    // from rows before the first row a held-out window reads; then scored on the held-out paths.
    PredictionIntervals intervals = calibrate(config, served, winnerSpec, rows,
        split.testStart(), split);
    IntervalEvaluation heldOutIntervals = null;
    IntervalEvaluation heldOutDriftIntervals = null;
    IntervalScaling scaling = IntervalScaling.fromConfig(config.intervals().scaling());
    if (intervals != null && !intervals.levels().isEmpty()) {
      IntervalBands bands = new IntervalBands(intervals, norm, targetColumn);
      BlockForecasts block = BlockForecasts.of(served, winnerSpec, rows, split.testStart(),
          windows, 1);
      IntervalScorer scorer = new IntervalScorer(IntervalScorer.levels(bands), data.horizon());
      scorer.add(bands, rows, w, split.testStart(), block.predicted(), block.actual());
      heldOutIntervals = scorer.result("model");
      table = table + heldOutIntervals.table("held-out prediction intervals (split-conformal on "
              + split.validationCount() + " validation windows, roll-forward "
              + eval.winner().configName() + "): coverage, points off nominal, mean width,"
              + " interval score (price units)",
          h -> HeldOutEvaluation.TABLE_HORIZONS.contains(h) || h == data.horizon());
      // The drift baseline's intervals from the same validation windows, beside the model's.
      heldOutDriftIntervals = new BaselineIntervals(new Drift(), winnerSpec,
          IntervalScorer.levels(bands), intervals.scalingMode(), null).heldOut(rows, split, block.actual())
          .result();
      if (heldOutDriftIntervals != null) {
        table = table + heldOutDriftIntervals.table("held-out drift-baseline intervals (same"
                + " validation windows and calibration): coverage, points off nominal, mean"
                + " width, interval score (price units)",
            h -> HeldOutEvaluation.TABLE_HORIZONS.contains(h) || h == data.horizon());
      }
      IntervalMetrics first = heldOutIntervals.at(0, 1);
      LOG.info(String.format(Locale.ROOT, "held-out %.0f%% interval at h=1: coverage %.3f,"
          + " mean width %.4f", 100 * first.level(), first.coverage(), first.meanWidth()));
    }

    WalkForwardEvaluation walkForward = null;
    BaselineComparison walkForwardBaselines = null;
    IntervalEvaluation walkForwardDriftIntervals = null;
    Integer folds = config.training().walkForwardFolds();
    if (folds != null) {
      BaselineComparison.Collector collector =
          BaselineComparison.walkForward(targetColumn, Baselines.standard());
      IntFunction<ChronologicalSplit> foldSplits =
          n -> ChronologicalSplit.trainingOnly(n, data.validationFraction(), w);
      BaselineIntervals driftIntervals = new BaselineIntervals(new Drift(), winnerSpec,
          config.intervals().levels(), scaling, foldSplits);
      walkForward = WalkForwardEvaluator.evaluate(rows, winnerSpec,
          folds, config.training().walkForwardTail(), (trainRows, fold) -> {
            ChronologicalSplit foldSplit = foldSplits.apply(Windows.count(trainRows.length, w));
            Fitted f = fit(config, trainRows, features.size(), targetColumn, foldSplit);
            Dl4jSequenceModel m = new Dl4jSequenceModel(f.network(), features.size());
            Ensemble foldEnsemble = config.ensemble() == null ? null
                : fitEnsemble(config, f.network(), networkSpec.withRollForward(eval.winner()),
                    trainRows, foldSplit.fitEnd());
            // The fold's intervals are calibrated on what the fold serves: its own ensemble.
            PredictionIntervals p = calibrate(config, m,
                foldEnsemble == null ? winnerSpec : winnerSpec.withEnsemble(foldEnsemble),
                trainRows, trainRows.length, foldSplit);
            return new WalkForwardEvaluator.TrainedFold(m, f.history().bestEpoch(),
                f.history().elapsedMillis(),
                p == null ? null : new IntervalBands(p, norm, targetColumn), foldEnsemble);
          }, (fold, trainRows, all, block) -> {
            collector.tested(fold, trainRows, all, block);
            if (!config.intervals().levels().isEmpty()) {
              driftIntervals.tested(fold, trainRows, all, block);
            }
          });
      walkForwardBaselines = collector.result();
      walkForwardDriftIntervals = walkForward.intervals() == null ? null : driftIntervals.result();
      table = table + System.lineSeparator() + walkForward.table() + System.lineSeparator()
          + (walkForwardDriftIntervals == null ? "" : walkForwardDriftIntervals.table(
              "walk-forward drift-baseline intervals (each fold calibrated on the model's"
                  + " validation windows): coverage, points off nominal, mean width, interval"
                  + " score (price units)",
              h -> HeldOutEvaluation.TABLE_HORIZONS.contains(h) || h == data.horizon())
              + System.lineSeparator())
          + walkForwardBaselines.table(BaselineComparison.shownHorizons(data.horizon()));
      LOG.info(String.format(Locale.ROOT, "walk-forward: overall U@1 %.4f, mean U %.4f,"
              + " DM p@1 %.4f", walkForward.overall().get(0).theilU(), walkForward.meanTheilU(),
          walkForward.overallDieboldMariano().pValue()));
    }

    ObjectMapper json = ModelArtifact.json();
    ObjectNode evaluation = (ObjectNode) eval.toJson(json);
    evaluation.set("training", historyJson(json, history));
    if (walkForward != null) {
      evaluation.set("walkForward", walkForward.toJson(json));
    }
    ObjectNode baselines = evaluation.putObject(Drift.METADATA_NODE);
    heldOutBaselines.parameters(Drift.NAME)
        .ifPresent(p -> baselines.set(Drift.NAME, json.valueToTree(p)));
    baselines.set("heldOut", heldOutBaselines.toJson(json));
    if (walkForwardBaselines != null) {
      baselines.set("walkForward", walkForwardBaselines.toJson(json));
    }
    if (heldOutDriftIntervals != null || walkForwardDriftIntervals != null) {
      ObjectNode bi = baselines.putObject("intervals");
      if (heldOutDriftIntervals != null) {
        bi.set("heldOut", heldOutDriftIntervals.toJson(json));
      }
      if (walkForwardDriftIntervals != null) {
        bi.set("walkForward", walkForwardDriftIntervals.toJson(json));
      }
    }
    if (heldOutIntervals != null) {
      evaluation.set("intervals", heldOutIntervals.toJson(json));
    }
    Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ModelMetadata metadata = new ModelMetadata(
        ModelArtifact.FORMAT_VERSION, null, w, data.horizon(), features, target,
        norm.configName(), eval.winner().configName(), config.model().layers(),
        hyperParameters(config, history, split),
        trainingData(series, sha256(dataFile), rows.length, split, w),
        evaluation, created, libraries(),
        // What the network saw: rows [0, trainEnd + W - 1) are the training windows' inputs.
        InputProfile.of(rows, split.trainEnd() + w - 1, w, targetColumn, norm), intervals,
        ensemble);

    Path artifactDir = save(outputRoot, created, network, metadata, eval, walkForward, history,
        series.source(), table, java.util.Arrays.asList(heldOutBaselines, walkForwardBaselines));
    ModelMetadata written;
    try {
      written = json.readValue(artifactDir.resolve(ModelArtifact.METADATA_FILE).toFile(),
          ModelMetadata.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back " + artifactDir, e);
    }
    List<Path> charts = new ArrayList<>();
    for (String c : List.of(Charts.POINT_BY_POINT, Charts.FULL_SEQUENCE, Charts.MULTIPLE_SEQUENCES,
        Charts.LOSS, Charts.THEIL_U, BaselineChart.FILE)) {
      charts.add(artifactDir.resolve(c));
    }
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    LOG.info("model {} written to {} in {} s (training {} s); roll-forward {}",
        written.modelVersion().substring(0, 12), artifactDir, elapsed / 1000.0,
        history.elapsedMillis() / 1000.0, written.rollForward());
    return new TrainingResult(artifactDir, written, history, eval, List.copyOf(charts), table,
        elapsed);
  }

  /**
   * The training data's provenance and split boundaries: the boundary rows are the first rows
   * the validation and held-out windows read ({@link ChronologicalSplit#validationStart}, {@link
   * ChronologicalSplit#testStart}), with the time column's text there when the file has one.
   */
  static ModelMetadata.TrainingData trainingData(PriceSeries series, String sha256, int rows,
      ChronologicalSplit split, int w) {
    ModelMetadata.Boundary validation = split.validationCount() == 0 ? null
        : new ModelMetadata.Boundary(split.validationStart(), series.time(split.validationStart()));
    ModelMetadata.Boundary heldOut =
        new ModelMetadata.Boundary(split.testStart(), series.time(split.testStart()));
    return new ModelMetadata.TrainingData(series.source(), sha256, rows, split.testStart(),
        split.testStart() + w, w, series.timeColumn(), validation, heldOut);
  }

  /**
   * Fits the configured ensemble on a trained network's validation windows ({@link
   * EnsembleFitter}) and logs its weights.
   *
   * @param trainingRows the rows the network trained on (fit and validation windows)
   * @param fitEnd the end of the fit windows; the weights are fitted on the windows after it
   *     (the purged ones included: their targets are rows the network was not fitted on)
   */
  private static Ensemble fitEnsemble(TrainerConfig config, MultiLayerNetwork network,
      ForecastSpec spec, double[][] trainingRows, int fitEnd) {
    Ensemble e = EnsembleFitter.fit(new Dl4jSequenceModel(network, spec.features()), spec,
        trainingRows, fitEnd, config.ensemble());
    LOG.info("ensemble {} fitted on validation targets rows {}..{} ({} windows): weights at h=1"
            + " {}, at h={} {}; served drift/AR fitted on rows 0..{}", e.components(),
        e.fittedOn().validationFirstTargetRow(), e.fittedOn().validationLastTargetRow(),
        e.fittedOn().validationWindows(), describe(e.weightsAt(1)), spec.horizon(),
        describe(e.weightsAt(spec.horizon())), e.fittedOn().baselineRows() - 1);
    return e;
  }

  /** One line naming the served ensemble's weights and where they were fitted. */
  private static String ensembleLine(Ensemble e) {
    return String.format(Locale.ROOT, "served forecast: ensemble %s, weights %s at h=1 .. %s at"
            + " h=%d (%s), fitted on validation targets rows %d..%d (%d windows); drift/AR"
            + " fitted on rows 0..%d%n", e.components(), describe(e.weightsAt(1)),
        describe(e.weightsAt(e.weights().length)), e.weights().length, e.fittedOn().scheme(),
        e.fittedOn().validationFirstTargetRow(), e.fittedOn().validationLastTargetRow(),
        e.fittedOn().validationWindows(), e.fittedOn().baselineRows() - 1);
  }

  private static String describe(double[] weights) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < weights.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", weights[i]));
    }
    return sb.append(']').toString();
  }

  /**
   * A trained network and how training went.
   *
   * @param network holds the best epoch's weights
   * @param history per-epoch losses
   */
  public record Fitted(MultiLayerNetwork network, TrainingHistory history) {}

  /**
   * Builds and trains a network on windows {@code 0 .. split.trainEnd()-1} of {@code rows}
   * (window i is rows {@code i .. i+W-1}, its target row {@code i+W}; the purged ones among them
   * are never fitted nor validated on); nothing at or after row {@code split.trainEnd() + W} is
   * read.
   *
   * @param config a validated config (window, normalisation, network, training)
   * @param rows the series, shape {@code [N][features]}, raw units
   * @param features F, columns per row
   * @param targetColumn the forecast column
   * @param split fit and validation windows (its test run is ignored)
   * @return the network with the best epoch's weights, and the history
   * @throws IllegalArgumentException naming the row of a window that cannot be normalised
   */
  public static Fitted fit(TrainerConfig config, double[][] rows, int features,
      int targetColumn, ChronologicalSplit split) {
    return fit(config, Windows.slice(rows, config.data().windowLength(), targetColumn, 0,
        split.trainEnd()), features, targetColumn, split);
  }

  /**
   * Builds and trains a network on given windows (e.g. many symbols' pooled in target-time
   * order): the first {@code split.fitEnd()} are fit, the next up to {@code split.trainEnd()}
   * validation windows.
   *
   * @param windows raw windows and targets, at least {@code split.trainEnd()} of them
   * @throws IllegalArgumentException naming the window that cannot be normalised
   */
  public static Fitted fit(TrainerConfig config, WindowSet windows, int features,
      int targetColumn, ChronologicalSplit split) {
    int w = config.data().windowLength();
    NormalisedWindows training = NormalisedWindows.of(windows, config.normalisation(),
        targetColumn);
    long seed = config.training().seed();
    MultiLayerNetwork network = NetworkBuilder.build(config.model(), features, w, seed);
    LOG.info("network: {} ({} parameters)", ModelConfig.describe(config.model().layers()),
        network.numParams());
    TrainingHistory history = TrainingLoop.train(network, training, split,
        config.training().epochs(), config.training().batchSize(),
        config.training().earlyStoppingPatience(), seed);
    return new Fitted(network, history);
  }

  /**
   * Split-conformal intervals of {@code model} at the configured levels, calibrated on the
   * validation windows of {@code split} from rows {@code [0, endRow)} only.
   *
   * @return {@code null} when no level is configured; skipped levels are logged
   */
  private static PredictionIntervals calibrate(TrainerConfig config, Dl4jSequenceModel model,
      ForecastSpec spec, double[][] rows, int endRow, ChronologicalSplit split) {
    List<Double> levels = config.intervals().levels();
    if (levels.isEmpty()) {
      return null;
    }
    IntervalScaling scaling = IntervalScaling.fromConfig(config.intervals().scaling());
    PredictionIntervals p = IntervalCalibrator.calibrate(PathModel.of(new Forecaster(model, spec)),
        spec.normalisation(), spec.targetColumn(), spec.windowLength(), spec.horizon(), rows,
        endRow, split.validationStart(), split.trainEnd(), levels, scaling);
    if (p.scalingMode() != scaling) {
      LOG.warn("intervals.scaling {}: the validation windows have no volatility (median 0);"
          + " calibrated unscaled", scaling.configName());
    }
    for (PredictionIntervals.Skipped s : p.skipped()) {
      LOG.warn("no {} prediction interval: {}", s.level(), s.reason());
    }
    return p;
  }

  /**
   * Writes charts, evaluation text and the artifact into a hidden partial directory, then moves
   * it into place, so that a reader polling {@code outputRoot} never sees half an artifact.
   */
  private static Path save(Path outputRoot, Instant created, MultiLayerNetwork network,
      ModelMetadata metadata, HeldOutEvaluation eval, WalkForwardEvaluation walkForward,
      TrainingHistory history, String title, String table,
      List<BaselineComparison> baselines) {
    return saveArtifact(outputRoot, created, network, metadata, partial -> {
      Charts.write(partial, eval, history, title);
      Charts.theilU(partial.resolve(Charts.THEIL_U), title, eval, walkForward);
      BaselineChart.write(partial.resolve(BaselineChart.FILE), title, baselines);
      Files.writeString(partial.resolve(EVALUATION_TEXT), table);
    });
  }

  /** Writes the extra files (charts, tables) of an artifact into its partial directory. */
  interface ArtifactFiles {
    void write(Path partialDir) throws IOException;
  }

  /**
   * Writes {@code files} and the artifact into a hidden partial directory under {@code
   * outputRoot}, then moves it into place as {@code <yyyyMMdd'T'HHmmss'Z'>-<12 hex of the
   * version>}.
   *
   * @return the artifact directory
   * @throws UncheckedIOException if it cannot be written
   */
  static Path saveArtifact(Path outputRoot, Instant created, MultiLayerNetwork network,
      ModelMetadata metadata, ArtifactFiles files) {
    try {
      Files.createDirectories(outputRoot);
      Path partial = Files.createTempDirectory(outputRoot, ".partial-");
      if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // createTempDirectory makes it owner-only; a model is meant to be read by the stream app.
        Files.setPosixFilePermissions(partial,
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      files.write(partial);
      ModelMetadata written = ModelArtifact.saveWithOnnx(partial, network, metadata);
      String base = DIR_TIME.format(created) + "-" + written.modelVersion().substring(0, 12);
      Path target = outputRoot.resolve(base);
      for (int i = 2; Files.exists(target); i++) {
        target = outputRoot.resolve(base + "-" + i);
      }
      try {
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        return Files.move(partial, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model artifact under " + outputRoot, e);
    }
  }

  static Map<String, Object> hyperParameters(TrainerConfig config,
      TrainingHistory history, ChronologicalSplit split) {
    Map<String, Object> hp = new LinkedHashMap<>();
    OptimizerConfig opt = config.model().optimizer();
    hp.put("loss", config.model().loss());
    hp.put("optimizer", opt.type());
    hp.put("learningRate", opt.learningRate());
    if (opt.rho() != null) {
      hp.put("rho", opt.rho());
    }
    if (opt.epsilon() != null) {
      hp.put("epsilon", opt.epsilon());
    }
    hp.put("learningRateDecay", opt.learningRateDecay());
    hp.put("gradientClip", opt.gradientClip());
    hp.put("epochs", config.training().epochs());
    hp.put("epochsRun", history.epochsRun());
    hp.put("bestEpoch", history.bestEpoch());
    hp.put("earlyStoppingPatience", config.training().earlyStoppingPatience());
    hp.put("batchSize", config.training().batchSize());
    hp.put("trainTestSplit", config.data().trainTestSplit());
    hp.put("validationFraction", config.data().validationFraction());
    hp.put("maxRows", config.data().maxRows());
    hp.put("seed", config.training().seed());
    hp.put("fitWindows", split.fitCount());
    hp.put("validationWindows", split.validationCount());
    hp.put("heldOutWindows", split.testCount());
    hp.put("purgedWindows", split.purgedCount());
    hp.put("weightInit", "xavier_uniform");
    hp.put("lstmGateActivation", io.tickcast.core.engine.Activation.SIGMOID.configName());
    hp.put("lstmForgetGateBias", 1.0);
    hp.put("dataType", "float");
    hp.put("trainingMillis", history.elapsedMillis());
    return hp;
  }

  static JsonNode historyJson(ObjectMapper json, TrainingHistory history) {
    ObjectNode node = json.createObjectNode();
    node.put("bestEpoch", history.bestEpoch());
    node.put("stoppedEarly", history.stoppedEarly());
    node.put("elapsedMillis", history.elapsedMillis());
    ArrayNode epochs = node.putArray("epochs");
    for (EpochStats e : history.epochs()) {
      ObjectNode o = epochs.addObject();
      o.put("epoch", e.epoch());
      putFinite(o, "trainLoss", e.trainLoss());
      putFinite(o, "validationLoss", e.validationLoss());
      o.put("elapsedMillis", e.elapsedMillis());
    }
    return node;
  }

  private static void putFinite(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  /**
   * The SHA-256 of a file's bytes, as the artifact's {@code trainingData.sha256}.
   *
   * @return lowercase hex
   * @throws UncheckedIOException if the file cannot be read
   */
  public static String sha256(Path file) {
    try {
      return ModelArtifact.sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data file " + file, e);
    }
  }

  /** Versions of DL4J, ND4J (and its backend), Java and Tickcast, for the metadata. */
  static Map<String, String> libraries() {
    Map<String, String> libs = new LinkedHashMap<>();
    libs.put("deeplearning4j", pomVersion("org.deeplearning4j", "deeplearning4j-nn"));
    libs.put("nd4j", pomVersion("org.nd4j", "nd4j-api"));
    libs.put("nd4jBackend", Nd4j.getBackend().getClass().getSimpleName());
    libs.put("java", System.getProperty("java.version"));
    libs.put("tickcast", tickcastVersion());
    return libs;
  }

  private static String pomVersion(String group, String artifact) {
    String res = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = Trainer.class.getClassLoader().getResourceAsStream(res)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** This Tickcast build's version, from the filtered {@code version.properties}. */
  static String tickcastVersion() {
    try (InputStream in = Trainer.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
