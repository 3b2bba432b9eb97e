package io.tickcast.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UntrainedModelTest {
  @Test
  void isAValidArtifactOfTheTutorialShape(@TempDir Path dir) {
    UntrainedModel.save(dir, 1L);

    LoadedModel m = ModelArtifact.load(dir);
    assertThat(m.metadata().windowLength()).isEqualTo(50);
    assertThat(m.metadata().horizon()).isEqualTo(50);
    assertThat(m.metadata().normalisation()).isEqualTo("first-price");
    // Keras' parameter counts: LSTM 4n(i + n) + 4n, dense i·n + n.
    long lstm1 = 4L * 50 * (1 + 50) + 4 * 50;
    long lstm2 = 4L * 100 * (50 + 100) + 4 * 100;
    long dense = 100 + 1;
    assertThat(m.network().numParams()).isEqualTo(lstm1 + lstm2 + dense);
  }
}
