package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceEngineTest {

  @Test
  void parsesConfigNamesAndRejectsOthers() {
    assertThat(InferenceEngine.fromConfig("java")).isEqualTo(InferenceEngine.JAVA);
    assertThat(InferenceEngine.fromConfig(" DL4J ")).isEqualTo(InferenceEngine.DL4J);
    assertThat(InferenceEngine.fromConfig("onnx")).isEqualTo(InferenceEngine.ONNX);
    assertThatThrownBy(() -> InferenceEngine.fromConfig("tensorflow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tensorflow").hasMessageContaining("[dl4j, java, onnx, auto]");
  }

  @Test
  void autoPicksJavaForLstmsAndDl4jForOtherLayers() {
    var lstm = TestModels.tinyLstm(1, 3, 1);
    var rnn = TestModels.lastValuePlus(new double[] {1}, 0);
    assertThat(InferenceEngine.AUTO.resolve(lstm, 1)).isEqualTo(InferenceEngine.JAVA);
    assertThat(InferenceEngine.AUTO.resolve(rnn, 1)).isEqualTo(InferenceEngine.DL4J);
    assertThat(InferenceEngine.AUTO.create(rnn, 1)).isInstanceOf(Dl4jSequenceModel.class);
    assertThat(InferenceEngine.DL4J.resolve(lstm, 1)).isEqualTo(InferenceEngine.DL4J);
    assertThatThrownBy(() -> InferenceEngine.JAVA.resolve(rnn, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SimpleRnn");
  }

  @Test
  void loadedModelMakesForecastersOnEitherEngineThatAgree(@TempDir Path dir) {
    TestModels.saveTinyLstm(dir, 10, 5, Normalisation.FIRST_PRICE, RollForward.SEED, 21);
    LoadedModel model = ModelArtifact.load(dir);
    Forecaster dl4j = model.newForecaster(InferenceEngine.DL4J);
    Forecaster java = model.newForecaster(InferenceEngine.JAVA);
    assertThat(dl4j.model()).isInstanceOf(Dl4jSequenceModel.class);
    assertThat(java.model()).isInstanceOf(JavaLstmSequenceModel.class);
    double[][][] windows = JavaLstmParityTest.windows(3, 10, 1, 21);
    double[] a = dl4j.nextStep(windows);
    double[] b = java.nextStep(windows);
    for (int i = 0; i < a.length; i++) {
      // Price units near 100: 1e-5 normalised is about 1e-3 here.
      assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5 * windows[i][0][0]));
    }
  }
}
