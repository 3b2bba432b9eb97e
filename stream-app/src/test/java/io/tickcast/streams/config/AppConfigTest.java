package io.tickcast.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.schemas.serde.WireFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
  @TempDir Path tmp;

  @Test
  void defaultsNeedOnlyAModelDirectory() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/models"));
    assertThat(c.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(c.ticksTopic()).isEqualTo("tickcast.ticks");
    assertThat(c.forecastsTopic()).isEqualTo("tickcast.forecasts");
    assertThat(c.deadLetterTopic()).isEqualTo("tickcast.ticks.dlq");
    assertThat(c.tickFormat()).isEqualTo(WireFormat.AVRO);
    assertThat(c.batchMaxSize()).isEqualTo(64);
    assertThat(c.batchMaxDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.modelDir()).isEqualTo(Path.of("/models"));
    assertThat(c.rollForward()).isEmpty();
    assertThat(c.pathEveryTicks()).isEqualTo(1);
  }

  @Test
  void rollForwardAndPathEveryTicks() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.FORECAST_ROLL_FORWARD, "carry-state",
        AppConfig.FORECAST_PATH_EVERY_TICKS, "5"));
    assertThat(c.rollForward()).contains(io.tickcast.core.forecast.RollForward.CARRY_STATE);
    assertThat(c.pathEveryTicks()).isEqualTo(5);
    assertThat(AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.FORECAST_ROLL_FORWARD, "Artifact")).rollForward()).isEmpty();
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.FORECAST_ROLL_FORWARD, "carry")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.forecast.roll.forward=carry")
        .hasMessageContaining("artifact, seed, renormalise, carry-state");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.FORECAST_PATH_EVERY_TICKS, "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.forecast.path.every.ticks=0")
        .hasMessageContaining("must be at least 1");
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    Path file = tmp.resolve("app.properties");
    Files.writeString(file, """
        tickcast.model.dir=/from/file
        tickcast.batch.max.size=8
        tickcast.tick.format=json
        tickcast.streams.commit.interval.ms=250
        """);
    AppConfig c = AppConfig.load(file, Map.of(
        "TICKCAST_BATCH_MAX_SIZE", "32",
        "TICKCAST_BOOTSTRAP_SERVERS", "broker:9093",
        "TICKCAST_SOMETHING_ELSE", "ignored",
        "PATH", "/usr/bin"));
    assertThat(c.modelDir()).isEqualTo(Path.of("/from/file"));
    assertThat(c.batchMaxSize()).isEqualTo(32);
    assertThat(c.bootstrapServers()).isEqualTo("broker:9093");
    assertThat(c.tickFormat()).isEqualTo(WireFormat.JSON);
    assertThat(c.streamsOverrides()).containsEntry("commit.interval.ms", "250");
  }

  @Test
  void commandLineOverridesWinOverTheEnvironmentAndTheFile() throws Exception {
    Path file = tmp.resolve("app.properties");
    Files.writeString(file, "tickcast.batch.max.size=8\ntickcast.http.port=9000\n");
    AppConfig c = AppConfig.load(file, Map.of("TICKCAST_BATCH_MAX_SIZE", "32",
        "TICKCAST_MODEL_DIR", "/from/env"), Map.of(AppConfig.MODEL_DIR, "/from/cli"));
    assertThat(c.modelDir()).isEqualTo(Path.of("/from/cli"));
    assertThat(c.batchMaxSize()).isEqualTo(32);
    assertThat(c.httpPort()).isEqualTo(9000);
    // The overrides alone satisfy the required model directory.
    assertThat(AppConfig.load(null, Map.of(), Map.of(AppConfig.MODEL_DIR, "/m")).modelDir())
        .isEqualTo(Path.of("/m"));
    assertThatThrownBy(() -> AppConfig.load(null, Map.of(), Map.of(AppConfig.MODEL_DIR, "/m",
        "tickcast.batch.maxsize", "3")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.batch.maxsize").hasMessageContaining("unknown key");
  }

  @Test
  void invalidValuesFailWithTheKeyAndTheReason() {
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.BATCH_MAX_SIZE, "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.batch.max.size=0")
        .hasMessageContaining("must be at least 1")
        .hasMessageContaining("TICKCAST_BATCH_MAX_SIZE");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.BATCH_MAX_DELAY_MS, "soon")))
        .hasMessageContaining("tickcast.batch.max.delay.ms").hasMessageContaining("not an integer");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.TICK_FORMAT, "xml")))
        .hasMessageContaining("tickcast.tick.format").hasMessageContaining("avro, json");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.TOPIC_TICKS, "bad topic")))
        .hasMessageContaining("tickcast.topic.ticks").hasMessageContaining("topic name");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.PROCESSING_GUARANTEE, "exactly_once")))
        .hasMessageContaining("tickcast.processing.guarantee");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.HTTP_PORT, "70000")))
        .hasMessageContaining("tickcast.http.port");
    assertThatThrownBy(() -> AppConfig.of(Map.of()))
        .hasMessageContaining("tickcast.model.dir").hasMessageContaining("required");
  }

  @Test
  void enumKeysIgnoreCaseAndTypeErrorsNameTheType() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m", AppConfig.TICK_FORMAT, "JSON",
        AppConfig.INFERENCE_ENGINE, " DL4J ", AppConfig.FORECAST_ROLL_FORWARD, "Carry_State"));
    assertThat(c.tickFormat()).isEqualTo(WireFormat.JSON);
    assertThat(c.inferenceEngine()).isEqualTo(io.tickcast.core.engine.InferenceEngine.DL4J);
    assertThat(c.rollForward()).contains(io.tickcast.core.forecast.RollForward.CARRY_STATE);
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.WINDOW_IDLE_TTL_MS, "1.5")))
        .hasMessageContaining("tickcast.window.idle.ttl.ms=1.5: not a whole number");
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.GUARD_INPUT_MARGIN, "wide")))
        .hasMessageContaining("tickcast.guard.input.margin=wide: not a number");
    // tickcast.model.topic, defined first, is a prefix of the bad key: not mistaken for it.
    assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m",
        AppConfig.MODEL_TOPIC_WAIT_MS, "soon")))
        .hasMessageContaining("invalid configuration tickcast.model.topic.wait.ms=soon: not an integer");
  }

  @Test
  void unknownKeysInTheFileAreErrors() throws Exception {
    Path file = tmp.resolve("app.properties");
    Files.writeString(file, "tickcast.model.dir=/m\ntickcast.batch.maxsize=3\n");
    assertThatThrownBy(() -> AppConfig.load(file, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.batch.maxsize").hasMessageContaining("unknown key");
  }

  @Test
  void aMissingFileIsAnError() {
    assertThatThrownBy(() -> AppConfig.load(tmp.resolve("nope.properties"), Map.of()))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("nope.properties");
  }

  @Test
  void integrityKeysHaveDefaultsAndAreValidated() {
    AppConfig c = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m"));
    assertThat(c.jumpMaxMove()).isNaN();
    assertThat(c.idleTtlMs()).isEqualTo(604_800_000L);
    assertThat(c.timeMinMs()).isEqualTo(100_000_000_000L);
    assertThat(AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m", AppConfig.WINDOW_JUMP_MAX_MOVE,
        "off")).jumpMaxMove()).isInfinite();
    for (String[] bad : new String[][] {
        {AppConfig.TICK_SYMBOL_PATTERN, "[A-"}, {AppConfig.TICK_PRICE_MIN, "0"},
        {AppConfig.TICK_PRICE_MAX, "1e-12"}, {AppConfig.GUARD_OUTPUT_MAX_RATIO, "1"},
        {AppConfig.WINDOW_JUMP_MAX_MOVE, "-1"}, {AppConfig.WINDOW_GAP_MAX_INTERVALS, "0.5"},
        {AppConfig.WINDOW_IDLE_TTL_MS, "-1"}, {AppConfig.GUARD_INPUT_MARGIN, "NaN"}}) {
      assertThatThrownBy(() -> AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m", bad[0], bad[1])))
          .as(bad[0]).isInstanceOf(InvalidConfigException.class).hasMessageContaining(bad[0]);
    }
  }
}
