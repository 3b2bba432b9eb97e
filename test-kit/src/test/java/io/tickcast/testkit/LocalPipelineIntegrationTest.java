package io.tickcast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalPipeline} against a real embedded broker and the real stream app. */
class LocalPipelineIntegrationTest {
  @Test
  void startsBrokerTopicsAndAppAndClosesEverythingNewestFirst(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model");
    TestModels.saveTinyLstm(model, 5, 2, Normalisation.FIRST_PRICE, RollForward.SEED, 3L);
    Map<String, String> settings = Map.of(AppConfig.MODEL_DIR, model.toString(),
        AppConfig.TOPIC_TICKS, "kit.ticks", AppConfig.TOPIC_FORECASTS, "kit.forecasts",
        AppConfig.TOPIC_DEAD_LETTER, "kit.dlt", AppConfig.HTTP_PORT, "-1",
        AppConfig.MODEL_POLL_INTERVAL_MS, "0");
    List<String> closed = new ArrayList<>();
    Path stateDir;
    LocalPipeline pipeline = LocalPipeline.builder().settings(settings).partitions(2)
        .stateDirPrefix("tickcast-kit-test-").start();
    try {
      assertThat(pipeline.embeddedBroker()).isTrue();
      assertThat(pipeline.app().state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(pipeline.config().bootstrapServers()).isEqualTo(pipeline.bootstrapServers());
      stateDir = pipeline.stateDir();
      assertThat(stateDir.getFileName().toString()).startsWith("tickcast-kit-test-");
      assertThat(stateDir).isDirectory();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          pipeline.bootstrapServers()))) {
        var topics = admin.describeTopics(List.of("kit.ticks", "kit.forecasts", "kit.dlt"))
            .allTopicNames().get();
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
      }
      pipeline.open(() -> closed.add("first"));
      pipeline.open(() -> closed.add("second"));
      pipeline.open(() -> {
        closed.add("third");
        throw new IllegalStateException("a failing close must not stop the others");
      });
    } finally {
      pipeline.close();
    }
    assertThat(closed).containsExactly("third", "second", "first");
    assertThat(pipeline.app().state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    assertThat(Files.exists(stateDir)).isFalse();
    pipeline.close(); // idempotent
    assertThat(closed).hasSize(3);
    assertThatThrownBy(() -> pipeline.open(() -> { }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInvalidSettingFailsBeforeAnythingStarts(@TempDir Path dir) {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    assertThatThrownBy(() -> LocalPipeline.builder()
        .settings(Map.of(AppConfig.MODEL_DIR, dir.toString(), AppConfig.BATCH_MAX_SIZE, "zero"))
        .start())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(AppConfig.BATCH_MAX_SIZE);
    assertThat(Thread.getAllStackTraces().keySet()).allMatch(
        t -> before.contains(t) || !t.isAlive() || !t.getName().contains("kafka"));
  }
}
