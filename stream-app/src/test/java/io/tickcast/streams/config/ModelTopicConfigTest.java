package io.tickcast.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The models-topic keys of {@link AppConfig}. */
class ModelTopicConfigTest {
  @Test
  void offByDefaultWithTheDocumentedDefaults() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m"));
    assertThat(c.modelTopicEnabled()).isFalse();
    assertThat(c.modelTopic()).isEqualTo("tickcast.models");
    assertThat(c.modelName()).isEqualTo("tickcast");
    assertThat(c.modelTopicWait()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theModelDirectoryIsOptionalOnlyWithTheTopic() {
    assertThatThrownBy(() -> AppConfig.of(Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(AppConfig.MODEL_DIR).hasMessageContaining(AppConfig.MODEL_TOPIC_ENABLE);
    AppConfig c = AppConfig.of(Map.of(AppConfig.MODEL_TOPIC_ENABLE, "true"));
    assertThat(c.modelDirIfSet()).isEmpty();
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.MODEL_TOPIC_ENABLE, "yes")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("true or false");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.MODEL_NAME, "sp500@1")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("tickcast.model.name=sp500@1");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.MODEL_TOPIC, "bad topic")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("tickcast.model.topic");
  }
}
