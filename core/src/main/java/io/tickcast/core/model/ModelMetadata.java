package io.tickcast.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.core.forecast.Ensemble;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.normalise.Normalisation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON metadata stored beside a model's network ({@code model.json}): everything needed to
 * serve the model exactly as it was trained, and the provenance of how it was made.
 *
 * @param formatVersion the artifact format, {@link ModelArtifact#FORMAT_VERSION}
 * @param modelVersion the content hash of the network file (SHA-256, hex); set by {@link
 *     ModelArtifact#save}
 * @param windowLength W, ticks per input window
 * @param horizon H, steps of the rolled-forward path
 * @param features input column names, in input order
 * @param target the forecast column, one of {@code features}
 * @param normalisation normalisation mode, e.g. {@code first-price}
 * @param rollForward roll-forward variant used when serving unless the server overrides it: the
 *     trainer stores an exact one, {@code seed} or {@code renormalise}; {@code carry-state} parses
 *     too
 * @param layers the layer stack, as configured
 * @param hyperParameters loss, optimiser, learning rate, epochs, batch size, split, seed, ...
 * @param trainingData the file, rows and checksum the model was trained on
 * @param evaluation held-out metrics (free-form JSON written by the trainer)
 * @param createdAt creation time (UTC)
 * @param libraries library name to version (DL4J, ND4J, Java, Tickcast)
 * @param inputProfile the training data's normalised input ranges and tick-move distribution
 *     (the server's input guard and price-jump limit); null in a {@code model.json} written
 *     before it existed, which then loads with the server's documented fallbacks
 * @param intervals calibrated prediction intervals per level and horizon, or {@code null} (absent
 *     from {@code model.json} written before intervals existed, or trained with none): the stream
 *     app then emits forecasts without bounds
 * @param ensemble the combination of the network's path with baseline paths that is served
 *     ({@link ForecastSpec#ensemble()}); null: the network's forecast alone, as every model
 *     written before ensembles existed
 * @param onnxSha256 the SHA-256 (hex) of {@value ModelArtifact#ONNX_FILE}, the network exported to
 *     ONNX; null in a {@code model.json} written before ONNX export existed (or saved without it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
    int formatVersion,
    String modelVersion,
    int windowLength,
    int horizon,
    List<String> features,
    String target,
    String normalisation,
    String rollForward,
    List<LayerSpec> layers,
    Map<String, Object> hyperParameters,
    TrainingData trainingData,
    JsonNode evaluation,
    Instant createdAt,
    Map<String, String> libraries,
    InputProfile inputProfile,
    PredictionIntervals intervals,
    Ensemble ensemble,
    String onnxSha256) {

  /** Metadata without an ONNX file (as written before ONNX export existed). */
  public ModelMetadata(int formatVersion, String modelVersion, int windowLength, int horizon,
      List<String> features, String target, String normalisation, String rollForward,
      List<LayerSpec> layers, Map<String, Object> hyperParameters, TrainingData trainingData,
      JsonNode evaluation, Instant createdAt, Map<String, String> libraries,
      InputProfile inputProfile, PredictionIntervals intervals, Ensemble ensemble) {
    this(formatVersion, modelVersion, windowLength, horizon, features, target, normalisation,
        rollForward, layers, hyperParameters, trainingData, evaluation, createdAt, libraries,
        inputProfile, intervals, ensemble, null);
  }

  /** Metadata without prediction intervals and ensemble (as written before they existed). */
  public ModelMetadata(int formatVersion, String modelVersion, int windowLength, int horizon,
      List<String> features, String target, String normalisation, String rollForward,
      List<LayerSpec> layers, Map<String, Object> hyperParameters, TrainingData trainingData,
      JsonNode evaluation, Instant createdAt, Map<String, String> libraries,
      InputProfile inputProfile) {
    this(formatVersion, modelVersion, windowLength, horizon, features, target, normalisation,
        rollForward, layers, hyperParameters, trainingData, evaluation, createdAt, libraries,
        inputProfile, null, null);
  }

  /**
   * Metadata without an input profile and prediction intervals (as written before they existed).
   */
  public ModelMetadata(int formatVersion, String modelVersion, int windowLength, int horizon,
      List<String> features, String target, String normalisation, String rollForward,
      List<LayerSpec> layers, Map<String, Object> hyperParameters, TrainingData trainingData,
      JsonNode evaluation, Instant createdAt, Map<String, String> libraries) {
    this(formatVersion, modelVersion, windowLength, horizon, features, target, normalisation,
        rollForward, layers, hyperParameters, trainingData, evaluation, createdAt, libraries, null,
        null, null);
  }

  /**
   * One layer of the stack.
   *
   * @param type {@code lstm}, {@code dropout} or {@code dense}
   * @param units neurons (lstm, dense)
   * @param rate dropout rate as in Keras: the fraction dropped (dropout)
   * @param returnSequences whether an LSTM passes its whole sequence on (lstm)
   * @param activation output activation (dense), e.g. {@code linear}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LayerSpec(
      String type, Integer units, Double rate, Boolean returnSequences, String activation) {}

  /**
   * Where the training data came from, and where it was split. Row numbers are 0-based data rows
   * (header excluded). The fields after {@code testFromRow} are absent from a {@code model.json}
   * written before the purge gap existed and then read as null.
   *
   * @param file file name (not the full path)
   * @param sha256 checksum of the file's bytes
   * @param rows rows of data in the file
   * @param trainRows rows {@code [0, trainRows)} were used for training and validation (inputs
   *     and targets)
   * @param testFromRow the first row used as a held-out target
   * @param purgeWindows windows dropped before each boundary (W), so that no row is read by
   *     windows on both sides
   * @param timeColumn the data file's time column, or null when it has none
   * @param validationFrom the fit/validation boundary: fit windows read only rows before it,
   *     validation windows only rows from it; null when there is no validation run
   * @param heldOutFrom the training/held-out boundary: training and validation windows read only
   *     rows before it, held-out windows only rows from it ({@code == trainRows})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrainingData(String file, String sha256, int rows, int trainRows, int testFromRow,
      Integer purgeWindows, String timeColumn, Boundary validationFrom, Boundary heldOutFrom) {

    /** Training data as recorded before the purge gap and boundary times existed. */
    public TrainingData(String file, String sha256, int rows, int trainRows, int testFromRow) {
      this(file, sha256, rows, trainRows, testFromRow, null, null, null, null);
    }
  }

  /**
   * A split boundary: the first data row of the later part.
   *
   * @param row 0-based data row (header excluded)
   * @param time the time column's text in that row, as written in the file; null when the file
   *     has no time column
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Boundary(int row, String time) {}

  /** The index of {@link #target} among {@link #features}. */
  public int targetColumn() {
    int i = features.indexOf(target);
    if (i < 0) {
      throw new IllegalStateException("target '" + target + "' is not among features " + features);
    }
    return i;
  }

  /**
   * The forecast spec this metadata describes.
   *
   * @throws IllegalArgumentException if a field is out of range or names an unknown mode
   */
  public ForecastSpec forecastSpec() {
    return new ForecastSpec(
        windowLength,
        features.size(),
        targetColumn(),
        horizon,
        Normalisation.fromConfig(normalisation),
        RollForward.fromConfig(rollForward),
        ensemble);
  }

  /** A copy with the given model version. */
  public ModelMetadata withModelVersion(String version) {
    return new ModelMetadata(formatVersion, version, windowLength, horizon, features, target,
        normalisation, rollForward, layers, hyperParameters, trainingData, evaluation, createdAt,
        libraries, inputProfile, intervals, ensemble, onnxSha256);
  }

  /** A copy with the given evaluation and roll-forward variant. */
  public ModelMetadata withEvaluation(JsonNode eval, String variant) {
    return new ModelMetadata(formatVersion, modelVersion, windowLength, horizon, features, target,
        normalisation, variant, layers, hyperParameters, trainingData, eval, createdAt, libraries,
        inputProfile, intervals, ensemble, onnxSha256);
  }

  /** A copy with the given input profile. */
  public ModelMetadata withInputProfile(InputProfile profile) {
    return new ModelMetadata(formatVersion, modelVersion, windowLength, horizon, features, target,
        normalisation, rollForward, layers, hyperParameters, trainingData, evaluation, createdAt,
        libraries, profile, intervals, ensemble, onnxSha256);
  }

  /** A copy with the given prediction intervals ({@code null}: none). */
  public ModelMetadata withIntervals(PredictionIntervals calibrated) {
    return new ModelMetadata(formatVersion, modelVersion, windowLength, horizon, features, target,
        normalisation, rollForward, layers, hyperParameters, trainingData, evaluation, createdAt,
        libraries, inputProfile, calibrated, ensemble, onnxSha256);
  }

  /**
   * The bounds this model's intervals give around a forecast; no level when it has none.
   *
   * @throws IllegalArgumentException if the intervals do not fit the horizon, or a field is out
   *     of range
   */
  public IntervalBands intervalBands() {
    PredictionIntervals p = intervals == null ? new PredictionIntervals(null, null, null, null)
        : intervals;
    p.validate(horizon);
    return new IntervalBands(p, Normalisation.fromConfig(normalisation), targetColumn());
  }

  /** A copy serving the given ensemble ({@code null}: the network alone). */
  public ModelMetadata withEnsemble(Ensemble e) {
    return new ModelMetadata(formatVersion, modelVersion, windowLength, horizon, features, target,
        normalisation, rollForward, layers, hyperParameters, trainingData, evaluation, createdAt,
        libraries, inputProfile, intervals, e, onnxSha256);
  }

  /** A copy recording the SHA-256 of the ONNX file ({@code null}: none). */
  public ModelMetadata withOnnxSha256(String sha256) {
    return new ModelMetadata(formatVersion, modelVersion, windowLength, horizon, features, target,
        normalisation, rollForward, layers, hyperParameters, trainingData, evaluation, createdAt,
        libraries, inputProfile, intervals, ensemble, sha256);
  }
}
