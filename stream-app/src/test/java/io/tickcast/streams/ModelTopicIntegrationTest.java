package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.ModelFile;
import io.tickcast.schemas.ModelRecord;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.models.ModelPublisher;
import io.tickcast.streams.models.ModelRecords;
import io.tickcast.streams.models.ModelRejectReason;
import io.tickcast.streams.models.ModelTopic;
import io.tickcast.streams.models.ModelTopicReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models shipped through the models topic on a real broker: instances start from the topic with
 * an empty model directory, swap in step, roll back, reject corrupt, invalid and incompatible
 * models, and a restarted instance serves the newest good model.
 */
class ModelTopicIntegrationTest {
  private static final int W = 10;
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String NAME = "it-model";

  private static EmbeddedKafkaCluster kafka;

  @TempDir static Path tmp;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaCluster.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static AppConfig config(String prefix, String instance) throws Exception {
    Path emptyModelDir = Files.createDirectories(tmp.resolve(prefix + "-" + instance + "-models"));
    Map<String, String> s = new HashMap<>();
    s.put(AppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    s.put(AppConfig.APPLICATION_ID, prefix + "-app");
    s.put(AppConfig.TOPIC_TICKS, prefix + "-ticks");
    s.put(AppConfig.TOPIC_FORECASTS, prefix + "-forecasts");
    s.put(AppConfig.TOPIC_DEAD_LETTER, prefix + "-dlq");
    s.put(AppConfig.MODEL_TOPIC_ENABLE, "true");
    s.put(AppConfig.MODEL_TOPIC, prefix + "-models");
    s.put(AppConfig.MODEL_NAME, NAME);
    s.put(AppConfig.MODEL_TOPIC_WAIT_MS, "1000");
    s.put(AppConfig.MODEL_DIR, emptyModelDir.toString());
    s.put(AppConfig.STATE_DIR, tmp.resolve(prefix + "-" + instance + "-state").toString());
    s.put(AppConfig.HTTP_PORT, "-1");
    s.put(AppConfig.BATCH_MAX_SIZE, "16");
    s.put(AppConfig.BATCH_MAX_DELAY_MS, "100");
    return AppConfig.of(s);
  }

  /** A tiny LSTM artifact; another seed gives other weights and so another model version. */
  private static Path model(String dir, int window, long seed) {
    Path d = tmp.resolve(dir);
    TestModels.saveTinyLstm(d, window, 3, Normalisation.FIRST_PRICE, RollForward.SEED, seed);
    return d;
  }

  private static String publish(String topic, Path dir) {
    ModelRecord r = ModelRecords.fromDirectory(NAME, dir, "test");
    try (ModelPublisher p = new ModelPublisher(kafka.bootstrapServers(), Map.of(), topic)) {
      p.publish(r);
    }
    return r.getModelVersion();
  }

  /** Rollback as {@code tickcast model rollback} does it: the version's retained record, again. */
  private static void rollback(String topic, String version) {
    ModelRecord old;
    try (ModelTopicReader reader =
        new ModelTopicReader(kafka.bootstrapServers(), Map.of(), topic, Duration.ofSeconds(30))) {
      old = ModelTopicReader.newestOf(ModelTopicReader.entries(
          reader.readToEnd(Duration.ofSeconds(30))), NAME, version).orElseThrow().record();
    }
    try (ModelPublisher p = new ModelPublisher(kafka.bootstrapServers(), Map.of(), topic)) {
      p.publish(ModelRecords.republish(old, ModelRecords.ROLLBACK, "test rollback"));
    }
  }

  private static void sendRaw(String topic, byte[] value) {
    try (KafkaProducer<String, byte[]> p = KafkaIO.producer(kafka.bootstrapServers())) {
      p.send(new ProducerRecord<>(topic, 0, NAME, value));
      p.flush();
    }
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(done.getAsBoolean()).as(what).isTrue();
  }

  private static double rejected(RunningApp app, ModelRejectReason reason) {
    FunctionCounter c = app.registry().find("tickcast.model.rejected")
        .tag("reason", reason.code()).functionCounter();
    return c == null ? -1 : c.count();
  }

  private static int activeTasks(RunningApp app) {
    int n = 0;
    for (ThreadMetadata t : app.streams().metadataForLocalThreads()) {
      n += t.activeTasks().size();
    }
    return n;
  }

  private static Map<String, double[]> series(int n, String... symbols) {
    String[] columns = {"Open", "High", "Low", "Close"};
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < symbols.length; i++) {
      out.put(symbols[i], TestData.sp500(columns[i % columns.length], n));
    }
    return out;
  }

