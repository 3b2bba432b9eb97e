package io.tickcast.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The changelog writes of a tick: one window record, plus one latest-forecast record when its
 * window is full, and no other changelogged store (issue 16's target). The driver commits after
 * every input record, so the tick's window write and its batch's write-back of the same value
 * reach the changelog as one record (the record cache).
 */
class ChangelogPerTickTest {
  private static final int W = 3;
  private static final int N = 10;

  @TempDir Path tmp;

  @Test
  void aTickWritesItsWindowOnceAndItsForecastOnce() {
    Models.lastValuePlus(tmp.resolve("model"), W, 2, Normalisation.NONE, RollForward.SEED, 1.0);
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.AVRO, 1, Duration.ofMillis(100))) {
      double[] prices = new double[N];
      for (int i = 0; i < N; i++) {
        prices[i] = 100 + i;
      }
      fx.sendSeries("SPX", prices);
      assertThat(fx.drainForecasts()).hasSize(N - W + 1);
      String prefix = "tickcast-test-";
      assertThat(records(fx, prefix + ForecastTopology.WINDOW_STORE + "-changelog")).isEqualTo(N);
      assertThat(records(fx, prefix + ForecastTopology.LATEST_STORE + "-changelog"))
          .isEqualTo(N - W + 1);
      assertThat(fx.driver.producedTopicNames()).filteredOn(t -> t.endsWith("-changelog"))
          .containsExactlyInAnyOrder(prefix + ForecastTopology.WINDOW_STORE + "-changelog",
              prefix + ForecastTopology.LATEST_STORE + "-changelog");
    }
  }

  private static long records(TopologyFixture fx, String topic) {
    var out = fx.driver.createOutputTopic(topic, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    return out.getQueueSize();
  }
}
