package io.tickcast.bench;

import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The benchmarked model and inputs: the tutorial's default size, random weights and windows. */
public final class BenchModels {
  /** W, ticks per window (the tutorial's 50). */
  public static final int WINDOW = 50;
  /** H, steps of the rolled-forward path (the tutorial's 50). */
  public static final int HORIZON = 50;

  private BenchModels() {}

  /**
   * LSTM 50 → dropout 0.2 → LSTM 100 (last step) → dropout 0.2 → dense 1 (linear), float, built
   * as the trainer builds it; XAVIER_UNIFORM random weights (inference cost does not depend on
   * their values).
   */
  public static MultiLayerNetwork tutorialNetwork(int features) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42)
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
        .setInputType(InputType.recurrent(features, WINDOW))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** A forecaster over the tutorial network (one close column, first-price normalisation). */
  public static Forecaster forecaster(String engine, RollForward variant) {
    ForecastSpec spec = new ForecastSpec(WINDOW, 1, 0, HORIZON, Normalisation.FIRST_PRICE, variant);
    return new Forecaster(InferenceEngine.fromConfig(engine).create(tutorialNetwork(1), 1), spec);
  }

  /** {@code batch} random-walk price windows near 100 price units, shape {@code [batch][W][1]}. */
  public static double[][][] windows(int batch, long seed) {
    Random r = new Random(seed);
    double[][][] out = new double[batch][WINDOW][1];
    for (int b = 0; b < batch; b++) {
      double p = 50 + 100 * r.nextDouble();
      for (int t = 0; t < WINDOW; t++) {
        p *= 1 + 0.01 * r.nextGaussian();
        out[b][t][0] = p;
      }
    }
    return out;
  }
}
