package io.tickcast.trainer.network;

import io.tickcast.core.engine.Dl4jImport;
import io.tickcast.core.model.ModelMetadata.LayerSpec;
import io.tickcast.trainer.config.ModelConfig;
import io.tickcast.trainer.config.OptimizerConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Builds the Deeplearning4j network for a layer stack, mapping Keras semantics onto DL4J:
 *
 * <ul>
 *   <li>{@code lstm} → DL4J {@link LSTM} (no peepholes, 4n(i+n)+4n parameters, as Keras), wrapped
 *       in {@link LastTimeStep} when {@code returnSequences} is false; activation {@code tanh},
 *       gate activation sigmoid (Keras 2.3+/TF2; Keras 1–2.2, which the tutorial used, defaulted
 *       to hard sigmoid), forget-gate bias initialised to 1 (Keras {@code unit_forget_bias}).
 *   <li>{@code dropout} rate r → {@link DropoutLayer} with retain probability 1 − r (DL4J's
 *       dropout argument is the probability of keeping an activation).
 *   <li>{@code dense} → {@link DenseLayer}, the last one an {@link OutputLayer} with the loss.
 *   <li>{@code rmsprop} → {@link RmsProp}(lr, rho, eps); Keras adds eps outside the square root,
 *       DL4J inside, a difference only for tiny squared gradients.
 * </ul>
 *
 * Weights are Xavier-uniform (Keras glorot_uniform; DL4J has no orthogonal init for the
 * recurrent kernel); the network is FLOAT and its input is NCW {@code [batch, features, time]}.
 * The same seed gives the same initial weights.
 */
public final class NetworkBuilder {
  private NetworkBuilder() {}

  /**
   * The network configuration.
   *
   * @param model loss, optimiser and a validated layer stack (see {@link
   *     io.tickcast.trainer.config.TrainerConfig#validate()})
   * @param features F, input columns per time step
   * @param windowLength W, time steps per window
   * @param seed weight-initialisation seed
   * @return the configuration, input type {@code recurrent(F, W)}
   */
  public static MultiLayerConfiguration configuration(
      ModelConfig model, int features, int windowLength, long seed) {
    NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .updater(updater(model.optimizer()));
    Double clip = model.optimizer().gradientClip();
    if (clip != null) {
      builder.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
          .gradientNormalizationThreshold(clip);
    }
    NeuralNetConfiguration.ListBuilder list = builder.list();
    List<LayerSpec> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      list.layer(i, layer(layers.get(i), i == layers.size() - 1, model.loss()));
    }
    return list.setInputType(InputType.recurrent(features, windowLength)).build();
  }

  /**
   * A new initialised network.
   *
   * @param model loss, optimiser and a validated layer stack
   * @param features F
   * @param windowLength W
   * @param seed seed for weights (and the ND4J random generator used by dropout)
   * @return an initialised {@link MultiLayerNetwork}
   */
  public static MultiLayerNetwork build(
      ModelConfig model, int features, int windowLength, long seed) {
    Nd4j.getRandom().setSeed(seed);
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(model, features, windowLength, seed));
    net.init();
    return net;
  }

  /**
   * The DL4J activation for a config name (core's vocabulary, {@link
   * io.tickcast.core.engine.Activation}).
   *
   * @param name {@code linear}, {@code tanh}, {@code sigmoid} or {@code relu}
   * @throws IllegalArgumentException for any other name
   */
  public static Activation activation(String name) {
    return Dl4jImport.toDl4j(io.tickcast.core.engine.Activation.fromConfig(name));
  }

  /**
   * The DL4J updater for an optimiser config; with {@code learningRateDecay} its learning rate
   * follows an epoch-based {@link ExponentialSchedule} (the training loop advances the network's
   * epoch count).
   */
  static IUpdater updater(OptimizerConfig opt) {
    Double decay = opt.learningRateDecay();
    ISchedule schedule = decay == null ? null
        : new ExponentialSchedule(ScheduleType.EPOCH, opt.learningRate(), decay);
    return switch (opt.type()) {
      case "rmsprop" -> schedule == null
          ? new RmsProp(opt.learningRate(), opt.rho(), opt.epsilon())
          : RmsProp.builder().learningRateSchedule(schedule).rmsDecay(opt.rho())
              .epsilon(opt.epsilon()).build();
      case "adam" -> schedule == null
          ? Adam.builder().learningRate(opt.learningRate()).epsilon(opt.epsilon()).build()
          : Adam.builder().learningRateSchedule(schedule).epsilon(opt.epsilon()).build();
      case "sgd" -> schedule == null ? new Sgd(opt.learningRate()) : new Sgd(schedule);
      default -> throw new IllegalArgumentException("unknown optimizer '" + opt.type() + "'");
    };
  }

  private static Layer layer(LayerSpec spec, boolean last, String loss) {
    return switch (spec.type()) {
      case "lstm" -> {
        LSTM lstm = new LSTM.Builder()
            .nOut(spec.units())
            .activation(activation(spec.activation()))
            .gateActivationFunction(Dl4jImport.toDl4j(io.tickcast.core.engine.Activation.SIGMOID))
            .forgetGateBiasInit(1.0)
            .build();
        yield Boolean.TRUE.equals(spec.returnSequences()) ? lstm : new LastTimeStep(lstm);
      }
      case "dropout" -> new DropoutLayer.Builder(1.0 - spec.rate()).build();
      case "dense" -> last
          ? new OutputLayer.Builder(lossFunction(loss))
              .nOut(spec.units())
              .activation(activation(spec.activation()))
              .build()
          : new DenseLayer.Builder()
              .nOut(spec.units())
              .activation(activation(spec.activation()))
              .build();
      default -> throw new IllegalArgumentException("unknown layer type '" + spec.type() + "'");
    };
  }

  private static LossFunction lossFunction(String loss) {
    return switch (loss) {
      case "mse" -> LossFunction.MSE;
      case "mae" -> LossFunction.MEAN_ABSOLUTE_ERROR;
      default -> throw new IllegalArgumentException("unknown loss '" + loss + "'");
    };
  }
}
