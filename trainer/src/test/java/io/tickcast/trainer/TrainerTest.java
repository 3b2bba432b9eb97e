package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.core.interval.PredictionIntervals;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelLoadException;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.chart.Charts;
import io.tickcast.trainer.config.TrainerConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on a small positive series: train, evaluate, save, reload, corrupt. */
class TrainerTest {
  private static final int ROWS = 400;
  private static final int W = 20;
  private static final int H = 5;

  @TempDir static Path dir;
  static Path csv;
  static TrainerConfig config;
  static TrainingResult result;

  @BeforeAll
  static void train() throws IOException {
    // price = 10 + sin(t / 8) + t / 500: positive, so the ratio normalisations apply
    StringBuilder sb = new StringBuilder("price\n");
    for (int t = 0; t < ROWS; t++) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", 10 + Math.sin(t / 8.0) + t / 500.0));
    }
    csv = dir.resolve("wave.csv");
    Files.writeString(csv, sb);
    config = TrainerConfig.parse("""
        {"data": {"windowLength": 20, "horizon": 5, "validationFraction": 0.1},
         "training": {"epochs": 2, "batchSize": 64, "seed": 7},
         "model": {"layers": [
           {"type": "lstm", "units": 8, "returnSequences": true},
           {"type": "dropout", "rate": 0.2},
           {"type": "lstm", "units": 8},
           {"type": "dense", "units": 1}]}}""");
    result = Trainer.run(config, csv, dir.resolve("models"));
  }

  @Test
  void theArtifactDirectoryHoldsNetworkMetadataChartsAndTable() throws Exception {
    Path a = result.artifactDir();
    assertThat(a.getParent()).isEqualTo(dir.resolve("models"));
    assertThat(a.getFileName().toString())
        .matches("\\d{8}T\\d{6}Z-" + result.modelVersion().substring(0, 12));
    assertThat(a.resolve(ModelArtifact.NETWORK_FILE)).isRegularFile();
    assertThat(a.resolve(ModelArtifact.METADATA_FILE)).isRegularFile();
    assertThat(result.metadata().onnxSha256())
        .isEqualTo(sha256(Files.readAllBytes(a.resolve(ModelArtifact.ONNX_FILE))));
    assertThat(Files.readString(a.resolve(Trainer.EVALUATION_TEXT))).isEqualTo(result.table());
    assertThat(result.charts()).extracting(p -> p.getFileName().toString()).containsExactly(
        Charts.POINT_BY_POINT, Charts.FULL_SEQUENCE, Charts.MULTIPLE_SEQUENCES, Charts.LOSS,
        Charts.THEIL_U, io.tickcast.trainer.chart.BaselineChart.FILE);
    for (Path chart : result.charts()) {
      assertThat(chart.getParent()).isEqualTo(a);
      BufferedImage img = ImageIO.read(chart.toFile());
      assertThat(img.getWidth()).isEqualTo(1200);
      assertThat(img.getHeight()).isEqualTo(600);
    }
    // the partial directory was moved into place: nothing else under the output root
    try (Stream<Path> s = Files.list(dir.resolve("models"))) {
      assertThat(s.toList()).containsExactly(a);
    }
    assertThat(ModelArtifact.latest(dir.resolve("models"))).contains(a);
  }

  @Test
  void metadataRecordsHowTheModelWasMade() throws Exception {
    ModelMetadata m = result.metadata();
    assertThat(m.modelVersion()).isEqualTo(sha256(Files.readAllBytes(
        result.artifactDir().resolve(ModelArtifact.NETWORK_FILE))));
    assertThat(m.windowLength()).isEqualTo(W);
    assertThat(m.horizon()).isEqualTo(H);
    assertThat(m.features()).containsExactly("price");
    assertThat(m.target()).isEqualTo("price");
    assertThat(m.normalisation()).isEqualTo("first-price"); // the tutorial's, the default
    assertThat(m.layers()).isEqualTo(config.model().layers());
    assertThat(m.hyperParameters()).containsEntry("optimizer", "rmsprop")
        .containsEntry("learningRate", 0.001).containsEntry("batchSize", 64)
        .containsEntry("epochs", 2).containsEntry("seed", 7);
    assertThat(m.libraries()).containsEntry("deeplearning4j", "1.0.0-M2.1")
        .containsEntry("nd4j", "1.0.0-M2.1").containsKey("tickcast");
    // 380 windows; round(0.9 * 380) = 342: held-out windows read rows from 342 on (first target
    // 342 + 20); the training windows are the 322 whose rows all precede row 342 (20 purged), of
    // which round(0.1 * 322) = 32 validate: they read rows from 290 on, 20 more purged before.
    ModelMetadata.TrainingData data = m.trainingData();
    assertThat(data.file()).isEqualTo("wave.csv");
    assertThat(data.sha256()).isEqualTo(sha256(Files.readAllBytes(csv)));
    assertThat(data.rows()).isEqualTo(ROWS);
    assertThat(data.trainRows()).isEqualTo(342);
    assertThat(data.testFromRow()).isEqualTo(362);
    assertThat(data.purgeWindows()).isEqualTo(W);
    assertThat(data.heldOutFrom()).isEqualTo(new ModelMetadata.Boundary(342, null));
    assertThat(data.validationFrom()).isEqualTo(new ModelMetadata.Boundary(290, null));
    assertThat(data.timeColumn()).isNull();
    assertThat(m.hyperParameters()).containsEntry("fitWindows", 270)
        .containsEntry("validationWindows", 32).containsEntry("heldOutWindows", 38)
        .containsEntry("purgedWindows", 40);
    assertThat(result.evaluation().firstTargetRow()).isEqualTo(362);
    assertThat(result.evaluation().actual()).hasSize(ROWS - 362);
    assertThat(m.createdAt()).isNotNull();
    // The input profile covers the training windows' inputs, rows [0, 322 + 20 - 1), read back
    // from model.json; recomputed here from the same rows.
    double[][] rows = io.tickcast.core.series.CsvSeriesReader.read(csv, List.of("price"))
        .rows();
    assertThat(m.inputProfile()).isEqualTo(io.tickcast.core.model.InputProfile.of(rows, 341, W, 0,
        io.tickcast.core.normalise.Normalisation.FIRST_PRICE));
  }

  @Test
  void theSplitBoundariesNameTheTimeColumnsTextAtTheirRows() {
    List<String> days = new java.util.ArrayList<>();
    for (int r = 0; r < 200; r++) {
      days.add("day-" + r);
    }
    io.tickcast.core.series.PriceSeries series = new io.tickcast.core.series.PriceSeries(
        "d.csv", List.of("price"), new double[200][1], "Date", days, null);
    // 190 windows, W = 10: held out from round(0.8 * 190) = 152; 142 training windows, of which
    // round(0.1 * 142) = 14 validate from window 128
    var split = io.tickcast.trainer.data.ChronologicalSplit.of(190, 0.8, 0.1, 10);

    ModelMetadata.TrainingData d = Trainer.trainingData(series, "ab", 200, split, 10);

    assertThat(d.validationFrom()).isEqualTo(new ModelMetadata.Boundary(128, "day-128"));
    assertThat(d.heldOutFrom()).isEqualTo(new ModelMetadata.Boundary(152, "day-152"));
    assertThat(d.trainRows()).isEqualTo(152);
    assertThat(d.testFromRow()).isEqualTo(162);
    assertThat(d.timeColumn()).isEqualTo("Date");
    assertThat(d.purgeWindows()).isEqualTo(10);
    // no validation run: no fit/validation boundary
    assertThat(Trainer.trainingData(series, "ab", 200,
        io.tickcast.trainer.data.ChronologicalSplit.of(190, 0.8, 0.0, 10), 10).validationFrom())
        .isNull();
  }

  @Test
  void evaluationIsStoredForEveryHorizonAndTheWinnerIsTheLowerMeanUOfTheExactVariants() {
    JsonNode e = result.metadata().evaluation();
    assertThat(e.get("heldOutWindows").asInt()).isEqualTo(38);
    double[] meanU = new double[3];
    String[] names = {"seed", "renormalise", "carry-state"};
    for (int v = 0; v < 3; v++) {
      JsonNode per = e.at("/variants/" + names[v] + "/perHorizon");
      assertThat(per).hasSize(H);
      double sum = 0;
      for (int h = 0; h < H; h++) {
        assertThat(per.get(h).get("horizon").asInt()).isEqualTo(h + 1);
        assertThat(per.get(h).get("count").asInt()).isEqualTo(38 - h);
        sum += per.get(h).get("theilU").asDouble();
      }
      meanU[v] = sum / H;
      assertThat(e.at("/variants/" + names[v] + "/meanTheilU").asDouble())
          .isCloseTo(meanU[v], org.assertj.core.api.Assertions.within(1e-12));
    }
    // carry-state (names[2]) is reported but never stored: only the exact variants compete
    String expected = meanU[1] < meanU[0] ? "renormalise" : "seed";
    assertThat(result.metadata().rollForward()).isEqualTo(expected);
    assertThat(e.get("rollForwardWinner").asText()).isEqualTo(expected);
    assertThat(e.at("/training/epochs")).hasSize(3);
    assertThat(e.at("/training/epochs/0/trainLoss").isNull()).isTrue();
  }

  @Test
  void theReloadedModelForecastsExactlyAsTheTrainedOne() {
    LoadedModel loaded = ModelArtifact.load(result.artifactDir());
    assertThat(loaded.version()).isEqualTo(result.modelVersion());
    double[][] rows = io.tickcast.core.series.CsvSeriesReader.read(csv, List.of()).rows();
    var heldOut = Windows.slice(rows, W, 0, 342, Windows.count(ROWS, W));

    double[] reloaded = loaded.newForecaster().nextStep(heldOut.inputs());

    assertThat(reloaded).containsExactly(result.evaluation().pointByPoint());
  }

  @Test
  void aTruncatedNetworkFileFailsWithAClearMessage() throws IOException {
    Path copy = dir.resolve("truncated");
    Files.createDirectories(copy);
    for (String f : List.of(ModelArtifact.NETWORK_FILE, ModelArtifact.METADATA_FILE)) {
      Files.copy(result.artifactDir().resolve(f), copy.resolve(f));
    }
    Path zip = copy.resolve(ModelArtifact.NETWORK_FILE);
    byte[] bytes = Files.readAllBytes(zip);
    Files.write(zip, Arrays.copyOf(bytes, bytes.length - 100));

    assertThatThrownBy(() -> ModelArtifact.load(copy))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(zip.toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void theSameSeedTrainsTheSameWeights() {
    TrainingResult again = Trainer.run(config, csv, dir.resolve("again"));
    var a = ModelArtifact.load(result.artifactDir()).network().params().toFloatVector();
    var b = ModelArtifact.load(again.artifactDir()).network().params().toFloatVector();
    assertThat(b).containsExactly(a);
    assertThat(again.evaluation().pointByPoint())
        .containsExactly(result.evaluation().pointByPoint());
  }

  @Test
  void anOhlcvFileWithoutConfiguredColumnsTrainsOnClose() throws IOException {
    StringBuilder sb = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
    for (int t = 0; t < 60; t++) {
      double close = 100 + 5 * Math.sin(t / 4.0);
      sb.append(String.format(Locale.ROOT, "d%d,%.3f,%.3f,%.3f,%.3f,%d%n", t, close - 1,
          close + 2, close - 2, close, 1000 + t));
    }
    Path ohlcv = dir.resolve("ohlcv.csv");
    Files.writeString(ohlcv, sb);
    TrainerConfig tiny = TrainerConfig.parse("""
        {"data": {"windowLength": 5, "horizon": 2},
         "training": {"batchSize": 16},
         "model": {"layers": [{"type": "lstm", "units": 2}, {"type": "dense", "units": 1}]}}""");

    TrainingResult r = Trainer.run(tiny, ohlcv, dir.resolve("ohlcv"));

    assertThat(r.metadata().features()).containsExactly("Close");
    assertThat(r.evaluation().actual()[0]).isCloseTo(100 + 5 * Math.sin(55 / 4.0),
        org.assertj.core.api.Assertions.within(1e-3));
  }

  @Test
  void aFileWithSeveralColumnsButNoCloseAsksWhichToRead() throws IOException {
    Path two = dir.resolve("two.csv");
    Files.writeString(two, "a,b\n1,2\n3,4\n");
    assertThatThrownBy(() -> Trainer.run(TrainerConfig.defaults(), two, dir.resolve("x")))
        .isInstanceOf(io.tickcast.core.series.SeriesFormatException.class)
        .hasMessageContaining("[a, b]");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void intervalsAreCalibratedOnTheValidationWindowsAndScoredOnTheHeldOutTail() {
    PredictionIntervals p = result.metadata().intervals();
    // 380 windows: held out from round(0.9 x 380) = 342, training part 342 - 20 (purge) = 322,
    // validation round(0.1 x 322) = 32 windows [290, 322). At horizon h window i is scored only if
    // its target row i + 20 + h - 1 precedes row 342, the first row a held-out window reads:
    // i <= 322 - h, so 32, 31, ..., 28 windows for h = 1..5.
    assertThat(p.calibrationWindows()).containsExactly(32, 31, 30, 29, 28);
    assertThat(p.levels()).extracting(PredictionIntervals.Level::level).containsExactly(0.8, 0.95);
    assertThat(p.skipped()).isEmpty();
    for (int h = 0; h < H; h++) {
      double q80 = p.levels().get(0).halfWidths().get(h);
      double q95 = p.levels().get(1).halfWidths().get(h);
      assertThat(q80).isPositive().isLessThanOrEqualTo(q95);
    }
    JsonNode iv = result.metadata().evaluation().get("intervals");
    JsonNode h1 = iv.at("/levels/0/perHorizon/0");
    assertThat(h1.get("count").asInt()).isEqualTo(38); // every held-out window
    assertThat(iv.at("/levels/1/perHorizon/4/count").asInt()).isEqualTo(34); // 4 run past the end
    assertThat(h1.get("coverage").asDouble()).isBetween(0.0, 1.0);
    assertThat(h1.get("intervalScore").asDouble())
        .isGreaterThanOrEqualTo(h1.get("meanWidth").asDouble());
    assertThat(result.table()).contains("held-out prediction intervals");
    // New trainings scale by the window's volatility, with a positive floor.
    assertThat(p.scaling()).isEqualTo("window-volatility");
    assertThat(p.volatilityFloor()).isPositive();
    // The drift baseline's intervals, from the same validation windows, on the same targets.
    JsonNode drift = result.metadata().evaluation().at("/baselines/intervals/heldOut");
    assertThat(drift.get("forecaster").asText()).isEqualTo("drift");
    assertThat(drift.at("/levels/0/perHorizon/0/count").asInt()).isEqualTo(38);
    assertThat(drift.at("/levels/1/perHorizon/4/count").asInt()).isEqualTo(34);
    assertThat(result.table()).contains("held-out drift-baseline intervals");
    // The served artifact carries them.
    assertThat(ModelArtifact.load(result.artifactDir()).metadata().intervalBands().levelCount())
        .isEqualTo(2);
  }
}
