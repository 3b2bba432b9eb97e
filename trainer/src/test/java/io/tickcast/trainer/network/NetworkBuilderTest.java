package io.tickcast.trainer.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.model.ModelMetadata.LayerSpec;
import io.tickcast.trainer.config.ModelConfig;
import io.tickcast.trainer.config.TrainerConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

class NetworkBuilderTest {

  /** Parameters of a Keras/DL4J LSTM (no peepholes): 4 gates of n units over i + n inputs, plus bias. */
  private static long lstmParams(long i, long n) {
    return 4 * n * (i + n) + 4 * n;
  }

  @Test
  void theTutorialStackMapsLayerByLayer() {
    MultiLayerConfiguration conf =
        NetworkBuilder.configuration(ModelConfig.defaults(), 1, 50, 42);

    assertThat(conf.getConfs()).hasSize(5);
    Layer l0 = conf.getConf(0).getLayer();
    Layer l1 = conf.getConf(1).getLayer();
    Layer l2 = conf.getConf(2).getLayer();
    Layer l3 = conf.getConf(3).getLayer();
    Layer l4 = conf.getConf(4).getLayer();

    // LSTM 50, return_sequences=True: a plain LSTM (whole sequence out)
    assertThat(l0).isExactlyInstanceOf(LSTM.class);
    LSTM lstm1 = (LSTM) l0;
    assertThat(lstm1.getNIn()).isEqualTo(1);
    assertThat(lstm1.getNOut()).isEqualTo(50);
    assertThat(lstm1.getActivationFn()).isInstanceOf(ActivationTanH.class);
    assertThat(lstm1.getGateActivationFn()).isInstanceOf(ActivationSigmoid.class);
    assertThat(lstm1.getForgetGateBiasInit()).isEqualTo(1.0);

    // Dropout(0.2) keeps 80% of activations: DL4J's argument is the retain probability
    assertThat(l1).isExactlyInstanceOf(DropoutLayer.class);
    assertThat(((Dropout) l1.getIDropout()).getP()).isCloseTo(0.8, within(1e-12));
    assertThat(((Dropout) l3.getIDropout()).getP()).isCloseTo(0.8, within(1e-12));

    // LSTM 100, return_sequences=False: only the last time step goes on
    assertThat(l2).isExactlyInstanceOf(LastTimeStep.class);
    LSTM lstm2 = (LSTM) ((LastTimeStep) l2).getUnderlying();
    assertThat(lstm2.getNIn()).isEqualTo(50);
    assertThat(lstm2.getNOut()).isEqualTo(100);

    // Dense(1) + Activation("linear"), loss mse
    assertThat(l4).isExactlyInstanceOf(OutputLayer.class);
    OutputLayer out = (OutputLayer) l4;
    assertThat(out.getNIn()).isEqualTo(100);
    assertThat(out.getNOut()).isEqualTo(1);
    assertThat(out.getActivationFn()).isInstanceOf(ActivationIdentity.class);
    assertThat(out.getLossFn()).isInstanceOf(LossMSE.class);

    // RMSprop with Keras's defaults
    RmsProp rms = (RmsProp) ((BaseLayer) l0).getIUpdater();
    assertThat(rms.getLearningRate()).isEqualTo(0.001);
    assertThat(rms.getRmsDecay()).isEqualTo(0.9);
    assertThat(rms.getEpsilon()).isEqualTo(1e-7);
  }

  @Test
  void parameterCountsMatchTheHandCount() {
    MultiLayerNetwork net = NetworkBuilder.build(ModelConfig.defaults(), 1, 50, 42);
    long lstm1 = lstmParams(1, 50); // 10 400
    long lstm2 = lstmParams(50, 100); // 60 400
    long dense = 100 + 1;
    assertThat(lstm1).isEqualTo(10_400);
    assertThat(lstm2).isEqualTo(60_400);
    assertThat(net.getLayer(0).numParams()).isEqualTo(lstm1);
    assertThat(net.getLayer(1).numParams()).isZero();
    assertThat(net.getLayer(2).numParams()).isEqualTo(lstm2);
    assertThat(net.getLayer(3).numParams()).isZero();
    assertThat(net.getLayer(4).numParams()).isEqualTo(dense);
    assertThat(net.numParams()).isEqualTo(70_901);
  }

  @Test
  void twoFeaturesWidenOnlyTheFirstLayer() {
    MultiLayerNetwork net = NetworkBuilder.build(ModelConfig.defaults(), 2, 50, 42);
    assertThat(net.getLayer(0).numParams()).isEqualTo(4 * 50 * (2 + 50) + 4 * 50);
    assertThat(net.numParams()).isEqualTo(10_600 + 60_400 + 101);
  }

