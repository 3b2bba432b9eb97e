package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The flat layout {@code data[(b·W + t)·F + c]} and its checks. */
class FloatWindowsTest {
  private static final double[][][] WINDOWS = {
      {{1, 2}, {3, 4}, {5, 6}},
      {{7, 8}, {9, 10}, {11, 12}}};

  @Test
  void packsRowMajorAndWidensBack() {
    FloatWindows x = FloatWindows.of(WINDOWS);
    assertThat(x.data()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(x.value(1, 2, 0)).isEqualTo(11f);
    assertThat(x.offset(1)).isEqualTo(6);
    assertThat(x.toDoubles()).isDeepEqualTo(WINDOWS);
    assertThat(FloatWindows.of(new double[0][][]).batch()).isZero();
  }

  @Test
  void raggedWindowsAndWrongSizesAreRejected() {
    assertThatThrownBy(() -> FloatWindows.of(new double[][][] {{{1}, {2}}, {{1}}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window 1 has 1");
    assertThatThrownBy(() -> FloatWindows.of(new double[][][] {{{1}, {2, 3}}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step 1");
    assertThatThrownBy(() -> new FloatWindows(new float[5], 2, 3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6");
    assertThatThrownBy(() -> new FloatWindows(new float[0], -1, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
