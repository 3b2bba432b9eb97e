package io.tickcast.core.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowsTest {
  private static double[][] series(double... values) {
    double[][] rows = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      rows[i] = new double[] {values[i]};
    }
    return rows;
  }

  @Test
  void countIsRowsMinusWindowLength() {
    assertThat(Windows.count(10, 3)).isEqualTo(7);
    assertThat(Windows.count(4, 3)).isEqualTo(1);
    assertThat(Windows.count(3, 3)).isZero();
    assertThat(Windows.count(2, 3)).isZero();
    // the tutorial's S&P 500 file: 4171 rows, W = 50
    assertThat(Windows.count(4171, 50)).isEqualTo(4121);
  }

  @Test
  void windowsSlideByOneAndTargetIsTheNextRow() {
    WindowSet set = Windows.all(series(1, 2, 3, 4, 5, 6), 3, 0);

    assertThat(set.size()).isEqualTo(3);
    assertThat(set.inputs()[0]).isDeepEqualTo(new double[][] {{1}, {2}, {3}});
    assertThat(set.inputs()[1]).isDeepEqualTo(new double[][] {{2}, {3}, {4}});
    assertThat(set.inputs()[2]).isDeepEqualTo(new double[][] {{3}, {4}, {5}});
    assertThat(set.targets()).containsExactly(4, 5, 6);
    assertThat(set.firstTargetRow()).isEqualTo(3);
  }

  @Test
  void targetComesFromTheTargetColumn() {
    double[][] rows = {{1, 10}, {2, 20}, {3, 30}};
    WindowSet set = Windows.all(rows, 2, 1);
    assertThat(set.targets()).containsExactly(30);
    assertThat(set.inputs()[0]).isDeepEqualTo(new double[][] {{1, 10}, {2, 20}});
  }

  @Test
  void sliceKeepsRowIndices() {
    WindowSet set = Windows.slice(series(1, 2, 3, 4, 5, 6, 7), 2, 0, 3, 5);
    assertThat(set.targets()).containsExactly(6, 7);
    assertThat(set.firstTargetRow()).isEqualTo(5);
    assertThatThrownBy(() -> Windows.slice(series(1, 2, 3), 2, 0, 0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