  @Test
  void forgetGateBiasStartsAtOneAndTheOtherBiasesAtZero() {
    MultiLayerNetwork net = NetworkBuilder.build(ModelConfig.defaults(), 1, 50, 42);
    INDArray bias = net.getParam("0_b");
    assertThat(bias.length()).isEqualTo(4 * 50);
    double[] b = bias.toDoubleVector();
    long ones = java.util.Arrays.stream(b).filter(v -> v == 1.0).count();
    long zeros = java.util.Arrays.stream(b).filter(v -> v == 0.0).count();
    assertThat(ones).isEqualTo(50);
    assertThat(zeros).isEqualTo(150);
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    INDArray a = NetworkBuilder.build(ModelConfig.defaults(), 1, 10, 5).params();
    INDArray b = NetworkBuilder.build(ModelConfig.defaults(), 1, 10, 5).params();
    INDArray c = NetworkBuilder.build(ModelConfig.defaults(), 1, 10, 6).params();
    assertThat(a.toFloatVector()).containsExactly(b.toFloatVector());
    assertThat(a.toFloatVector()).isNotEqualTo(c.toFloatVector());
  }

  @Test
  void aHiddenDenseLayerAndActivationsFollowTheSpec() {
    ModelConfig model = TrainerConfig.parse("""
        {"model": {"layers": [
          {"type": "lstm", "units": 4, "activation": "relu"},
          {"type": "dense", "units": 3, "activation": "sigmoid"},
          {"type": "dense", "units": 1}]}}""").model();
    MultiLayerNetwork net = NetworkBuilder.build(model, 2, 5, 1);
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    List<Layer> layers = List.of(conf.getConf(0).getLayer(), conf.getConf(1).getLayer(),
        conf.getConf(2).getLayer());
    assertThat(layers.get(0)).isExactlyInstanceOf(LastTimeStep.class);
    assertThat(((LSTM) ((LastTimeStep) layers.get(0)).getUnderlying()).getActivationFn())
        .isInstanceOf(ActivationReLU.class);
    assertThat(layers.get(1)).isExactlyInstanceOf(DenseLayer.class);
    assertThat(((FeedForwardLayer) layers.get(1)).getNIn()).isEqualTo(4);
    assertThat(((BaseLayer) layers.get(1)).getActivationFn()).isInstanceOf(ActivationSigmoid.class);
    assertThat(net.numParams()).isEqualTo(lstmParams(2, 4) + (4 * 3 + 3) + (3 + 1));
    // one window [batch 1, features 2, time 5] gives one value
    assertThat(net.output(org.nd4j.linalg.factory.Nd4j.zeros(
        org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 2, 5)).length()).isEqualTo(1);
  }

  @Test
  void layerSpecsAreRecordedWithTheirDefaults() {
    List<LayerSpec> layers = TrainerConfig.parse(
        "{\"model\": {\"layers\": [{\"type\": \"lstm\", \"units\": 4}, {\"type\": \"dense\", \"units\": 1}]}}")
        .model().layers();
    assertThat(layers).containsExactly(new LayerSpec("lstm", 4, null, false, "tanh"),
        new LayerSpec("dense", 1, null, null, "linear"));
  }

  @Test
  void gradientClippingAndTheLearningRateScheduleReachEveryLayer() {
    ModelConfig model = TrainerConfig.parse("""
        {"model": {"optimizer": {"learningRate": 0.01, "learningRateDecay": 0.5,
          "gradientClip": 0.25}}}""").model();
    MultiLayerConfiguration conf = NetworkBuilder.configuration(model, 1, 10, 42);
    for (int i = 0; i < conf.getConfs().size(); i++) {
      Layer l = conf.getConf(i).getLayer();
      if (l instanceof LastTimeStep wrapper) {
        l = wrapper.getUnderlying();
      }
      if (l instanceof BaseLayer b) {
        assertThat(b.getGradientNormalization())
            .isEqualTo(org.deeplearning4j.nn.conf.GradientNormalization
                .ClipElementWiseAbsoluteValue);
        assertThat(b.getGradientNormalizationThreshold()).isEqualTo(0.25);
        // epoch e (0-based) steps with 0.01 × 0.5^e: 0.01, 0.005, 0.0025
        assertThat(b.getIUpdater().getLearningRate(0, 0)).isCloseTo(0.01, within(1e-12));
        assertThat(b.getIUpdater().getLearningRate(0, 2)).isCloseTo(0.0025, within(1e-12));
      }
    }
  }
}
