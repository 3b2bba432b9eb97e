package io.tickcast.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@value ModelArtifact#ONNX_FILE} as another runtime would use it: the file on disk opened by
 * ONNX Runtime's Java package, its documented input and output, and its outputs on windows
 * normalised as {@code model.json} says against DL4J's; older artifacts without it still load.
 */
class OnnxArtifactTest {
  @TempDir Path dir;

  private static final int W = 8;
  private static final List<String> FEATURES = List.of("close", "volume");

  @Test
  void modelOnnxScoresRawWindowsNormalisedAsModelJsonSays() throws Exception {
    MultiLayerNetwork net = TestModels.tinyLstm(2, 5, 11);
    ModelMetadata written = ModelArtifact.saveWithOnnx(dir, net, metadata());
    Path onnx = dir.resolve(ModelArtifact.ONNX_FILE);
    assertThat(onnx).isRegularFile();
    assertThat(written.onnxSha256()).isEqualTo(ModelArtifact.sha256(Files.readAllBytes(onnx)));
    assertThat(ModelArtifact.load(dir).metadata().onnxSha256()).isEqualTo(written.onnxSha256());

    // Raw windows (close near 100, volume near 1000), normalised by the mode model.json names.
    Random r = new Random(5);
    double[][][] raw = new double[6][W][2];
    for (double[][] window : raw) {
      double p = 90 + 20 * r.nextDouble();
      for (double[] row : window) {
        p *= 1 + 0.01 * r.nextGaussian();
        row[0] = p;
        row[1] = 1000 * (1 + 0.2 * r.nextDouble());
      }
    }
    Normalisation mode = Normalisation.fromConfig(written.normalisation());
    double[][][] x = new double[raw.length][][];
    float[] flat = new float[raw.length * W * 2];
    int i = 0;
    for (int b = 0; b < raw.length; b++) {
      x[b] = mode.apply(raw[b]);
      for (double[] row : x[b]) {
        for (double v : row) {
          flat[i++] = (float) v;
        }
      }
    }
    double[] dl4j = new Dl4jSequenceModel(net, 2).predict(x);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString())) {
      NodeInfo in = session.getInputInfo().get("window");
      NodeInfo out = session.getOutputInfo().get("next");
      assertThat(session.getInputNames()).containsExactly("window");
      assertThat(session.getOutputNames()).containsExactly("next");
      assertThat(((TensorInfo) in.getInfo()).getShape()).containsExactly(-1, W, 2);
      assertThat(((TensorInfo) out.getInfo()).getShape()).containsExactly(-1, 1);
      try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat),
              new long[] {raw.length, W, 2});
          OrtSession.Result result = session.run(Map.of("window", t))) {
        float[][] next = (float[][]) result.get("next").orElseThrow().getValue();
        for (int b = 0; b < raw.length; b++) {
          assertThat(Math.abs(next[b][0] - dl4j[b])).as("window " + b).isLessThan(1e-5);
          // Back to price units as the stream app does: first-price p = p0 (n + 1).
          double price = raw[b][0][0] * (next[b][0] + 1);
          assertThat(price).isCloseTo(raw[b][0][0] * (dl4j[b] + 1),
              org.assertj.core.data.Offset.offset(raw[b][0][0] * 1e-5));
        }
      }
    }
  }

  @Test
  void artifactsWithoutOnnxLoadAndExportOnnxAddsIt() throws Exception {
    MultiLayerNetwork net = TestModels.tinyLstm(2, 5, 12);
    ModelMetadata old = ModelArtifact.save(dir, net, metadata());
    assertThat(old.onnxSha256()).isNull();
    assertThat(dir.resolve(ModelArtifact.ONNX_FILE)).doesNotExist();
    assertThat(ModelArtifact.load(dir).version()).isEqualTo(old.modelVersion());
    assertThat(Files.readString(dir.resolve(ModelArtifact.METADATA_FILE))).doesNotContain("onnx");

    Path onnx = ModelArtifact.exportOnnx(dir);
    LoadedModel reloaded = ModelArtifact.load(dir);
    assertThat(reloaded.version()).isEqualTo(old.modelVersion());
    assertThat(reloaded.metadata().onnxSha256())
        .isEqualTo(ModelArtifact.sha256(Files.readAllBytes(onnx)));
    assertThat(reloaded.metadata().withOnnxSha256(null)).isEqualTo(old);
  }

  @Test
  void aCorruptedOnnxFileFailsTheLoadAndAMissingOneDoesNot() throws Exception {
    ModelArtifact.saveWithOnnx(dir, TestModels.tinyLstm(2, 5, 13), metadata());
    Path onnx = dir.resolve(ModelArtifact.ONNX_FILE);
    byte[] bytes = Files.readAllBytes(onnx);
    Files.write(onnx, java.util.Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> ModelArtifact.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.onnx")
        .hasMessageContaining("export-onnx");
    Files.delete(onnx);
    assertThat(ModelArtifact.load(dir).metadata().onnxSha256()).isNotNull();
  }

  @Test
  void aNetworkTickcastDoesNotServeIsNotExported() {
    MultiLayerNetwork rnn = TestModels.lastValuePlus(new double[] {1, 0}, 0);
    assertThatThrownBy(() -> ModelArtifact.saveWithOnnx(dir, rnn, metadata()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SimpleRnn");
    assertThat(dir.resolve(ModelArtifact.ONNX_FILE)).doesNotExist();
    assertThat(dir.resolve(ModelArtifact.NETWORK_FILE)).doesNotExist();
  }

  private static ModelMetadata metadata() {
    return new ModelMetadata(ModelArtifact.FORMAT_VERSION, null, W, 3, FEATURES, "close",
        Normalisation.FIRST_PRICE.configName(), RollForward.SEED.configName(), List.of(),
        Map.of(), null, null, Instant.parse("2026-12-01T00:00:00Z"), Map.of("test", "true"));
  }
}
