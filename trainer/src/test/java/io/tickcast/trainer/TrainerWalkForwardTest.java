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
        {"data": {"windowLength": 20, "horizon": 5, "normalisation": "last-price",
                  "validationFraction": 0.1},
         "training": {"epochs": 1, "batchSize": 64, "walkForwardFolds": 2},
         "model": {"optimizer": {"gradientClip": 1.0, "learningRateDecay": 0.9},
           "layers": [{"type": "lstm", "units": 4}, {"type": "dense", "units": 1}]}}""");
    TrainingResult r = Trainer.run(config, csv, dir.resolve("models"));

    JsonNode wf = r.metadata().evaluation().get("walkForward");
    assertThat(wf.get("folds").asInt()).isEqualTo(2);
    // 280 windows, last 40% = 112 from window 168, blocks of 56: first test targets at rows
    // 168 + 20 = 188 and 224 + 20 = 244; each fold trained on exactly the rows before its first
    // test window's first input row (168, 224)
    JsonNode folds = wf.get("perFold");
    assertThat(folds.get(0).get("firstTestTargetRow").asInt()).isEqualTo(188);
    assertThat(folds.get(0).get("trainingRows").asInt()).isEqualTo(168);
    assertThat(folds.get(1).get("firstTestTargetRow").asInt()).isEqualTo(244);
    assertThat(folds.get(1).get("trainingRows").asInt()).isEqualTo(224);
    assertThat(folds.get(0).get("perHorizon")).hasSize(5);
    assertThat(wf.get("overall").get("perHorizon").get(0).get("count").asInt()).isEqualTo(112);
    assertThat(wf.get("overall").get("dieboldMariano").has("pValue")).isTrue();
    assertThat(r.table()).contains("walk-forward: 2 expanding-window folds");
    // the baselines of each fold were fitted on the same rows as its model
    JsonNode base = r.metadata().evaluation().get("baselines");
    assertThat(base.get("walkForward").get("fits").get(0).get("trainingRows").asInt())
        .isEqualTo(168);
    assertThat(base.get("walkForward").get("fits").get(1).get("trainingRows").asInt())
        .isEqualTo(224);
    assertThat(base.get("walkForward").get("forecasters").fieldNames()).toIterable()
        .containsExactly("model", "persistence", "drift", "ar", "holt-damped");
    assertThat(base.get("walkForward").get("vsBestBaseline")).hasSize(5);
    // held out: 280 windows, held out from round(0.9 * 280) = 252, first held-out target row 272
    assertThat(base.get("heldOut").get("fits").get(0).get("trainingRows").asInt()).isEqualTo(272);
    assertThat(base.get("drift").get("trainingRows").asInt()).isEqualTo(272);
    assertThat(io.tickcast.core.baseline.Drift.meanLogReturnOf(r.metadata())).isPresent();
    assertThat(r.table()).contains("walk-forward: model against the baselines");
    assertThat(r.artifactDir().resolve(io.tickcast.trainer.chart.BaselineChart.FILE))
        .isRegularFile();
    // Each fold calibrates on its own validation tail, before its training rows end: fold 1 has
    // 168 - 20 = 148 windows, validation round(0.1 x 148) = 15 of them [133, 148), of which those
    // with i + 20 + 5 - 1 < 168, i.e. 11, reach horizon 5; fold 2: 204 windows, validation 20
    // [184, 204), 16 reach h = 5 before row 224. Enough for 80% (needs 4), not for 95% (needs 19),
    // so the pooled intervals are the 80% ones over all 112 test windows.
    JsonNode iv = wf.at("/overall/intervals/levels");
    assertThat(iv).hasSize(1);
    assertThat(iv.get(0).get("level").asDouble()).isEqualTo(0.8);
    assertThat(iv.get(0).at("/perHorizon/0/count").asInt()).isEqualTo(112);
    // Held out: testStart 252, training part 232 windows, validation 23 [209, 232); 19 of them
    // (i < 252 - 20 - 5 + 1 = 228) reach h = 5 before the first held-out row: enough for 95% too.
    assertThat(r.metadata().intervals().skipped()).isEmpty();
    assertThat(r.metadata().intervals().levels()).hasSize(2);
    assertThat(r.table()).contains("walk-forward prediction intervals");
    // The drift baseline calibrated on the same fold validation windows: the same 80% level.
    JsonNode driftIv = base.at("/intervals/walkForward/levels");
    assertThat(driftIv).hasSize(1);
    assertThat(driftIv.get(0).at("/perHorizon/0/count").asInt()).isEqualTo(112);
    assertThat(r.table()).contains("walk-forward drift-baseline intervals");

    Path chart = r.artifactDir().resolve(Charts.THEIL_U);
    assertThat(r.charts()).contains(chart);
    BufferedImage img = ImageIO.read(chart.toFile());
    assertThat(img.getWidth()).isEqualTo(1200);
    assertThat(r.metadata().hyperParameters()).containsEntry("gradientClip", 1.0);
  }
}
