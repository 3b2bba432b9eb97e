package io.tickcast.trainer.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.ModelRecord;
import io.tickcast.streams.models.ModelPublisher;
import io.tickcast.streams.models.ModelRecords;
import io.tickcast.streams.models.ModelTopic;
import io.tickcast.streams.models.ModelTopicReader;
import io.tickcast.trainer.data.MultiSeriesWindows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrain gate on the in-process broker with models of known quality on geometric series
 * {@code p_t = p_0 g^t} (g = 1.001): under last-price normalisation the hand-built network
 * {@code lastValuePlus(b)} outputs b for the last-price-normalised window, and the seed
 * roll-forward (every step normalised on the origin's last price) makes its h-step forecast
 * {@code p (1 + h b)}. So b = 0 is persistence (the champion, U = 1) and at every origin
 * {@code U_h = |1 + h b - g^h| / (g^h - 1)}: about 2 for b = 0.003, under 0.002 for b = 0.001.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrainGateIntegrationTest {
  private static final double G = 1.001;
  private static final int W = 5;
  private static final int H = 4;
  private static final String TOPIC = "tickcast.models";
  private static EmbeddedKafkaCluster kafka;
  @TempDir static Path tmp;
  static Retrainer.Models models;
  static MultiSeries series;
  static long cutoff;
  static String championVersion;

  /** U at horizon h of lastValuePlus(b) on the geometric series (see the class comment). */
  static double theilU(double b, int h) {
    return Math.abs(1 + h * b - Math.pow(G, h)) / (Math.pow(G, h) - 1);
  }

  static Path artifact(String name, double bias) {
    Path dir = tmp.resolve(name);
    TestModels.save(dir, TestModels.lastValuePlus(new double[] {1.0}, bias), W, H,
        List.of("price"), "price", Normalisation.LAST_PRICE, RollForward.SEED);
    return dir;
  }

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafkaCluster.start();
    models = new Retrainer.Models(kafka.bootstrapServers(), Map.of(), TOPIC, "tickcast",
        Duration.ofSeconds(30));
    List<SymbolSeries> symbols = new ArrayList<>();
    double[] start = {100, 40, 7000};
    for (int s = 0; s < start.length; s++) {
      int n = 80 + 10 * s;
      long[] times = new long[n];
      double[][] rows = new double[n][1];
      for (int t = 0; t < n; t++) {
        times[t] = 1_700_000_000_000L + 60_000L * (t + 3 * s);
        rows[t][0] = start[s] * Math.pow(G, t);
      }
      symbols.add(new SymbolSeries("S" + s, List.of("price"), times, rows));
    }
    series = new MultiSeries("geometric", List.of("price"), List.copyOf(symbols));
    cutoff = MultiSeriesWindows.cutoffTime(series, 0.8);
    Path champion = artifact("champion", 0.0);
    ModelRecord r = ModelRecords.fromDirectory("tickcast", champion, "test champion");
    championVersion = r.getModelVersion();
    ModelTopic.ensure(kafka.bootstrapServers(), Map.of(), TOPIC, Optional.empty());
    try (ModelPublisher p = new ModelPublisher(kafka.bootstrapServers(), Map.of(), TOPIC)) {
      p.publish(r);
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  static String servedVersion() {
    try (ModelTopicReader r = new ModelTopicReader(kafka.bootstrapServers(), Map.of(), TOPIC,
        Duration.ofSeconds(30))) {
      return ModelTopicReader.newestOf(ModelTopicReader.entries(r.readToEnd(
          Duration.ofSeconds(30))), "tickcast", "").orElseThrow().record().getModelVersion();
    }
  }

  @Test
  @Order(1)
  void aWorseChallengerIsNotPublishedAndItsModelJsonSaysWhy() {
    Path worse = artifact("worse", 0.003);
    Retrainer.Outcome o = Retrainer.gate(models, worse, series, cutoff);
    RetrainGate.Decision d = o.decision();
    assertThat(d.publish()).isFalse();
    assertThat(o.publishedOffset()).isEqualTo(-1);
    assertThat(d.championVersion()).isEqualTo(championVersion);
    double expected = 0;
    for (int h = 1; h <= H; h++) {
      double u = theilU(0.003, h);
      assertThat(d.challengerTheilU().get(h - 1)).isCloseTo(u, within(1e-6));
      assertThat(d.championTheilU().get(h - 1)).isCloseTo(1.0, within(1e-9));
      expected += u / H;
    }
    assertThat(d.challengerMeanU()).isCloseTo(expected, within(1e-6));
    assertThat(d.reason()).contains("higher mean U");
    assertThat(servedVersion()).isEqualTo(championVersion);
    JsonNode stored = ModelArtifact.load(worse).metadata().evaluation().path(Retrainer.METADATA_NODE);
    assertThat(stored.path("publish").asBoolean(true)).isFalse();
    assertThat(stored.path("championMeanU").asDouble()).isEqualTo(d.championMeanU());
    assertThat(stored.path("rule").asText()).isEqualTo(RetrainGate.RULE);
  }

  @Test
  @Order(2)
  void aBetterChallengerIsPublishedWithItsDecisionAndServedNext() {
    Path better = artifact("better", G - 1);
    Retrainer.Outcome o = Retrainer.gate(models, better, series, cutoff);
    RetrainGate.Decision d = o.decision();
    assertThat(d.publish()).isTrue();
    double expected = 0;
    for (int h = 1; h <= H; h++) {
      expected += theilU(G - 1, h) / H;
    }
    assertThat(d.challengerMeanU()).isCloseTo(expected, within(1e-6)).isLessThan(0.002);
    assertThat(d.championMeanU()).isCloseTo(1.0, within(1e-9));
    assertThat(d.dieboldMarianoAtOne().statistic()).isNegative();
    // paths: every symbol's targets at or after the cut-off
    long targets = series.symbols().stream().flatMapToLong(s -> java.util.Arrays.stream(s.times()))
        .filter(t -> t >= cutoff).count();
    assertThat(d.paths()).isEqualTo((int) targets);
    assertThat(o.publishedOffset()).isNotNegative();
    String version = ModelArtifact.load(better).version();
    assertThat(servedVersion()).isEqualTo(version);
    try (ModelTopicReader r = new ModelTopicReader(kafka.bootstrapServers(), Map.of(), TOPIC,
        Duration.ofSeconds(30))) {
      ModelRecord rec = ModelTopicReader.newestOf(ModelTopicReader.entries(
          r.readToEnd(Duration.ofSeconds(30))), "tickcast", version).orElseThrow().record();
      assertThat(ModelRecords.metadata(rec).evaluation().path(Retrainer.METADATA_NODE)
          .path("publish").asBoolean(false)).isTrue();
    }
    // a name with no record on the topic has no champion: its first challenger is published
    Retrainer.Models other = new Retrainer.Models(kafka.bootstrapServers(), Map.of(), TOPIC,
        "fresh-name", Duration.ofSeconds(30));
    assertThat(Retrainer.gate(other, artifact("first", 0.0), series, cutoff).decision().reason())
        .isEqualTo("no champion on the models topic");
  }
}
