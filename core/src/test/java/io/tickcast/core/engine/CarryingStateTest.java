package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The default {@link SequenceModel#predictCarryingState} (growing sequences, the reference) against
 * an independent computation: DL4J's own stateful {@code rnnTimeStep}, which keeps (h, c) between
 * calls, on a twin of the network whose top layer outputs every time step.
 */
class CarryingStateTest {
  private static final int W = 6;
  private static final int H = 5;

  @Test
  void growingSequencesEqualDl4jsCarriedState() {
    for (int features : new int[] {1, 2}) {
      MultiLayerNetwork net =
          TestModels.tinyLstm(features, 4, 11 + features).convertDataType(DataType.DOUBLE);
      MultiLayerNetwork stepper = sequenceTwin(net, features);
      double[][][] windows = randomWindows(3, features, 5L * features);
      int target = features - 1;

      double[][] carried = new Dl4jSequenceModel(net, features)
          .predictCarryingState(windows, H, target);

      double[] expectedFirst = new double[windows.length];
      for (int b = 0; b < windows.length; b++) {
        double[] expected = stepByStep(stepper, windows[b], target);
        assertThat(carried[b]).containsExactly(expected, within(1e-12));
        expectedFirst[b] = expected[0];
      }
      double[] next = new Dl4jSequenceModel(net, features).predict(windows);
      // The flat float entry point: the windows rounded to float (|x| ~ 0.1, so ~1e-8 each).
      double[] flatNext = new Dl4jSequenceModel(net, features).predict(FloatWindows.of(windows));
      for (int b = 0; b < windows.length; b++) {
        assertThat(carried[b][0]).isEqualTo(next[b]);
        assertThat(flatNext[b]).isCloseTo(expectedFirst[b], within(1e-6));
      }
    }
  }

  @Test
  void forecasterDenormalisesTheCarriedPathOnTheFirstWindowsBase() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 3).convertDataType(DataType.DOUBLE);
    MultiLayerNetwork stepper = sequenceTwin(net, 1);
    double[][] raw = {{100}, {101}, {99}, {102}, {104}, {103}};
    double[][] normalised = new double[W][1];
    for (int t = 0; t < W; t++) {
      normalised[t][0] = raw[t][0] / 100 - 1; // first-price: n = p / p0 - 1
    }
    double[] y = stepByStep(stepper, normalised, 0);
    Forecaster f = new Forecaster(new Dl4jSequenceModel(net, 1),
        new ForecastSpec(W, 1, 0, H, Normalisation.FIRST_PRICE, RollForward.CARRY_STATE));
    double[] path = f.forecast(new double[][][] {raw})[0].path();
    for (int h = 0; h < H; h++) {
      assertThat(path[h]).isCloseTo(100 * (y[h] + 1), within(1e-9)); // p = p0 (n + 1)
    }
  }

  /** Feeds the window, then one fed-back row per step, through DL4J's stored (h, c). */
  private static double[] stepByStep(MultiLayerNetwork stepper, double[][] window, int target) {
    stepper.rnnClearPreviousState();
    double[] out = new double[H];
    INDArray y = stepper.rnnTimeStep(ncw(window));
    out[0] = y.getDouble(0, 0, W - 1);
    for (int h = 1; h < H; h++) {
      double[] row = window[W - 1].clone();
      row[target] = out[h - 1];
      out[h] = stepper.rnnTimeStep(ncw(new double[][] {row})).getDouble(0, 0, 0);
    }
    return out;
  }

  /** LSTM → LSTM (every step) → RnnOutputLayer with {@code net}'s parameters. */
  private static MultiLayerNetwork sequenceTwin(MultiLayerNetwork net, int features) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .list()
        .layer(new LSTM.Builder().nIn(features).nOut(4).activation(Activation.TANH).build())
        .layer(new LSTM.Builder().nIn(4).nOut(4).activation(Activation.TANH).build())
        .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(1)
            .activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork twin = new MultiLayerNetwork(conf);
    twin.init();
    assertThat(twin.numParams()).isEqualTo(net.numParams());
    twin.setParams(net.params().dup());
    return twin;
  }

  private static INDArray ncw(double[][] window) {
    return Dl4jSequenceModel.toNcw(new double[][][] {window}, DataType.DOUBLE);
  }

  private static double[][][] randomWindows(int batch, int features, long seed) {
    Random r = new Random(seed);
    double[][][] out = new double[batch][W][features];
    for (double[][] w : out) {
      for (double[] row : w) {
        for (int c = 0; c < features; c++) {
          row[c] = r.nextGaussian() * 0.1;
        }
      }
    }
    return out;
  }
}
