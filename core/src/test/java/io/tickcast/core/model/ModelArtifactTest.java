package io.tickcast.core.model;

import io.tickcast.core.engine.Dl4jSequenceModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {
  @TempDir Path dir;

  private static final double[][][] WINDOWS = {
    {{100}, {101}, {103}, {102}, {104}}, {{50}, {49}, {48}, {51}, {52}}
  };

  @Test
  void savedAndReloadedModelGivesIdenticalForecasts() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 7);
    ModelMetadata written = TestModels.save(dir, net, 5, 3, List.of("close"), "close",
        Normalisation.FIRST_PRICE, RollForward.RENORMALISE);

    LoadedModel loaded = ModelArtifact.load(dir);

    assertThat(loaded.version()).isEqualTo(written.modelVersion()).hasSize(64);
    assertThat(loaded.metadata().forecastSpec().rollForward()).isEqualTo(RollForward.RENORMALISE);
    var original = new io.tickcast.core.forecast.Forecaster(
        new Dl4jSequenceModel(net, 1), written.forecastSpec());
    var reloaded = loaded.newForecaster();
    assertThat(reloaded.nextStep(WINDOWS)).containsExactly(original.nextStep(WINDOWS));
    assertThat(reloaded.forecast(WINDOWS)[1].path()).containsExactly(original.forecast(WINDOWS)[1].path());
  }

  @Test
  void truncatedNetworkFileFailsClearly() throws IOException {
    TestModels.saveTinyLstm(dir, 5, 3, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    Path zip = dir.resolve(ModelArtifact.NETWORK_FILE);
    byte[] bytes = Files.readAllBytes(zip);
    Files.write(zip, Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> ModelArtifact.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.zip")
        .hasMessageContaining("truncated, corrupted or from another model");
  }

  @Test
  void readsFormatVersionOneAndRefusesANewerFormat() throws IOException {
    TestModels.saveTinyLstm(dir, 5, 3, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    Path meta = dir.resolve(ModelArtifact.METADATA_FILE);
    ObjectNode json = (ObjectNode) ModelArtifact.json().readTree(meta.toFile());
    assertThat(json.get("formatVersion").asInt()).isEqualTo(2);
    json.put("formatVersion", 1); // written before scaled intervals existed
    Files.writeString(meta, json.toString());
    assertThat(ModelArtifact.load(dir).metadata().formatVersion()).isEqualTo(1);

    json.put("formatVersion", 3);
    Files.writeString(meta, json.toString());
    assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("format version 3").hasMessageContaining("versions 1 to 2");
  }

  @Test
  void missingMetadataFailsClearly() {
    assertThatThrownBy(() -> ModelArtifact.load(dir.resolve("nothing-here")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.json").hasMessageContaining("does not exist");
  }

  @Test
  void foreignFileFailsClearly() throws IOException {
    TestModels.saveTinyLstm(dir, 5, 3, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    // a valid zip that is not a DL4J network, with metadata whose hash matches it
    Path zip = dir.resolve(ModelArtifact.NETWORK_FILE);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("readme.txt"));
      out.write("not a network".getBytes());
    }
    rewriteVersion(ModelArtifact.sha256(Files.readAllBytes(zip)));

    assertThatThrownBy(() -> ModelArtifact.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("is not a Deeplearning4j MultiLayerNetwork zip");
  }

  @Test
  void garbageMetadataFailsClearly() throws IOException {
    TestModels.saveTinyLstm(dir, 5, 3, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    Files.writeString(dir.resolve(ModelArtifact.METADATA_FILE), "{\"formatVersion\": ");
    assertThatThrownBy(() -> ModelArtifact.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("is not valid Tickcast metadata JSON");
  }

  @Test
  void metadataThatDisagreesWithTheNetworkFailsClearly() {
    TestModels.save(dir, TestModels.tinyLstm(1, 4, 1), 5, 3, List.of("close", "volume"), "close",
        Normalisation.FIRST_PRICE, RollForward.SEED);
    assertThatThrownBy(() -> ModelArtifact.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("takes 1 input features but its metadata lists 2");
  }

  @Test
  void latestPicksTheNewestArtifact() throws Exception {
    TestModels.saveTinyLstm(dir.resolve("a"), 5, 3, Normalisation.NONE, RollForward.SEED, 1);
    Thread.sleep(5);
    TestModels.saveTinyLstm(dir.resolve("b"), 5, 3, Normalisation.NONE, RollForward.SEED, 2);
    assertThat(ModelArtifact.latest(dir)).contains(dir.resolve("b"));
    assertThat(ModelArtifact.latest(dir.resolve("a"))).contains(dir.resolve("a"));
    assertThat(ModelArtifact.latest(dir.resolve("none"))).isEmpty();
  }

  @Test
  void metadataWithPropertiesThisVersionDoesNotKnowStillLoads() throws IOException {
    ModelMetadata written =
        TestModels.saveTinyLstm(dir, 5, 3, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    Path meta = dir.resolve(ModelArtifact.METADATA_FILE);
    ObjectNode json = (ObjectNode) ModelArtifact.json().readTree(meta.toFile());
    // as a newer trainer might write: a new top-level field and a new nested one
    json.putObject("futureCalibration").put("level", 0.9);
    json.putObject("trainingData").put("file", "f.csv").put("futureField", "x");
    json.withArray("layers").addObject().put("type", "dense").put("units", 1)
        .put("futureOption", true);
    ModelArtifact.json().writeValue(meta.toFile(), json);

    LoadedModel loaded = ModelArtifact.load(dir);

    assertThat(loaded.version()).isEqualTo(written.modelVersion());
    assertThat(loaded.metadata().windowLength()).isEqualTo(5);
  }

  @Test
  void trainingDataWithoutTheSplitBoundariesReadsAsNullAndTheBoundariesRoundTrip()
      throws IOException {
    // trainingData as written before the purge gap and the boundary times existed
    ModelMetadata.TrainingData old = ModelArtifact.json().readValue("""
        {"file": "sp500.csv", "sha256": "ab", "rows": 100, "trainRows": 80, "testFromRow": 80}""",
        ModelMetadata.TrainingData.class);
    assertThat(old).isEqualTo(new ModelMetadata.TrainingData("sp500.csv", "ab", 100, 80, 80));
    assertThat(old.purgeWindows()).isNull();
    assertThat(old.heldOutFrom()).isNull();
    assertThat(ModelArtifact.json().writeValueAsString(old)).doesNotContain("heldOutFrom");

    ModelMetadata.TrainingData now = new ModelMetadata.TrainingData("sp500.csv", "ab", 100, 80,
        85, 5, "Date", new ModelMetadata.Boundary(60, "02-03-00"),
        new ModelMetadata.Boundary(80, "04-03-00"));
    assertThat(ModelArtifact.json().readValue(ModelArtifact.json().writeValueAsString(now),
        ModelMetadata.TrainingData.class)).isEqualTo(now);
  }

  private void rewriteVersion(String version) throws IOException {
    Path meta = dir.resolve(ModelArtifact.METADATA_FILE);
    ModelMetadata m = ModelArtifact.json().readValue(meta.toFile(), ModelMetadata.class);
    ModelArtifact.json().writeValue(meta.toFile(), m.withModelVersion(version));
  }

  @Test
  void metadataWithoutIntervalsLoadsAndGivesNoBands() throws IOException {
    TestModels.saveTinyLstm(dir, 5, 3, Normalisation.LAST_PRICE, RollForward.SEED, 1);
    // model.json as written before intervals existed has no "intervals" key at all.
    assertThat(Files.readString(dir.resolve(ModelArtifact.METADATA_FILE)))
        .doesNotContain("intervals");

    LoadedModel loaded = ModelArtifact.load(dir);

    assertThat(loaded.metadata().intervals()).isNull();
    assertThat(loaded.metadata().intervalBands().levelCount()).isZero();
  }

  @Test
  void intervalsRoundTripThroughModelJson() {
    ModelMetadata written = TestModels.saveTinyLstm(dir, 5, 3, Normalisation.LAST_PRICE,
        RollForward.SEED, 1);
    TestModels.withIntervals(dir, java.util.Map.of(0.8, 0.01, 0.95, 0.03));

    LoadedModel loaded = ModelArtifact.load(dir);

    assertThat(loaded.version()).isEqualTo(written.modelVersion());
    var bands = loaded.metadata().intervalBands();
    assertThat(bands.levelCount()).isEqualTo(2);
    assertThat(bands.level(1)).isEqualTo(0.95);
    assertThat(bands.horizon()).isEqualTo(3);
    assertThat(bands.scaling()).isEqualTo(io.tickcast.core.interval.IntervalScaling.NONE);
    assertThat(bands.upper(1, 3, 100, new io.tickcast.core.interval.IntervalBands.WindowScale(
        100, 1))).isCloseTo(103.0,
        org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void intervalsThatDoNotFitTheHorizonFailTheLoad() throws IOException {
    TestModels.saveTinyLstm(dir, 5, 3, Normalisation.LAST_PRICE, RollForward.SEED, 1);
    TestModels.withIntervals(dir, java.util.Map.of(0.8, 0.01));
    Path meta = dir.resolve(ModelArtifact.METADATA_FILE);
    Files.writeString(meta, Files.readString(meta).replaceFirst("0\\.01,", ""));

    assertThatThrownBy(() -> ModelArtifact.load(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model.json")
        .hasMessageContaining("interval level 0.8 has 2 half-widths, the model's horizon is 3");
  }
}
