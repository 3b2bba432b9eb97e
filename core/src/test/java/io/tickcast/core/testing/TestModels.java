package io.tickcast.core.testing;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small networks and model artifacts for tests (shared through core's test-jar).
 *
 * <p>{@link #lastValuePlus} is built by hand so its output is known exactly: an identity
 * {@code SimpleRnn} with no recurrence passes the last time step through, and a linear output
 * layer weighs it.
 */
public final class TestModels {
  private TestModels() {}

  /**
   * A double-precision network whose output for a normalised window {@code x} (shape {@code
   * [W][features]}) is {@code sum_c weights[c] * x[W-1][c] + bias}.
   *
   * @param weights one weight per feature column
   * @param bias the output bias
   */
  public static MultiLayerNetwork lastValuePlus(double[] weights, double bias) {
    int f = weights.length;
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .list()
        .layer(new LastTimeStep(new SimpleRnn.Builder().nIn(f).nOut(f)
            .activation(Activation.IDENTITY).build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(f).nOut(1)
            .activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.setParam("0_W", Nd4j.eye(f).castTo(DataType.DOUBLE));
    net.setParam("0_RW", Nd4j.zeros(DataType.DOUBLE, f, f));
    net.setParam("0_b", Nd4j.zeros(DataType.DOUBLE, 1, f));
    net.setParam("1_W", Nd4j.create(weights, new long[] {f, 1}).castTo(DataType.DOUBLE));
    net.setParam("1_b", Nd4j.create(new double[] {bias}, new long[] {1, 1}).castTo(DataType.DOUBLE));
    return net;
  }

  /**
   * A small randomly initialised stacked LSTM (units → units → dense 1), the tutorial's shape
   * scaled down; deterministic for a given seed.
   *
   * @param features input columns F
   * @param units LSTM units per layer
   * @param seed weight-initialisation seed
   */
  public static MultiLayerNetwork tinyLstm(int features, int units, long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new LSTM.Builder().nIn(features).nOut(units).activation(Activation.TANH).build())
        .layer(new LastTimeStep(new LSTM.Builder().nIn(units).nOut(units)
            .activation(Activation.TANH).build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(units).nOut(1)
            .activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * The tutorial's shape as the trainer builds it: LSTM 50 → dropout 0.2 → LSTM 100 (last step) →
   * dropout 0.2 → dense 1 (linear), float, XAVIER_UNIFORM weights from {@code seed}.
   *
   * @param features input columns F
   * @param window W, for the recurrent input type
   * @param seed weight-initialisation seed
   */
  public static MultiLayerNetwork tutorialShaped(int features, int window, long seed) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .list()
        .layer(new LSTM.Builder().nOut(50).activation(Activation.TANH)
            .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0).build())
        .layer(new DropoutLayer.Builder(0.8).build())
        .layer(new LastTimeStep(new LSTM.Builder().nOut(100).activation(Activation.TANH)
            .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0).build()))
        .layer(new DropoutLayer.Builder(0.8).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
            .activation(Activation.IDENTITY).build())
        .setInputType(InputType.recurrent(features, window))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /**
   * Saves a network as a model artifact with minimal metadata.
   *
   * @param dir artifact directory
   * @param network the network
   * @param windowLength W
   * @param horizon H
   * @param features column names
   * @param target forecast column
   * @param normalisation normalisation mode
   * @param rollForward roll-forward variant
   * @return the metadata written (with its model version)
   */
  public static ModelMetadata save(
      Path dir,
      MultiLayerNetwork network,
      int windowLength,
      int horizon,
      List<String> features,
      String target,
      Normalisation normalisation,
      RollForward rollForward) {
    ModelMetadata meta = new ModelMetadata(ModelArtifact.FORMAT_VERSION, null, windowLength,
        horizon, features, target, normalisation.configName(), rollForward.configName(), List.of(),
        Map.of(), null, null, Instant.now(), Map.of("test", "true"));
    return ModelArtifact.save(dir, network, meta);
  }

  /** A tiny random LSTM over one {@code close} column saved as an artifact. */
  public static ModelMetadata saveTinyLstm(
      Path dir, int windowLength, int horizon, Normalisation normalisation, RollForward variant,
      long seed) {
    return save(dir, tinyLstm(1, 4, seed), windowLength, horizon, List.of("close"), "close",
        normalisation, variant);
  }

  /**
   * Adds prediction intervals to a saved artifact's {@code model.json} (the network, and so the
   * model version, is unchanged).
   *
   * @param dir an artifact directory
   * @param halfWidths per level, its normalised half-width at every horizon 1..H
   * @return the metadata as rewritten
   */
  public static ModelMetadata withIntervals(Path dir, Map<Double, Double> halfWidths) {
    return withIntervals(dir, halfWidths, null, null);
  }

  /**
   * As {@link #withIntervals(Path, Map)}, with an {@code intervals.scaling} and its volatility
   * floor ({@code null}, {@code null}: written without them, as before scaling existed).
   */
  public static ModelMetadata withIntervals(Path dir, Map<Double, Double> halfWidths,
      String scaling, Double volatilityFloor) {
    try {
      java.io.File file = dir.resolve(ModelArtifact.METADATA_FILE).toFile();
      ModelMetadata meta = ModelArtifact.json().readValue(file, ModelMetadata.class);
      List<io.tickcast.core.interval.PredictionIntervals.Level> levels = new java.util.ArrayList<>();
      new java.util.TreeMap<>(halfWidths).forEach((level, q) -> levels.add(
          new io.tickcast.core.interval.PredictionIntervals.Level(level,
              java.util.Collections.nCopies(meta.horizon(), q))));
      ModelMetadata with = meta.withIntervals(new io.tickcast.core.interval.PredictionIntervals(
          "test", scaling, volatilityFloor, java.util.Collections.nCopies(meta.horizon(), 100),
          levels, null));
      ModelArtifact.json().writeValue(file, with);
      return with;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
