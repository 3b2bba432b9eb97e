package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.streams.config.AppConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void optionDefaultsAreTheStreamAppsTopicNames() {
    assertThat(Topics.TICKS).isEqualTo(AppConfig.defaultValues().get(AppConfig.TOPIC_TICKS));
    assertThat(Topics.FORECASTS)
        .isEqualTo(AppConfig.defaultValues().get(AppConfig.TOPIC_FORECASTS));
    assertThat(Topics.DEAD_LETTER)
        .isEqualTo(AppConfig.defaultValues().get(AppConfig.TOPIC_DEAD_LETTER));
    assertThat(Topics.MODELS).isEqualTo(AppConfig.defaultValues().get(AppConfig.MODEL_TOPIC));
  }
}