  /** Forecasts read so far, by symbol then tick minute, each tick's forecasts in arrival order. */
  private static Map<String, TreeMap<Long, List<String>>> byTick(
      List<ConsumerRecord<String, Forecast>> seen) {
    Map<String, TreeMap<Long, List<String>>> out = new TreeMap<>();
    for (ConsumerRecord<String, Forecast> r : seen) {
      long minute = (r.value().getLastTickTime().toEpochMilli() - KafkaIO.START.toEpochMilli())
          / 60_000;
      out.computeIfAbsent(r.key(), k -> new TreeMap<>())
          .computeIfAbsent(minute, k -> new ArrayList<>()).add(r.value().getModelVersion());
    }
    return out;
  }

  @Test
  void twoInstancesSwapToAPublishedModelInStepAndRollBack() throws Exception {
    String p = "swap";
    kafka.createTopics(4, p + "-ticks", p + "-forecasts", p + "-dlq");
    ModelTopic.ensure(kafka.bootstrapServers(), Map.of(), p + "-models", Optional.empty());
    String v1 = publish(p + "-models", model("swap-v1", W, 1));
    Path v2Dir = model("swap-v2", W, 2);
    String v2 = ModelRecords.fromDirectory(NAME, v2Dir, "").getModelVersion();
    assertThat(v2).isNotEqualTo(v1);
    Map<String, double[]> series = series(90, "A", "B", "C", "D");
    List<ConsumerRecord<String, Forecast>> seen = new ArrayList<>();
    try (RunningApp a = StreamApp.start(config(p, "a"));
        RunningApp b = StreamApp.start(config(p, "b"));
        KafkaProducer<String, byte[]> ticks = KafkaIO.producer(kafka.bootstrapServers());
        KafkaConsumer<String, Forecast> forecasts =
            KafkaIO.forecastConsumer(kafka.bootstrapServers(), p + "-forecasts")) {
      assertThat(a.modelVersion()).as("a starts from the topic").isEqualTo(v1);
      assertThat(b.modelVersion()).as("b starts from the topic").isEqualTo(v1);
      await("both instances hold tasks", () -> a.isReady() && b.isReady()
          && activeTasks(a) > 0 && activeTasks(b) > 0);

      // phase 1: ticks 0-29 under v1
      series.forEach((sym, s) -> KafkaIO.sendSeries(ticks, p + "-ticks", sym, s, 0, 30));
      KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 4 * (30 - W + 1), WAIT);

      // phase 2: publish v2 and keep ticks 30-49 flowing while the instances swap
      publish(p + "-models", v2Dir);
      series.forEach((sym, s) -> KafkaIO.sendSeries(ticks, p + "-ticks", sym, s, 30, 50));
      await("both instances serve v2", () -> a.modelVersion().equals(v2)
          && b.modelVersion().equals(v2));
      // phase 3: ticks 50-69, after both swapped
      series.forEach((sym, s) -> KafkaIO.sendSeries(ticks, p + "-ticks", sym, s, 50, 70));
      KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 4 * (70 - W + 1), WAIT);

