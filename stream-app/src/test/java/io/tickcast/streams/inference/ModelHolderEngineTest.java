package io.tickcast.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.engine.ChunkScheduler;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.engine.JavaLstmSequenceModel;
import io.tickcast.core.engine.OnnxRuntimeSequenceModel;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tickcast.inference.engine} setting and how {@link ModelHolder} applies it. */
class ModelHolderEngineTest {
  @TempDir Path dir;

  private LoadedModel lstm() {
    TestModels.saveTinyLstm(dir.resolve("lstm"), 8, 3, Normalisation.FIRST_PRICE,
        RollForward.SEED, 4);
    return ModelArtifact.load(dir.resolve("lstm"));
  }

  private LoadedModel simpleRnn() {
    TestModels.save(dir.resolve("rnn"), TestModels.lastValuePlus(new double[] {1.0}, 0.5), 8, 3,
        List.of("close"), "close", Normalisation.FIRST_PRICE, RollForward.SEED);
    return ModelArtifact.load(dir.resolve("rnn"));
  }

  @Test
  void configDefaultsToAutoAndTakesTheEnvironmentOverride() {
    Map<String, String> model = Map.of(AppConfig.MODEL_DIR, dir.toString());
    assertThat(AppConfig.of(model).inferenceEngine()).isEqualTo(InferenceEngine.AUTO);
    assertThat(AppConfig.load(null, Map.of("TICKCAST_MODEL_DIR", dir.toString(),
        "TICKCAST_INFERENCE_ENGINE", "dl4j")).inferenceEngine()).isEqualTo(InferenceEngine.DL4J);
    assertThat(AppConfig.of(Map.of(AppConfig.MODEL_DIR, dir.toString(),
        AppConfig.INFERENCE_ENGINE, "onnx")).inferenceEngine()).isEqualTo(InferenceEngine.ONNX);
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, dir.toString(),
        AppConfig.INFERENCE_ENGINE, "tensorflow")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(AppConfig.INFERENCE_ENGINE).hasMessageContaining("tensorflow");
  }

  @Test
  void autoServesLstmsOnTheMeasuredEngineAndOtherNetworksOnDl4j() {
    // Which engine is fastest is the machine's business; the holder serves the one it chose.
    ModelHolder holder = new ModelHolder(lstm(), InferenceEngine.AUTO);
    assertThat(holder.engine()).isIn(InferenceEngine.JAVA, InferenceEngine.ONNX,
        InferenceEngine.DL4J);
    Class<?> served = switch (holder.engine()) {
      case JAVA -> JavaLstmSequenceModel.class;
      case ONNX -> OnnxRuntimeSequenceModel.class;
      default -> Dl4jSequenceModel.class;
    };
    assertThat(holder.forThisThread().forecaster().model()).isInstanceOf(served);
    assertThat(new ModelHolder(lstm(), InferenceEngine.ONNX).forThisThread().forecaster().model())
        .isInstanceOf(OnnxRuntimeSequenceModel.class);
    ModelHolder rnn = new ModelHolder(simpleRnn(), InferenceEngine.AUTO);
    assertThat(rnn.engine()).isEqualTo(InferenceEngine.DL4J);
    assertThat(rnn.forThisThread().forecaster().model()).isInstanceOf(Dl4jSequenceModel.class);
    assertThat(new ModelHolder(lstm(), InferenceEngine.DL4J).forThisThread().forecaster().model())
        .isInstanceOf(Dl4jSequenceModel.class);
  }

  @Test
  void strictJavaEngineRejectsUnsupportedNetworksAtStartAndOnReload() {
    assertThatThrownBy(() -> new ModelHolder(simpleRnn(), InferenceEngine.JAVA))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SimpleRnn");
    ModelHolder holder = new ModelHolder(lstm(), InferenceEngine.JAVA);
    LoadedModel before = holder.current();
    assertThatThrownBy(() -> holder.replace(simpleRnn()))
        .isInstanceOf(IncompatibleModelException.class).hasMessageContaining("java");
    assertThat(holder.current()).isSameAs(before);
  }

  @Test
  void inferenceThreadsDefaultToTheStreamThreadsAndTheHolderUsesTheGivenScheduler() {
    String d = dir.toString();
    assertThat(AppConfig.of(Map.of(AppConfig.MODEL_DIR, d)).inferenceThreads()).isEqualTo(1);
    assertThat(AppConfig.of(Map.of(AppConfig.MODEL_DIR, d, AppConfig.NUM_STREAM_THREADS, "3"))
        .inferenceThreads()).isEqualTo(3);
    assertThat(AppConfig.of(Map.of(AppConfig.MODEL_DIR, d, AppConfig.NUM_STREAM_THREADS, "2",
        AppConfig.INFERENCE_THREADS, "5")).inferenceThreads()).isEqualTo(5);
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, d,
        AppConfig.INFERENCE_THREADS, "-1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(AppConfig.INFERENCE_THREADS);
    ExecutorService pool = ChunkScheduler.newWorkerPool(2);
    try {
      ModelHolder holder = new ModelHolder(lstm(), InferenceEngine.JAVA, null,
          new ChunkScheduler(pool, 2));
      assertThat(((JavaLstmSequenceModel) holder.forThisThread().forecaster().model()).threads())
          .isEqualTo(3);
      assertThat(((JavaLstmSequenceModel) new ModelHolder(lstm(), InferenceEngine.JAVA)
          .forThisThread().forecaster().model()).threads()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
