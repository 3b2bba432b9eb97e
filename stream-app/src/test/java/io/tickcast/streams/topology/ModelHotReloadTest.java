package io.tickcast.streams.topology;

import static io.tickcast.streams.topology.TopologyFixture.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.inference.ModelWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelHotReloadTest {
  @TempDir Path tmp;

  @Test
  void aNewerArtifactIsServedWithoutRestartAndBrokenOnesAreSkipped() throws Exception {
    Path root = tmp.resolve("models");
    ModelMetadata v1 = Models.lastValuePlus(root.resolve("v1"), 3, 1, Normalisation.NONE,
        RollForward.SEED, 0.5);
    try (TopologyFixture fx = new TopologyFixture(root.resolve("v1"), tmp.resolve("state"),
            WireFormat.AVRO, 1, Duration.ofMillis(100));
        ModelWatcher watcher = new ModelWatcher(root, fx.holder, fx.metrics::reloadFailed)) {
      assertThat(watcher.pollOnce()).isFalse();
      fx.sendSeries("SPX", new double[] {10, 11, 12});
      Forecast first = fx.forecasts.readValue();
      assertThat(first.getModelVersion()).isEqualTo(v1.modelVersion());
      assertThat(first.getNextStep()).isCloseTo(12.5, within(1e-9));

      Thread.sleep(5); // artifacts are ordered by creation time
      ModelMetadata v2 = Models.lastValuePlus(root.resolve("v2"), 3, 1, Normalisation.NONE,
          RollForward.SEED, 2.0);
      assertThat(watcher.pollOnce()).isTrue();
      fx.send(tick("SPX", 3, 13));
      Forecast second = fx.forecasts.readValue();
      assertThat(second.getModelVersion()).isEqualTo(v2.modelVersion());
      assertThat(second.getNextStep()).isCloseTo(15.0, within(1e-9));
      assertThat(fx.registry.scrape()).contains("version=\"" + v2.modelVersion() + "\"")
          .doesNotContain("version=\"" + v1.modelVersion() + "\"");

      Thread.sleep(5);
      Models.lastValuePlus(root.resolve("v3"), 4, 1, Normalisation.NONE, RollForward.SEED, 9.0);
      assertThat(watcher.pollOnce()).as("another window length needs a restart").isFalse();
      Thread.sleep(5);
      Models.lastValuePlus(root.resolve("v4"), 3, 1, Normalisation.NONE, RollForward.SEED, 9.0);
      Path zip = root.resolve("v4").resolve(ModelArtifact.NETWORK_FILE);
      Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(zip), 100));
      assertThat(watcher.pollOnce()).as("truncated network").isFalse();
      assertThat(watcher.pollOnce()).isFalse();
      assertThat(fx.counter("tickcast.model.reload.failures")).isEqualTo(2.0);

      fx.send(tick("SPX", 4, 14));
      assertThat(fx.forecasts.readValue().getModelVersion()).isEqualTo(v2.modelVersion());
    }
  }
}