      // phase 4: roll back to v1, then ticks 70-89
      rollback(p + "-models", v1.substring(0, 12));
      await("both instances serve v1 again", () -> a.modelVersion().equals(v1)
          && b.modelVersion().equals(v1));
      series.forEach((sym, s) -> KafkaIO.sendSeries(ticks, p + "-ticks", sym, s, 70, 90));
      KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 4 * (90 - W + 1), WAIT);
      KafkaIO.drain(forecasts, seen, Duration.ofSeconds(2));
      assertThat(rejected(a, ModelRejectReason.CORRUPT) + rejected(b, ModelRejectReason.CORRUPT))
          .isZero();
    }

    assertThat(seen).hasSize(4 * (90 - W + 1));
    Map<String, TreeMap<Long, List<String>>> byTick = byTick(seen);
    Map<String, Integer> counts = new TreeMap<>();
    for (var sym : series.keySet()) {
      TreeMap<Long, List<String>> ticks = byTick.get(sym);
      assertThat(ticks.keySet()).as(sym).containsExactlyElementsOf(
          java.util.stream.LongStream.range(W - 1, 90).boxed().toList());
      String previous = v1;
      int switches = 0;
      for (var e : ticks.entrySet()) {
        assertThat(e.getValue()).as("%s tick %d forecast once", sym, e.getKey()).hasSize(1);
        String version = e.getValue().get(0);
        long minute = e.getKey();
        if (minute < 30 || minute >= 70) {
          assertThat(version).as("%s tick %d", sym, minute).isEqualTo(v1);
        } else if (minute >= 50) {
          assertThat(version).as("%s tick %d", sym, minute).isEqualTo(v2);
        }
        if (!version.equals(previous)) {
          switches++;
          previous = version;
        }
        String phase = minute < 30 ? "1" : minute < 50 ? "2" : minute < 70 ? "3" : "4";
        counts.merge("phase " + phase + " " + version.substring(0, 8), 1, Integer::sum);
      }
      assertThat(switches).as("%s: v1 -> v2 once, back to v1 once", sym).isEqualTo(2);
    }
    System.out.printf("model swap through the topic, forecasts per phase and version: %s%n", counts);
  }

  @Test
  void corruptInvalidAndIncompatibleModelsAreRejectedCountedAndTheRunningModelStays()
      throws Exception {
    String p = "reject";
    ModelTopic.ensure(kafka.bootstrapServers(), Map.of(), p + "-models", Optional.empty());
    String v1 = publish(p + "-models", model("reject-v1", W, 1));
    try (RunningApp app = StreamApp.start(config(p, "a"));
        KafkaProducer<String, byte[]> ticks = KafkaIO.producer(kafka.bootstrapServers());
        KafkaConsumer<String, Forecast> forecasts =
            KafkaIO.forecastConsumer(kafka.bootstrapServers(), p + "-forecasts")) {
      assertThat(app.modelVersion()).isEqualTo(v1);
      // corrupt 1: bytes that are no model record
      sendRaw(p + "-models", "not a model".getBytes());
      // corrupt 2: a record whose network file was altered after its checksum was taken
      ModelRecord good = ModelRecords.fromDirectory(NAME, model("reject-v2", W, 2), "test");
      List<ModelFile> files = new ArrayList<>();
      for (ModelFile f : good.getFiles()) {
        byte[] content = f.getContent().array().clone();
        if (f.getName().equals(ModelArtifact.NETWORK_FILE)) {
          content[content.length / 2] ^= 0x55;
        }
        files.add(ModelFile.newBuilder(f).setContent(ByteBuffer.wrap(content)).build());
      }
      sendRaw(p + "-models", ModelRecords.encode(
          ModelRecord.newBuilder(good).setFiles(files).build()));
      // invalid: intact files, but metadata of a format this version does not read
      Path invalid = model("reject-invalid", W, 3);
      ObjectNode meta = (ObjectNode) ModelArtifact.json()
          .readTree(invalid.resolve(ModelArtifact.METADATA_FILE).toFile());
      meta.put("formatVersion", 99);
      ModelArtifact.json().writeValue(invalid.resolve(ModelArtifact.METADATA_FILE).toFile(), meta);
      publish(p + "-models", invalid);
      // incompatible: a valid model with another window length
      publish(p + "-models", model("reject-w5", 5, 4));

      await("all four rejected", () -> rejected(app, ModelRejectReason.CORRUPT) == 2
          && rejected(app, ModelRejectReason.INVALID) == 1
          && rejected(app, ModelRejectReason.INCOMPATIBLE) == 1);
      assertThat(app.modelVersion()).isEqualTo(v1);
      assertThat(app.registry().scrape())
          .contains("tickcast_model_rejected_total{reason=\"corrupt\"} 2.0")
          .contains("tickcast_model_rejected_total{reason=\"incompatible\"} 1.0");

      await("ready", app::isReady);
      double[] s = TestData.sp500("Close", 20);
      KafkaIO.sendSeries(ticks, p + "-ticks", "SPX", s, 0, 20);
      List<ConsumerRecord<String, Forecast>> seen = new ArrayList<>();
      KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 20 - W + 1, WAIT);
      assertThat(seen).hasSize(20 - W + 1)
          .allSatisfy(r -> assertThat(r.value().getModelVersion()).isEqualTo(v1));
    }
  }

  @Test
  void restartedInstanceWithAnEmptyModelDirectoryServesTheTopicsNewestGoodModel()
      throws Exception {
    String p = "restart";
    ModelTopic.ensure(kafka.bootstrapServers(), Map.of(), p + "-models", Optional.empty());
    String v1 = publish(p + "-models", model("restart-v1", W, 1));
    try (RunningApp first = StreamApp.start(config(p, "first"))) {
      assertThat(first.modelVersion()).isEqualTo(v1);
    }
    String v2 = publish(p + "-models", model("restart-v2", W, 2));
    sendRaw(p + "-models", "corrupt newest record".getBytes());

    try (RunningApp app = StreamApp.start(config(p, "second"));
        KafkaProducer<String, byte[]> ticks = KafkaIO.producer(kafka.bootstrapServers());
        KafkaConsumer<String, Forecast> forecasts =
            KafkaIO.forecastConsumer(kafka.bootstrapServers(), p + "-forecasts")) {
      assertThat(app.modelVersion()).isEqualTo(v2);
      assertThat(rejected(app, ModelRejectReason.CORRUPT)).isEqualTo(1);
      await("ready", app::isReady);
      KafkaIO.sendSeries(ticks, p + "-ticks", "SPX", TestData.sp500("Close", 15), 0, 15);
      List<ConsumerRecord<String, Forecast>> seen = new ArrayList<>();
      KafkaIO.pollUntil(forecasts, seen, r -> r.size() >= 15 - W + 1, WAIT);
      assertThat(seen).hasSize(15 - W + 1)
          .allSatisfy(r -> assertThat(r.value().getModelVersion()).isEqualTo(v2));
    }
  }
}
