package io.tickcast.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.cli.TickcastCli;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickcast model export-onnx DIR} on an artifact written before ONNX export existed. */
class ExportOnnxCommandTest {
  @TempDir Path dir;

  @Test
  void writesModelOnnxAndRecordsItsChecksum() throws Exception {
    Path artifact = dir.resolve("v1");
    ModelMetadata before = TestModels.saveTinyLstm(artifact, 10, 3, Normalisation.FIRST_PRICE,
        RollForward.SEED, 1);
    StringWriter out = new StringWriter();
    CommandLine cl = TickcastCli.commandLine();
    cl.setOut(new PrintWriter(out, true));

    int code = cl.execute("model", "export-onnx", dir.toString());

    Path onnx = artifact.resolve(ModelArtifact.ONNX_FILE);
    assertThat(code).isZero();
    assertThat(onnx).isRegularFile();
    String sha = ModelArtifact.sha256(Files.readAllBytes(onnx));
    ModelMetadata after = ModelArtifact.load(artifact).metadata();
    assertThat(after.onnxSha256()).isEqualTo(sha);
    assertThat(after.modelVersion()).isEqualTo(before.modelVersion());
    assertThat(out.toString()).contains(onnx.toString()).contains(sha.substring(0, 12));
  }

  @Test
  void aDirectoryWithoutAnArtifactFailsWithAMessage() {
    StringWriter err = new StringWriter();
    CommandLine cl = TickcastCli.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("model", "export-onnx", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("no model artifact");
  }
}
