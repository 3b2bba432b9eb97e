package io.tickcast.bench.e2e;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.trainer.config.ModelConfig;
import io.tickcast.trainer.network.NetworkBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A model artifact of the tutorial's default shape with untrained (randomly initialised) weights,
 * for benchmarks: LSTM 50 (sequences) → dropout 0.2 → LSTM 100 → dropout 0.2 → dense 1, one
 * {@code price} column, W = 50, H = 50, first-price normalisation, seed roll-forward. Inference
 * cost does not depend on the weights, so it times the same arithmetic as a trained model of that
 * shape without a training run; its forecasts are meaningless.
 */
public final class UntrainedModel {
  /** The single input column (the tick price, the forecast target). */
  public static final String COLUMN = "price";
  /** W, the tutorial's window length. */
  public static final int WINDOW = 50;
  /** H, the tutorial's horizon. */
  public static final int HORIZON = 50;

  private UntrainedModel() {}

  /**
   * Builds the network with the trainer's {@link NetworkBuilder} from the tutorial's layer stack
   * ({@link ModelConfig#TUTORIAL_LAYERS}, RMSprop and MSE as configured by default) and saves it
   * with {@link ModelArtifact#save}.
   *
   * @param dir directory to write {@code model.zip} and {@code model.json} into
   * @param seed weight-initialisation seed
   * @return the metadata written
   * @throws java.io.UncheckedIOException if the artifact cannot be written
   */
  public static ModelMetadata save(Path dir, long seed) {
    ModelConfig config = ModelConfig.defaults().withLayers(ModelConfig.TUTORIAL_LAYERS);
    MultiLayerNetwork network = NetworkBuilder.build(config, 1, WINDOW, seed);
    ModelMetadata meta = new ModelMetadata(ModelArtifact.FORMAT_VERSION, null, WINDOW, HORIZON,
        List.of(COLUMN), COLUMN, Normalisation.FIRST_PRICE.configName(),
        RollForward.SEED.configName(), config.layers(),
        Map.of("trained", false, "seed", seed, "purpose", "benchmark: untrained weights"),
        null, null, Instant.now(), Map.of("tickcast", "bench stream (untrained weights)"));
    return ModelArtifact.save(dir, network, meta);
  }
}
