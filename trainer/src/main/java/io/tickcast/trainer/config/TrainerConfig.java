package io.tickcast.trainer.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.tickcast.core.engine.Activation;
import io.tickcast.core.engine.SupportedNetworks;
import io.tickcast.core.model.ModelMetadata.LayerSpec;
import io.tickcast.core.normalise.Normalisation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trainer's configuration, the equivalent of the tutorial's {@code config.json}: a JSON
 * object with optional sections {@code data}, {@code training} and {@code model}. Every key is
 * optional and the defaults reproduce the tutorial (see {@link DataConfig}, {@link
 * TrainingConfig}, {@link ModelConfig}); unknown keys and invalid values are rejected with the key
 * and the reason.
 *
 * @param data what to read and how to window and split it
 * @param training epochs, batch size, seed, early stopping
 * @param model loss, optimiser, layer stack
 * @param intervals prediction-interval levels (default 0.8 and 0.95)
 * @param ensemble serve the network combined with baselines ({@link EnsembleConfig}); absent:
 *     the network alone
 */
public record TrainerConfig(DataConfig data, TrainingConfig training, ModelConfig model,
    IntervalConfig intervals,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) EnsembleConfig ensemble) {

  /** Loss names accepted. */
  public static final Set<String> LOSSES = Set.of("mse", "mae");
  /** Optimiser names accepted. */
  public static final Set<String> OPTIMIZERS = Set.of("rmsprop", "adam", "sgd");

  private static final ObjectMapper JSON = strictMapper();

  /** Fills absent sections with their defaults. */
  public TrainerConfig {
    data = data == null ? DataConfig.defaults() : data;
    training = training == null ? TrainingConfig.defaults() : training;
    model = model == null ? ModelConfig.defaults() : model;
    intervals = intervals == null ? IntervalConfig.defaults() : intervals;
  }

  /** Default prediction-interval levels, without an ensemble (the network alone). */
  public TrainerConfig(DataConfig data, TrainingConfig training, ModelConfig model) {
    this(data, training, model, null, null);
  }

  /** The tutorial's configuration. */
  public static TrainerConfig defaults() {
    return new TrainerConfig(null, null, null);
  }

  /**
   * Reads and validates a config file.
   *
   * @param file a JSON file
   * @return the validated config with defaults filled in
   * @throws ConfigException naming the file, key and reason when the file is missing, not JSON,
   *     has an unknown key, a value of the wrong type or out of range
   */
  public static TrainerConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("trainer config file " + file + " does not exist", "", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trainer config file " + file, e);
    }
    try {
      return parse(text);
    } catch (ConfigException e) {
      throw new ConfigException("in " + file + ": " + e.getMessage(), e.key(), e);
    }
  }

  /**
   * Parses and validates config JSON.
   *
   * @param json a JSON object
   * @return the validated config with defaults filled in
   * @throws ConfigException naming the key and the reason
   */
  public static TrainerConfig parse(String json) {
    TrainerConfig config;
    try {
      config = JSON.readValue(json, TrainerConfig.class);
    } catch (JsonProcessingException e) {
      throw translate(e);
    }
    if (config == null) {
      throw new ConfigException("", "the config must be a JSON object, was null");
    }
    config.validate();
    return config;
  }

  private static ConfigException translate(JsonProcessingException e) {
    // A syntax error deep inside an object arrives wrapped in a mapping exception.
    if (e.getCause() instanceof JsonParseException p) {
      e = p;
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String key = path(u);
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      return new ConfigException("invalid trainer config: " + key
          + ": unknown key; known keys here: " + known, key, e);
    }
    if (e instanceof InvalidFormatException f) {
      String key = path(f);
      return new ConfigException("invalid trainer config: " + key + ": value '" + f.getValue()
          + "' is not " + typeName(f.getTargetType()), key, e);
    }
    if (e instanceof MismatchedInputException m) {
      String key = path(m);
      return new ConfigException("invalid trainer config: " + key + ": expected "
          + typeName(m.getTargetType()) + " (" + m.getOriginalMessage() + ")", key, e);
    }
    if (e instanceof JsonMappingException m) {
      String key = path(m);
      return new ConfigException("invalid trainer config: " + key + ": " + m.getOriginalMessage(),
          key, e);
    }
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
        + ", column " + e.getLocation().getColumnNr();
    return new ConfigException("trainer config is not valid JSON: " + e.getOriginalMessage()
        + where, "", e);
  }

  /** This config as indented JSON, in the same format {@link #parse} reads. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks every value's range and the layer stack's shape.
   *
   * @return this config
   * @throws ConfigException naming the first offending key and the reason
   */
  public TrainerConfig validate() {
    validateData();
    validateTraining();
    validateWalkForward();
    validateModel();
    validateIntervals();
    validateEnsemble();
    return this;
  }

  /** The normalisation mode, parsed. */
  public Normalisation normalisation() {
    return Normalisation.fromConfig(data.normalisation());
  }

  /** A copy with another data section. */
  public TrainerConfig withData(DataConfig d) {
    return new TrainerConfig(d, training, model, intervals, ensemble);
  }

  /** A copy with another training section. */
  public TrainerConfig withTraining(TrainingConfig t) {
    return new TrainerConfig(data, t, model, intervals, ensemble);
  }

  /** A copy with other prediction-interval levels. */
  public TrainerConfig withIntervals(IntervalConfig i) {
    return new TrainerConfig(data, training, model, i, ensemble);
  }

  /** A copy with another model section. */
  public TrainerConfig withModel(ModelConfig m) {
    return new TrainerConfig(data, training, m, intervals, ensemble);
  }

  private void validateData() {
    List<String> cols = data.columns();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cols.size(); i++) {
      String c = cols.get(i);
      if (c == null || c.isBlank()) {
        throw new ConfigException("data.columns[" + i + "]", "column name is empty");
      }
      if (!seen.add(c)) {
        throw new ConfigException("data.columns[" + i + "]", "column '" + c + "' listed twice");
      }
    }
    if (data.target() != null && !cols.contains(data.target())) {
      throw new ConfigException("data.target",
          "'" + data.target() + "' is not among data.columns " + cols);
    }
    if (data.windowLength() < 2) {
      throw new ConfigException("data.windowLength", "must be >= 2, was " + data.windowLength());
    }
    if (data.horizon() < 1) {
      throw new ConfigException("data.horizon", "must be >= 1, was " + data.horizon());
    }
    double split = data.trainTestSplit();
    if (!(split > 0.0 && split < 1.0)) {
      throw new ConfigException("data.trainTestSplit",
          "must be strictly between 0 and 1, was " + split);
    }
    double val = data.validationFraction();
    if (!(val >= 0.0 && val < 1.0)) {
      throw new ConfigException("data.validationFraction",
          "must be >= 0 and < 1, was " + val);
    }
    try {
      Normalisation.fromConfig(data.normalisation());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("data.normalisation", e.getMessage());
    }
    if (data.maxRows() != null && data.maxRows() < data.windowLength() + 2) {
      throw new ConfigException("data.maxRows", "must be at least windowLength + 2 = "
          + (data.windowLength() + 2) + " to give a training and a held-out window, was "
          + data.maxRows());
    }
  }

  private void validateTraining() {
    if (training.epochs() < 1) {
      throw new ConfigException("training.epochs", "must be >= 1, was " + training.epochs());
    }
    if (training.batchSize() < 1) {
      throw new ConfigException("training.batchSize", "must be >= 1, was "
          + training.batchSize());
    }
    Integer patience = training.earlyStoppingPatience();
    if (patience != null) {
      if (patience < 1) {
        throw new ConfigException("training.earlyStoppingPatience",
            "must be >= 1 (or absent for no early stopping), was " + patience);
      }
      if (data.validationFraction() == 0.0) {
        throw new ConfigException("training.earlyStoppingPatience",
            "early stopping watches the validation loss, so data.validationFraction must be > 0");
      }
    }
  }

  private void validateWalkForward() {
    Integer folds = training.walkForwardFolds();
    if (folds != null && folds < 1) {
      throw new ConfigException("training.walkForwardFolds",
          "must be >= 1 (or absent for no walk-forward evaluation), was " + folds);
    }
    double tail = training.walkForwardTail();
    if (!(tail > 0.0 && tail < 1.0)) {
      throw new ConfigException("training.walkForwardTail",
          "must be strictly between 0 and 1, was " + tail);
    }
  }

  private void validateIntervals() {
    List<Double> levels = intervals.levels();
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < levels.size(); i++) {
      Double l = levels.get(i);
      String key = "intervals.levels[" + i + "]";
      if (l == null || !(l > 0.0 && l < 1.0)) {
        throw new ConfigException(key, "a nominal coverage strictly between 0 and 1 (e.g. 0.8) is"
            + " required, was " + l);
      }
      if (!seen.add(l)) {
        throw new ConfigException(key, "level " + l + " listed twice");
      }
    }
    try {
      io.tickcast.core.interval.IntervalScaling.fromConfig(intervals.scaling());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("intervals.scaling", e.getMessage());
    }
    if (!levels.isEmpty() && data.validationFraction() == 0.0) {
      throw new ConfigException("intervals.levels", "intervals are calibrated on the validation"
          + " windows, so data.validationFraction must be > 0 (or set intervals.levels to [])");
    }
  }

  private void validateModel() {
    if (!LOSSES.contains(model.loss())) {
      throw new ConfigException("model.loss", "unknown loss '" + model.loss()
          + "'; expected one of " + sorted(LOSSES));
    }
    OptimizerConfig opt = model.optimizer();
    if (!OPTIMIZERS.contains(opt.type())) {
      throw new ConfigException("model.optimizer.type", "unknown optimizer '" + opt.type()
          + "'; expected one of " + sorted(OPTIMIZERS));
    }
    if (!(opt.learningRate() > 0.0 && Double.isFinite(opt.learningRate()))) {
      throw new ConfigException("model.optimizer.learningRate",
          "must be a positive number, was " + opt.learningRate());
    }
    if ("rmsprop".equals(opt.type())) {
      if (!(opt.rho() > 0.0 && opt.rho() < 1.0)) {
        throw new ConfigException("model.optimizer.rho",
            "must be strictly between 0 and 1, was " + opt.rho());
      }
    } else if (opt.rho() != null) {
      throw new ConfigException("model.optimizer.rho", "is used only by rmsprop, not " + opt.type());
    }
    if ("sgd".equals(opt.type())) {
      if (opt.epsilon() != null) {
        throw new ConfigException("model.optimizer.epsilon", "is not used by sgd");
      }
    } else if (!(opt.epsilon() > 0.0 && Double.isFinite(opt.epsilon()))) {
      throw new ConfigException("model.optimizer.epsilon",
          "must be a positive number, was " + opt.epsilon());
    }
    if (opt.learningRateDecay() != null
        && !(opt.learningRateDecay() > 0.0 && opt.learningRateDecay() <= 1.0)) {
      throw new ConfigException("model.optimizer.learningRateDecay",
          "must be > 0 and <= 1 (the learning rate is multiplied by it every epoch), was "
              + opt.learningRateDecay());
    }
    if (opt.gradientClip() != null
        && !(opt.gradientClip() > 0.0 && Double.isFinite(opt.gradientClip()))) {
      throw new ConfigException("model.optimizer.gradientClip",
          "must be a positive number (the largest absolute gradient element), was "
              + opt.gradientClip());
    }
    validateLayers(model.layers());
  }

  private void validateEnsemble() {
    if (ensemble == null) {
      return;
    }
    List<String> b = ensemble.baselines();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < b.size(); i++) {
      if (!EnsembleConfig.COMBINABLE.contains(b.get(i))) {
        throw new ConfigException("ensemble.baselines[" + i + "]", "unknown baseline '" + b.get(i)
            + "'; expected one of " + EnsembleConfig.COMBINABLE);
      }
      if (!seen.add(b.get(i))) {
        throw new ConfigException("ensemble.baselines[" + i + "]", "'" + b.get(i)
            + "' listed twice");
      }
    }
    if (!EnsembleConfig.SHARED.equals(ensemble.weights())
        && !EnsembleConfig.PER_HORIZON.equals(ensemble.weights())) {
      throw new ConfigException("ensemble.weights", "unknown scheme '" + ensemble.weights()
          + "'; expected " + EnsembleConfig.SHARED + " or " + EnsembleConfig.PER_HORIZON);
    }
    if (b.isEmpty() && !ensemble.model()) {
      throw new ConfigException("ensemble", "combines nothing: no baselines and model false");
    }
    if (data.validationFraction() == 0.0) {
      throw new ConfigException("ensemble", "the weights are fitted on the validation windows,"
          + " so data.validationFraction must be > 0");
    }
    if (b.contains("ar") && data.windowLength() < io.tickcast.core.baseline.Baselines.MAX_AR_ORDER
        + 1) {
      throw new ConfigException("ensemble.baselines", "ar forecasts from the window's last p + 1"
          + " prices (p up to " + io.tickcast.core.baseline.Baselines.MAX_AR_ORDER
          + "): data.windowLength must be >= "
          + (io.tickcast.core.baseline.Baselines.MAX_AR_ORDER + 1));
    }
  }

  private static void validateLayers(List<LayerSpec> layers) {
    // Each layer's fields here; which stacks Tickcast serves is core's SupportedNetworks.
    List<SupportedNetworks.Layer> shape = new java.util.ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      String key = "model.layers[" + i + "]";
      LayerSpec l = layers.get(i);
      if (l == null) {
        throw new ConfigException(key, "layer is null");
      }
      if (l.type() == null) {
        throw new ConfigException(key + ".type", "missing; expected lstm, dropout or dense");
      }
      switch (l.type()) {
        case "lstm" -> {
          requireUnits(l, key);
          forbid(l.rate(), key + ".rate", "lstm");
          requireActivation(l, key);
          shape.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.LSTM, l.units(),
              !Boolean.TRUE.equals(l.returnSequences())));
        }
        case "dropout" -> {
          if (l.rate() == null || !(l.rate() >= 0.0 && l.rate() < 1.0)) {
            throw new ConfigException(key + ".rate",
                "a dropout rate (fraction dropped, as in Keras) >= 0 and < 1 is required, was "
                    + l.rate());
          }
          forbid(l.units(), key + ".units", "dropout");
          forbid(l.returnSequences(), key + ".returnSequences", "dropout");
          forbid(l.activation(), key + ".activation", "dropout");
          shape.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.DROPOUT, 0, false));
        }
        case "dense" -> {
          requireUnits(l, key);
          forbid(l.rate(), key + ".rate", "dense");
          forbid(l.returnSequences(), key + ".returnSequences", "dense");
          requireActivation(l, key);
          shape.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.DENSE, l.units(), false));
        }
        default -> throw new ConfigException(key + ".type",
            "unknown layer type '" + l.type() + "'; expected lstm, dropout or dense");
      }
    }
    try {
      SupportedNetworks.check(shape);
    } catch (SupportedNetworks.Violation v) {
      throw new ConfigException(v.layer() < 0 ? "model.layers" : "model.layers[" + v.layer() + "]",
          v.getMessage());
    }
  }

  private static void requireUnits(LayerSpec l, String key) {
    if (l.units() == null || l.units() < 1) {
      throw new ConfigException(key + ".units",
          l.type() + " needs units >= 1, was " + l.units());
    }
  }

  private static void requireActivation(LayerSpec l, String key) {
    try {
      Activation.fromConfig(l.activation());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ".activation", e.getMessage());
    }
  }

  private static void forbid(Object value, String key, String type) {
    if (value != null) {
      throw new ConfigException(key, "is not a " + type + " setting");
    }
  }

  private static String sorted(Set<String> s) {
    return s.stream().sorted().collect(Collectors.joining(", "));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static ObjectMapper strictMapper() {
    ObjectMapper m = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(SerializationFeature.INDENT_OUTPUT);
    // "epochs": "10" or "returnSequences": "true" is a mistake, not a number or a boolean.
    for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return m;
  }
}
