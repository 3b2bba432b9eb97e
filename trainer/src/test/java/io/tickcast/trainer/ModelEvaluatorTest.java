package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.trainer.config.TrainerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} reproduces the trainer's held-out comparison and scores unseen series. */
class ModelEvaluatorTest {
  @TempDir static Path dir;
  static Path csv;
  static TrainingResult trained;

  @BeforeAll
  static void train() throws Exception {
    csv = wave("wave.csv", 240, 0.0);
    TrainerConfig config = TrainerConfig.parse("""
        {"data": {"windowLength": 20, "horizon": 5, "normalisation": "last-price"},
         "training": {"epochs": 1, "batchSize": 64},
         "model": {"layers": [{"type": "lstm", "units": 4}, {"type": "dense", "units": 1}]}}""");
    trained = Trainer.run(config, csv, dir.resolve("models"));
  }

  private static Path wave(String name, int rows, double phase) throws Exception {
    StringBuilder sb = new StringBuilder("price\n");
    for (int t = 0; t < rows; t++) {
      sb.append(String.format(Locale.ROOT, "%.6f%n",
          10 + Math.sin(t / 8.0 + phase) + t / 500.0));
    }
    return Files.writeString(dir.resolve(name), sb);
  }

  @Test
  void onTheTrainingFileFromItsHeldOutStartItReproducesTheTrainersFigures() throws Exception {
    ModelEvaluator.Result r = ModelEvaluator.run(trained.artifactDir(), csv, null, null,
        dir.resolve("eval"));
    int testFrom = trained.metadata().trainingData().testFromRow();
    assertThat(r.fromRow()).isEqualTo(testFrom);
    JsonNode trainer = trained.metadata().evaluation().get("baselines").get("heldOut");
    JsonNode evaluated = ModelArtifact.json().readTree(r.json().toFile());
    assertThat(evaluated.get("fits").get(0).get("trainingRows").asInt()).isEqualTo(testFrom);
    assertThat(evaluated.get("fits")).isEqualTo(trainer.get("fits"));
    JsonNode tf = trainer.get("forecasters");
    JsonNode ef = evaluated.get("forecasters");
    assertThat(ef.size()).isEqualTo(5);
    for (Iterator<String> it = tf.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      for (int h = 0; h < 5; h++) {
        for (String metric : new String[] {"count", "rmse", "mae", "theilU",
            "directionalAccuracy"}) {
          assertThat(ef.get(name).get(h).get(metric).asDouble()).as("%s h=%d %s", name, h + 1,
              metric).isEqualTo(tf.get(name).get(h).get(metric).asDouble());
        }
      }
    }
    assertThat(evaluated.get("vsBestBaseline")).isEqualTo(trainer.get("vsBestBaseline"));
    // and the model's line is the trainer's own held-out winner, scored independently
    JsonNode winner = trained.metadata().evaluation().get("variants")
        .get(trained.metadata().rollForward()).get("perHorizon");
    assertThat(ef.get("model").get(4).get("rmse").asDouble())
        .isEqualTo(winner.get(4).get("rmse").asDouble());
    assertThat(Files.size(r.chart())).isPositive();
  }

  @Test
  void theCommandScoresASeriesTheModelNeverSaw() throws Exception {
    Path other = wave("other.csv", 200, 1.3);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = EvaluateCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("--model", trained.artifactDir().toString(), "--data",
        other.toString(), "--column", "price", "--from-row", "120", "--output",
        dir.resolve("eval2").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("rows 120..199 of other.csv")
        .contains("persistence").contains("drift").contains("holt-damped");
    assertThat(dir.resolve("eval2").resolve("other-from-120.png")).isRegularFile();

    StringWriter err2 = new StringWriter();
    var bad = EvaluateCommand.commandLine();
    bad.setErr(new PrintWriter(err2));
    assertThat(bad.execute("--model", trained.artifactDir().toString(), "--data",
        other.toString(), "--from-row", "5", "--output", dir.resolve("eval3").toString()))
        .isEqualTo(1);
    assertThat(err2.toString()).contains("--from-row 5 must be in [20, 199]");
  }
}
