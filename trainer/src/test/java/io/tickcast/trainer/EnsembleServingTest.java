package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.core.forecast.Ensemble;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.config.TrainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained with an {@code ensemble} section: its weights come from validation rows only,
 * and the trainer's evaluation, {@code evaluate} and the served forecaster (what the stream app
 * runs) give the same combined forecasts.
 */
class EnsembleServingTest {
  @TempDir static Path dir;
  static Path csv;
  static TrainingResult trained;

  @BeforeAll
  static void train() throws Exception {
    StringBuilder sb = new StringBuilder("price\n");
    for (int t = 0; t < 240; t++) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", 10 + Math.sin(t / 8.0) + t / 100.0));
    }
    csv = Files.writeString(dir.resolve("wave.csv"), sb);
    TrainerConfig config = TrainerConfig.parse("""
        {"data": {"windowLength": 20, "horizon": 5, "normalisation": "last-price"},
         "training": {"epochs": 1, "batchSize": 64},
         "model": {"layers": [{"type": "lstm", "units": 4}, {"type": "dense", "units": 1}]},
         "ensemble": {"baselines": ["drift", "ar"]}}""");
    trained = Trainer.run(config, csv, dir.resolve("models"));
  }

  @Test
  void theWeightsComeFromValidationRowsBeforeTheHeldOutTail() {
    Ensemble e = trained.metadata().ensemble();
    assertThat(e.components()).containsExactly("model", "drift", "ar");
    int testFrom = trained.metadata().trainingData().testFromRow();
    // 220 windows: round(0.9 * 220) = 198 training, of them round(0.05 * 198) = 10 validation
    // (windows 188..197, targets rows 208..217); held out from window 198 (row 218)
    assertThat(testFrom).isEqualTo(218);
    assertThat(e.fittedOn().validationWindows()).isEqualTo(10);
    assertThat(e.fittedOn().validationFirstTargetRow()).isEqualTo(208);
    assertThat(e.fittedOn().validationLastTargetRow()).isEqualTo(217);
    assertThat(e.fittedOn().baselineRows()).isEqualTo(218);
    assertThat(e.fittedOn().weightBaselineRows()).isEqualTo(208);
  }

  @Test
  void evaluateAndTheServedForecasterGiveTheTrainersCombinedForecasts() throws Exception {
    ModelEvaluator.Result r = ModelEvaluator.run(trained.artifactDir(), csv, null, null,
        dir.resolve("eval"));
    JsonNode trainer = trained.metadata().evaluation().get("baselines").get("heldOut")
        .get("forecasters").get("model");
    JsonNode evaluated = ModelArtifact.json().readTree(r.json().toFile())
        .get("forecasters").get("model");
    for (int h = 0; h < 5; h++) {
      assertThat(evaluated.get(h).get("rmse").asDouble())
          .isEqualTo(trainer.get(h).get("rmse").asDouble());
    }

    LoadedModel loaded = ModelArtifact.load(trained.artifactDir());
    Forecaster served = loaded.newForecaster();
    Forecaster network = new Forecaster(served.model(), served.spec().withEnsemble(null));
    double[][] rows = io.tickcast.core.series.CsvSeriesReader.read(csv, java.util.List.of("price")).rows();
    double[][][] window = {Windows.window(rows, 200, 20)};
    double[] target = new double[20];
    for (int i = 0; i < 20; i++) {
      target[i] = rows[200 + i][0];
    }
    double[] expected = loaded.metadata().ensemble()
        .combine(network.forecast(window)[0].path(), target);
    assertThat(served.forecast(window)[0].path()).containsExactly(expected, within(1e-9));
    assertThat(served.nextStep(window)[0]).isCloseTo(expected[0], within(1e-9));
  }
}
