package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.trainer.chart.Charts;
import io.tickcast.trainer.config.TrainerConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code training.walkForwardFolds}: folds retrained, stored in the metadata, charted. */
class TrainerWalkForwardTest {
  @TempDir Path dir;

  @Test
  void walkForwardFoldsAreStoredPrintedAndCharted() throws Exception {
    StringBuilder sb = new StringBuilder("price\n");
    for (int t = 0; t < 300; t++) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", 10 + Math.sin(t / 8.0) + t / 500.0));
    }
    Path csv = dir.resolve("wave.csv");
    Files.writeString(csv, sb);
    TrainerConfig config = TrainerConfig.parse("""
        {"data": {"windowLength": 20, "horizon": 5, "normalisation": "last-price"},
         "training": {"epochs": 1, "batchSize": 64, "walkForwardFolds": 2},
         "model": {"optimizer": {"gradientClip": 1.0, "learningRateDecay": 0.9},
           "layers": [{"type": "lstm", "units": 4}, {"type": "dense", "units": 1}]}}""");
    TrainingResult r = Trainer.run(config, csv, dir.resolve("models"));

    JsonNode wf = r.metadata().evaluation().get("walkForward");
    assertThat(wf.get("folds").asInt()).isEqualTo(2);
    // 280 windows, last 40% = 112 from window 168, blocks of 56: first test targets at rows
    // 168 + 20 = 188 and 224 + 20 = 244; each fold trained on exactly the rows before them
    JsonNode folds = wf.get("perFold");
    assertThat(folds.get(0).get("firstTestTargetRow").asInt()).isEqualTo(188);
    assertThat(folds.get(0).get("trainingRows").asInt()).isEqualTo(188);
    assertThat(folds.get(1).get("firstTestTargetRow").asInt()).isEqualTo(244);
    assertThat(folds.get(1).get("trainingRows").asInt()).isEqualTo(244);
    assertThat(folds.get(0).get("perHorizon")).hasSize(5);
    assertThat(wf.get("overall").get("perHorizon").get(0).get("count").asInt()).isEqualTo(112);
    assertThat(wf.get("overall").get("dieboldMariano").has("pValue")).isTrue();
    assertThat(r.table()).contains("walk-forward: 2 expanding-window folds");
    // Each fold calibrates on its own validation tail: fold 1 has round(0.05 x 168) = 8
    // windows, of which 4 reach horizon 5 before row 188: enough for 80% (needs 4), not for 95%
    // (needs 19), so the pooled intervals are the 80% ones over all 112 test windows.
    JsonNode iv = wf.at("/overall/intervals/levels");
    assertThat(iv).hasSize(1);
    assertThat(iv.get(0).get("level").asDouble()).isEqualTo(0.8);
    assertThat(iv.get(0).at("/perHorizon/0/count").asInt()).isEqualTo(112);
    assertThat(r.metadata().intervals().skipped()).extracting(s -> s.level()).containsExactly(0.95);
    assertThat(r.table()).contains("walk-forward prediction intervals");

    Path chart = r.artifactDir().resolve(Charts.THEIL_U);
    assertThat(r.charts()).contains(chart);
    BufferedImage img = ImageIO.read(chart.toFile());
    assertThat(img.getWidth()).isEqualTo(1200);
    assertThat(r.metadata().hyperParameters()).containsEntry("gradientClip", 1.0);
  }
}
