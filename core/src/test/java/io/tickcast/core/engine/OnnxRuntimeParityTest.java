package io.tickcast.core.engine;

import static io.tickcast.core.engine.JavaLstmParityTest.maxAbsDiff;
import static io.tickcast.core.engine.JavaLstmParityTest.normalised;
import static io.tickcast.core.engine.JavaLstmParityTest.randomise;
import static io.tickcast.core.engine.JavaLstmParityTest.windows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Holds {@link OnnxRuntimeSequenceModel} (ONNX Runtime on the graph {@link OnnxExport} writes) to
 * DL4J's outputs within 1e-5 in normalised space, for next step and every roll-forward variant of
 * the H-step path (carry-state: the LSTM operator's carried {@code Y_h}/{@code Y_c} against DL4J on
 * the growing sequences), on the parity suite's fixture networks with random weights and biases
 * (so ONNX's gate order, transposes and bias split are all exercised) and random-walk windows.
 */
class OnnxRuntimeParityTest {
  private static final double TOLERANCE = 1e-5;

  @Test
  void tinyLstmMatchesDl4j() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 7);
    randomise(net, 0.8, 7);
    assertParity(net, 1, 12, 10, 19, 11);
  }

  @Test
  void tutorialShapedNetworkMatchesDl4j() {
    assertParity(JavaLstmParityTest.tutorialShaped(1, 50, 42), 1, 50, 50, 11, 12);
  }

  @Test
  void twoFeatureNetworkMatchesDl4j() {
    MultiLayerNetwork net = TestModels.tinyLstm(2, 6, 3);
    randomise(net, 0.6, 3);
    assertParity(net, 2, 20, 15, 17, 13);
  }

  @Test
  void everyActivationOfTheVocabularyMatchesDl4j() {
    // LSTM activations linear (ONNX Affine) and relu with a tanh gate, then a sigmoid and a relu
    // dense layer: every Activation in both the LSTM operator and after Gemm.
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT).list()
        .layer(new LSTM.Builder().nIn(3).nOut(5)
            .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
            .gateActivationFunction(org.nd4j.linalg.activations.Activation.TANH).build())
        .layer(new LastTimeStep(new LSTM.Builder().nIn(5).nOut(4)
            .activation(org.nd4j.linalg.activations.Activation.RELU).build()))
        .layer(new DenseLayer.Builder().nIn(4).nOut(3)
            .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
        .layer(new DenseLayer.Builder().nIn(3).nOut(3)
            .activation(org.nd4j.linalg.activations.Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
            .activation(org.nd4j.linalg.activations.Activation.TANH).build())
        .build());
    net.init();
    randomise(net, 0.5, 21);
    assertParity(net, 3, 9, 6, 10, 21);
  }

  @Test
  void copiesShareTheSessionAndAgree() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    randomise(net, 0.8, 9);
    SequenceModel model = onnx(net, 1);
    double[][][] x = normalised(windows(5, 12, 1, 9));
    assertThat(model.copy().predict(x)).containsExactly(model.predict(x));
    assertThat(model.predict(new double[0][][])).isEmpty();
    assertThat(model.predict(FloatWindows.empty())).isEmpty();
    assertThat(model.computesInFloat()).isTrue();
    assertThatThrownBy(() -> model.predict(FloatWindows.of(normalised(windows(2, 12, 2, 9)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
    assertThatThrownBy(() -> model.predictCarryingState(x, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
    assertThatThrownBy(() -> model.predictCarryingState(x, 3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target column");
    assertThatThrownBy(() -> model.predict(normalised(windows(2, 12, 2, 9))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
  }

  @Test
  void engineIsCreatedThroughInferenceEngine() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    assertThat(InferenceEngine.fromConfig("onnx")).isEqualTo(InferenceEngine.ONNX);
    assertThat(InferenceEngine.ONNX.resolve(net, 1)).isEqualTo(InferenceEngine.ONNX);
    assertThat(InferenceEngine.ONNX.create(net, 1)).isInstanceOf(OnnxRuntimeSequenceModel.class);
    assertThatThrownBy(() -> InferenceEngine.ONNX.resolve(
        TestModels.lastValuePlus(new double[] {1}, 0), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SimpleRnn");
  }

  @Test
  void theExportCheckRefusesAGraphThatDiffersFromTheNetwork() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    randomise(net, 0.8, 9);
    MultiLayerNetwork other = TestModels.tinyLstm(1, 4, 9);
    randomise(other, 0.8, 10);
    double[][][] x = normalised(windows(4, 12, 1, 9));
    assertThat(OnnxExport.verified(net, 1, x, "test")).isNotEmpty();
    byte[] wrong = OnnxExport.model(Dl4jImport.weights(other, 1), 12, "test");
    assertThatThrownBy(() -> OnnxExport.check(wrong, net, 1, x))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("differs from DL4J").hasMessageContaining("model.onnx not written");
  }

  private static void assertParity(
      MultiLayerNetwork net, int features, int w, int horizon, int batch, long seed) {
    double[][][] raw = windows(batch, w, features, seed);
    double[][][] x = normalised(raw);
    for (RollForward variant : RollForward.values()) {
      ForecastSpec spec = new ForecastSpec(w, features, 0, horizon, Normalisation.FIRST_PRICE, variant);
      Forecaster dl4j = new Forecaster(new Dl4jSequenceModel(net.clone(), features), spec);
      double[] reference = dl4j.model().predict(x);
      PathForecast[] a = dl4j.forecast(raw);
      Forecaster ort = new Forecaster(onnx(net, features), spec);
      double nextDiff = maxAbsDiff(reference, ort.model().predict(x));
      assertThat(nextDiff).as("onnx next step, normalised").isLessThanOrEqualTo(TOLERANCE);
      // The flat float entry point: the same float tensor, so the same result bit for bit.
      double[] flatNext = ort.model().predict(FloatWindows.of(x));
      assertThat(flatNext).as("onnx flat next step").containsExactly(ort.model().predict(x));
      assertThat(maxAbsDiff(reference, flatNext)).as("onnx flat next step vs DL4J")
          .isLessThanOrEqualTo(TOLERANCE);
      double[] ortPrices = ort.nextStep(raw);
      double[] dl4jPrices = dl4j.nextStep(raw);
      for (int i = 0; i < batch; i++) {
        // The forecaster's next step feeds the flat buffer; p = p0 (n + 1) as below.
        assertThat(Math.abs(ortPrices[i] - dl4jPrices[i]) / raw[i][0][0])
            .as("onnx forecaster next step (flat) vs DL4J").isLessThanOrEqualTo(TOLERANCE);
      }
      PathForecast[] b = ort.forecast(raw);
      double pathDiff = 0;
      for (int i = 0; i < batch; i++) {
        double p0 = raw[i][0][0];
        assertThat(b[i].path()).hasSize(horizon);
        for (int h = 0; h < horizon; h++) {
          // p = p0 (n + 1), so a price difference over p0 is the normalised difference.
          pathDiff = Math.max(pathDiff, Math.abs(a[i].path()[h] - b[i].path()[h]) / p0);
        }
      }
      System.out.printf("parity onnx F=%d W=%d H=%d batch=%d %s: next-step %.3g, path %.3g%n",
          features, w, horizon, batch, variant.configName(), nextDiff, pathDiff);
      assertThat(pathDiff).as("onnx " + variant + " path, normalised")
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  static OnnxRuntimeSequenceModel onnx(MultiLayerNetwork net, int features) {
    return new OnnxRuntimeSequenceModel(Dl4jImport.weights(net, features), 1);
  }
}
