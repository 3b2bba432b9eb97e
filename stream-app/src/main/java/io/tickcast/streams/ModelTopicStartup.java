package io.tickcast.streams;

import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.models.ModelFollower;
import io.tickcast.streams.models.ModelTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up model with {@value AppConfig#MODEL_TOPIC_ENABLE}: the models topic's newest valid
 * model, else the model directory's, else the first valid one published within {@value
 * AppConfig#MODEL_TOPIC_WAIT_MS}.
 */
final class ModelTopicStartup {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTopicStartup.class);

  /** Where records are written out as artifact directories, under the state directory. */
  static final String CACHE_DIR = "model-topic";

  private ModelTopicStartup() {}

  /**
   * The follower of the configured models topic (created when missing and topic creation is on).
   *
   * @return null when the models topic is off
   * @throws StartupException if the topic cannot be reached, created or has several partitions
   */
  static ModelFollower follower(AppConfig c) {
    if (!c.modelTopicEnabled()) {
      return null;
    }
    try {
      if (c.createTopics()) {
        ModelTopic.ensure(c.bootstrapServers(), Map.of(), c.modelTopic(), c.topicReplicationFactor());
      }
      return new ModelFollower(c.bootstrapServers(), Map.of(), c.modelTopic(), c.modelName(),
          c.stateDir().resolve(CACHE_DIR));
    } catch (RuntimeException e) {
      throw new StartupException("cannot follow the models topic (" + AppConfig.MODEL_TOPIC + "="
          + c.modelTopic() + "): " + e.getMessage(), e);
    }
  }

  /**
   * Reads the topic to its end and picks the start-up model (the caller owns and closes the
   * follower, also on failure).
   *
   * @throws StartupException if no model is found in time, or the directory's is broken
   */
  static LoadedModel initialModel(AppConfig c, ModelFollower follower) {
    try {
      Optional<LoadedModel> fromTopic = follower.catchUp();
      if (fromTopic.isPresent()) {
        return fromTopic.get();
      }
      Optional<Path> dir = c.modelDirIfSet().filter(Files::isDirectory)
          .filter(d -> ModelArtifact.latest(d).isPresent());
      if (dir.isPresent()) {
        LOG.info("models topic {} holds no valid model {}; serving the model directory's",
            c.modelTopic(), c.modelName());
        return StreamApp.loadModel(dir.get());
      }
      return follower.awaitFirst(c.modelTopicWait()).orElseThrow(() -> new StartupException(
          "no model to serve: the models topic " + c.modelTopic() + " has no valid model under key "
              + c.modelName() + " (waited " + c.modelTopicWait().toSeconds() + " s, "
              + AppConfig.MODEL_TOPIC_WAIT_MS + ") and " + AppConfig.MODEL_DIR + " "
              + c.modelDirIfSet().map(Path::toString).orElse("is not set")
              + " holds no artifact; publish one with: tickcast model publish DIR --name "
              + c.modelName()));
    } catch (RuntimeException e) {
      if (e instanceof StartupException) {
        throw e;
      }
      throw new StartupException("cannot read the models topic " + c.modelTopic() + ": "
          + e.getMessage(), e);
    }
  }
}
