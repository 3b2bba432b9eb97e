package io.tickcast.trainer;

import io.tickcast.core.model.ModelMetadata;
import io.tickcast.trainer.evaluate.HeldOutEvaluation;
import io.tickcast.trainer.fit.TrainingHistory;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Trainer#run}.
 *
 * @param artifactDir the model artifact directory ({@code model.zip}, {@code model.json}, charts,
 *     {@code evaluation.txt}); load it with {@link io.tickcast.core.model.ModelArtifact#load}
 * @param metadata the metadata as written (model version set)
 * @param history per-epoch losses and the kept epoch
 * @param evaluation the held-out evaluation, price units
 * @param charts the PNG files written into {@code artifactDir}
 * @param table the evaluation as printed text
 * @param elapsedMillis wall-clock time of the whole run (read, train, evaluate, save), ms
 */
public record TrainingResult(
    Path artifactDir,
    ModelMetadata metadata,
    TrainingHistory history,
    HeldOutEvaluation evaluation,
    List<Path> charts,
    String table,
    long elapsedMillis) {

  /** The model version (SHA-256 of the network file). */
  public String modelVersion() {
    return metadata.modelVersion();
  }
}
