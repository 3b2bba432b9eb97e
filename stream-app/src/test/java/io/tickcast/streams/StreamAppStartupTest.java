package io.tickcast.streams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.streams.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamAppStartupTest {
  @TempDir Path tmp;

  private AppConfig config(Path modelDir) {
    return AppConfig.of(Map.of(AppConfig.MODEL_DIR, modelDir.toString(),
        AppConfig.BOOTSTRAP_SERVERS, "localhost:1", AppConfig.HTTP_PORT, "-1"));
  }

  @Test
  void aMissingModelDirectoryStopsStartUp() {
    assertThatThrownBy(() -> StreamApp.start(config(tmp.resolve("none"))))
        .isInstanceOf(StartupException.class).hasMessageContaining("does not exist");
  }

  @Test
  void anEmptyModelDirectoryStopsStartUp() {
    assertThatThrownBy(() -> StreamApp.start(config(tmp)))
        .isInstanceOf(StartupException.class).hasMessageContaining("no model artifact");
  }

  @Test
  void aTruncatedNetworkStopsStartUpWithAClearMessage() throws Exception {
    Path dir = tmp.resolve("m");
    TestModels.saveTinyLstm(dir, 5, 2, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    Path zip = dir.resolve(ModelArtifact.NETWORK_FILE);
    Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(zip), 64));
    assertThatThrownBy(() -> StreamApp.start(config(dir)))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("cannot serve model")
        .hasMessageContaining("truncated");
  }

  @Test
  void aModelReadingColumnsTicksLackStopsStartUp() {
    Path dir = tmp.resolve("m");
    TestModels.save(dir, TestModels.lastValuePlus(new double[] {1, 0}, 0), 3, 1,
        List.of("close", "open"), "close", Normalisation.NONE, RollForward.SEED);
    assertThatThrownBy(() -> StreamApp.start(config(dir)))
        .isInstanceOf(StartupException.class).hasMessageContaining("[open]");
  }
}
