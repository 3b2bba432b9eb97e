package io.tickcast.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.normalise.NormalisationException;
import io.tickcast.core.window.Windows;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class NormalisedWindowsTest {

  @Test
  void windowsAndTargetsAreNormalisedOnTheWindowsFirstPrice() {
    double[][] series = {{100}, {110}, {121}, {99}};
    NormalisedWindows n =
        NormalisedWindows.of(Windows.all(series, 2, 0), Normalisation.FIRST_PRICE, 0);

    // window [100, 110] -> 121: n = [0, 0.1] -> 0.21; window [110, 121] -> 99: [0, 0.1] -> -0.1
    assertThat(n.size()).isEqualTo(2);
    assertThat(n.inputs()[0][1][0]).isCloseTo(0.1, within(1e-12));
    assertThat(n.targets()[0]).isCloseTo(0.21, within(1e-12));
    assertThat(n.inputs()[1][0][0]).isEqualTo(0.0);
    assertThat(n.inputs()[1][1][0]).isCloseTo(0.1, within(1e-12));
    assertThat(n.targets()[1]).isCloseTo(-0.1, within(1e-12));
  }

  @Test
  void eachColumnHasItsOwnBaseAndTheTargetUsesTheTargetColumns() {
    // columns: close, volume; target close
    double[][] series = {{10, 1000}, {11, 1500}, {12, 500}};
    NormalisedWindows n =
        NormalisedWindows.of(Windows.all(series, 2, 0), Normalisation.FIRST_PRICE, 0);
    assertThat(n.inputs()[0][1][0]).isCloseTo(0.1, within(1e-12));
    assertThat(n.inputs()[0][1][1]).isCloseTo(0.5, within(1e-12));
    assertThat(n.targets()[0]).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void noneLeavesValuesAlone() {
    double[][] series = {{-1}, {0.5}, {2}};
    NormalisedWindows n = NormalisedWindows.of(Windows.all(series, 2, 0), Normalisation.NONE, 0);
    assertThat(n.inputs()[0][0][0]).isEqualTo(-1.0);
    assertThat(n.targets()[0]).isEqualTo(2.0);
  }

  @Test
  void batchesAreNcwWithOneLabelPerWindow() {
    double[][] series = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
    NormalisedWindows n = NormalisedWindows.of(Windows.all(series, 2, 0), Normalisation.NONE, 0);
    DataSet ds = n.batch(new int[] {1, 0});
    assertThat(ds.getFeatures().shape()).containsExactly(2, 2, 2);
    // batch row 0 is window 1 = rows {2,20},{3,30}: feature 1 over time = [20, 30]
    assertThat(ds.getFeatures().getDouble(0, 1, 0)).isEqualTo(20.0);
    assertThat(ds.getFeatures().getDouble(0, 1, 1)).isEqualTo(30.0);
    assertThat(ds.getFeatures().getDouble(1, 0, 1)).isEqualTo(2.0);
    assertThat(ds.getLabels().shape()).containsExactly(2, 1);
    assertThat(ds.getLabels().getDouble(0, 0)).isEqualTo(4.0);
    assertThat(ds.getLabels().getDouble(1, 0)).isEqualTo(3.0);
  }

  @Test
  void aWindowStartingAtZeroNamesItsRow() {
    double[][] series = {{5}, {4}, {0}, {3}, {2}};
    assertThatThrownBy(() ->
        NormalisedWindows.of(Windows.all(series, 2, 0), Normalisation.FIRST_PRICE, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data row 2")
        .hasCauseInstanceOf(NormalisationException.class);
  }
}
