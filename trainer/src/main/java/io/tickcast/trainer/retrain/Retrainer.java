package io.tickcast.trainer.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.schemas.ModelRecord;
import io.tickcast.streams.models.ModelPublisher;
import io.tickcast.streams.models.ModelRecords;
import io.tickcast.streams.models.ModelTopic;
import io.tickcast.streams.models.ModelTopicReader;
import io.tickcast.trainer.MultiSeriesTrainer;
import io.tickcast.trainer.config.TrainerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retraining behind the champion/challenger gate: train a challenger on recent history ({@link
 * MultiSeriesTrainer}), read the serving champion from the models topic (the newest intact
 * record of the model name, as every instance does), score both on the challenger's held-out
 * ticks ({@link RetrainGate}), store the decision in the challenger's {@code model.json} ({@code
 * evaluation.retrain}) and publish it ({@link ModelPublisher}) only when the gate passes.
 */
public final class Retrainer {
  private static final Logger LOG = LoggerFactory.getLogger(Retrainer.class);
  /** Key of the decision in {@code model.json}'s {@code evaluation}. */
  public static final String METADATA_NODE = "retrain";

  private Retrainer() {}

  /**
   * Where the models live.
   *
   * @param bootstrap bootstrap servers
   * @param kafka further client properties (security)
   * @param modelsTopic the models topic, e.g. {@code tickcast.models}
   * @param modelName the record key instances follow, e.g. {@code tickcast}
   * @param timeout longest wait for the topic
   */
  public record Models(String bootstrap, Map<String, Object> kafka, String modelsTopic,
      String modelName, Duration timeout) {}

  /**
   * What a retrain run did.
   *
   * @param decision the gate's decision and figures
   * @param challengerDir the challenger's artifact directory (its {@code model.json} holds the
   *     decision)
   * @param publishedOffset offset of the published record, or -1 when not published
   */
  public record Outcome(RetrainGate.Decision decision, Path challengerDir, long publishedOffset) {}

  /**
   * Trains a challenger, then {@link #gate}s it.
   *
   * @param models the models topic
   * @param config the trainer config
   * @param series the recent history of every symbol
   * @param features the challenger's columns ({@code price}[, {@code volume}])
   * @param sha256 the source file's checksum, or null (a topic)
   * @param outputRoot where the challenger's artifact directory is written
   * @return the outcome
   */
  public static Outcome run(Models models, TrainerConfig config, MultiSeries series,
      List<String> features, String sha256, Path outputRoot) {
    MultiSeriesTrainer.Result trained = MultiSeriesTrainer.run(config, series, features, sha256,
        outputRoot);
    return gate(models, trained.artifactDir(), series, trained.windows().cutoffTime());
  }

  /**
   * Scores a challenger against the champion on the ticks at or after {@code cutoffTime},
   * stores the decision in the challenger's {@code model.json} and publishes it when it passes.
   *
   * @param models the models topic (must exist when a champion is expected; created when
   *     publishing to a missing one)
   * @param challengerDir the challenger's artifact directory
   * @param series the symbols' series the challenger was trained and held out on
   * @param cutoffTime the challenger's cut-off time
   * @return the outcome
   * @throws io.tickcast.core.model.ModelLoadException if the challenger cannot be loaded
   * @throws IllegalArgumentException if the models cannot be scored on the series
   */
  public static Outcome gate(Models models, Path challengerDir, MultiSeries series,
      long cutoffTime) {
    LoadedModel challenger = ModelArtifact.load(challengerDir);
    RetrainGate.Decision d;
    Path scratch = scratch();
    try {
      LoadedModel champion = champion(models, scratch).orElse(null);
      d = RetrainGate.decide(challenger, champion, series, cutoffTime);
    } finally {
      delete(scratch);
    }
    record(challengerDir, challenger.metadata(), d);
    LOG.info(d.summary());
    long offset = -1;
    if (d.publish()) {
      ModelRecord r = ModelRecords.fromDirectory(ModelTopic.checkName(models.modelName()),
          challengerDir, "retrain " + challengerDir.toAbsolutePath());
      ModelTopic.ensure(models.bootstrap(), models.kafka(), models.modelsTopic(),
          Optional.empty());
      try (ModelPublisher p = new ModelPublisher(models.bootstrap(), models.kafka(),
          models.modelsTopic())) {
        offset = p.publish(r).offset();
      }
      LOG.info("retrain: published {} version {} to {} at offset {}", models.modelName(),
          r.getModelVersion(), models.modelsTopic(), offset);
    }
    return new Outcome(d, challengerDir, offset);
  }

  /**
   * The serving model: the newest intact record of the name on the models topic, loaded with
   * the stream app's loader.
   *
   * @return empty when the topic is missing or holds no intact record of the name
   */
  public static Optional<LoadedModel> champion(Models models, Path cacheRoot) {
    if (!topicExists(models)) {
      LOG.warn("retrain: models topic {} does not exist: no champion", models.modelsTopic());
      return Optional.empty();
    }
    List<ModelTopicReader.Entry> entries;
    try (ModelTopicReader r = new ModelTopicReader(models.bootstrap(), models.kafka(),
        models.modelsTopic(), models.timeout())) {
      entries = ModelTopicReader.entries(r.readToEnd(models.timeout()));
    }
    return ModelTopicReader.newestOf(entries, models.modelName(), "")
        .map(e -> ModelRecords.load(e.record(), cacheRoot));
  }

  /**
   * Whether the models topic exists (any other failure to reach the cluster is thrown: a
   * champion that cannot be read must not count as none).
   */
  private static boolean topicExists(Models models) {
    Map<String, Object> props = new java.util.HashMap<>(models.kafka());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, models.bootstrap());
    try (Admin admin = Admin.create(props)) {
      return admin.listTopics().names().get(models.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .contains(models.modelsTopic());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list the topics at " + models.bootstrap() + ": "
          + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing the topics", e);
    }
  }

  /** Rewrites {@code model.json} with the decision under {@code evaluation.retrain}. */
  private static void record(Path dir, ModelMetadata meta, RetrainGate.Decision d) {
    ObjectMapper json = ModelArtifact.json();
    ObjectNode eval = meta.evaluation() instanceof ObjectNode o ? o.deepCopy()
        : json.createObjectNode();
    eval.set(METADATA_NODE, json.valueToTree(d));
    try {
      json.writeValue(
          dir.resolve(ModelArtifact.METADATA_FILE).toFile(),
          meta.withEvaluation(eval, meta.rollForward()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the decision into " + dir, e);
    }
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("tickcast-champion-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
