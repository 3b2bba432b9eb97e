package io.tickcast.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputProfileTest {
  @TempDir Path dir;

  @Test
  void rangesAndMovesFollowTheDefinitions() {
    // Prices 100, 110, 99, 121 with W = 2: windows (100,110), (110,99), (99,121).
    double[][] rows = {{100}, {110}, {99}, {121}, {1000}};
    InputProfile p = InputProfile.of(rows, 4, 2, 0, Normalisation.FIRST_PRICE);
    // first-price: n = p/p0 - 1: 0, 0.1; 0, -0.1; 0, 121/99 - 1.
    assertThat(p.normalisedMin()[0]).isCloseTo(-0.1, within(1e-12));
    assertThat(p.normalisedMax()[0]).isCloseTo(121.0 / 99 - 1, within(1e-12));
    // moves |ln(p_t/p_t-1)| of rows 0..3 only (row 4 is outside the profiled rows).
    double[] moves = {Math.log(1.1), Math.abs(Math.log(0.9)), Math.log(121.0 / 99)};
    assertThat(p.moveMax()).isCloseTo(Math.log(121.0 / 99), within(1e-12));
    // nearest rank: ceil(0.999 * 3) = 3rd smallest = the largest.
    assertThat(p.moveQuantile()).isEqualTo(p.moveMax());
    assertThat(moves[0]).isLessThan(p.moveMax());
  }

  @Test
  void noneMeasuresAbsoluteDifferences() {
    double[][] rows = {{0.0}, {-1.0}, {0.5}};
    InputProfile p = InputProfile.of(rows, 3, 3, 0, Normalisation.NONE);
    assertThat(p.normalisedMin()[0]).isEqualTo(-1.0);
    assertThat(p.normalisedMax()[0]).isEqualTo(0.5);
    assertThat(p.moveMax()).isEqualTo(1.5);
  }

  @Test
  void nearestRankQuantile() {
    double[] sorted = new double[1000];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i;
    }
    assertThat(InputProfile.nearestRank(sorted, 0.999)).isEqualTo(998.0);
    assertThat(InputProfile.nearestRank(sorted, 0.5)).isEqualTo(499.0);
  }

  @Test
  void aProfileRoundTripsThroughModelJsonAndAnOldModelJsonLoadsWithout() throws Exception {
    ModelMetadata old = TestModels.saveTinyLstm(dir, 5, 2, Normalisation.FIRST_PRICE,
        RollForward.SEED, 3);
    assertThat(Files.readString(dir.resolve(ModelArtifact.METADATA_FILE)))
        .doesNotContain("inputProfile");
    assertThat(ModelArtifact.load(dir).metadata().inputProfile()).isNull();

    InputProfile profile = new InputProfile(new double[] {-0.2}, new double[] {0.3}, 0.999, 0.02,
        0.05);
    Path meta = dir.resolve(ModelArtifact.METADATA_FILE);
    ModelArtifact.json().writeValue(meta.toFile(), old.withInputProfile(profile));
    assertThat(ModelArtifact.load(dir).metadata().inputProfile()).isEqualTo(profile);
  }
}
