package io.tickcast.cli.demo;

import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.trainer.MultiSeriesTrainer;
import io.tickcast.trainer.Trainer;
import io.tickcast.trainer.TrainingResult;
import io.tickcast.trainer.config.TrainerConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The model the demo trains when none is given: on one price column with {@link Trainer}, or,
 * when the demo replays several columns of a wide CSV, one model on all of them with {@link
 * MultiSeriesTrainer} (one cut-off time for all symbols, prediction intervals calibrated on
 * their pooled validation windows).
 */
final class DemoModel {
  private DemoModel() {}

  /**
   * A trained model.
   *
   * @param artifactDir the model artifact directory
   * @param modelVersion its version (SHA-256 of the network file)
   * @param elapsedMillis wall-clock time of the training run, ms
   */
  record Trained(Path artifactDir, String modelVersion, long elapsedMillis) {}

  /**
   * Trains.
   *
   * @param config the trainer config, limited to the demo's rows ({@code data.maxRows}: the
   *     first rows of every symbol) and epochs
   * @param o the demo's options: {@link DemoRun.Options#columns()} empty trains on the price
   *     column of {@code data}, otherwise on those columns of it as symbols
   * @param modelsRoot where the artifact directory is created
   * @return the artifact
   * @throws io.tickcast.trainer.config.ConfigException if the config cannot train this model
   *     (e.g. an ensemble section for several symbols)
   */
  static Trained train(TrainerConfig config, DemoRun.Options o, Path modelsRoot) {
    if (o.columns().isEmpty()) {
      TrainingResult r = Trainer.run(config, o.data(), modelsRoot);
      return new Trained(r.artifactDir(), r.modelVersion(), r.elapsedMillis());
    }
    MultiSeriesTrainer.Result r = MultiSeriesTrainer.run(config,
        MultiSeriesReader.read(o.data(), o.columns()), List.of(MultiSeriesReader.PRICE),
        Trainer.sha256(o.data()), modelsRoot);
    return new Trained(r.artifactDir(), r.modelVersion(), r.elapsedMillis());
  }

  /** What is trained on, for the progress line: e.g. {@code Close} or {@code DAX, SMI, CAC}. */
  static String columns(DemoRun.Options o) {
    if (!o.columns().isEmpty()) {
      return String.join(", ", o.columns()) + " as " + o.columns().size() + " symbols";
    }
    return o.priceColumn() == null ? "its column" : o.priceColumn();
  }
}
