package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The engine's float activation approximations against the exact functions in double. */
class ActivationTest {

  @Test
  void activationApproximationsAreWithinFloatPrecisionOfTheExactFunctions() {
    double tanh = 0;
    double sigmoid = 0;
    for (int i = -400_000; i <= 400_000; i++) {
      float x = i * 1e-4f;
      tanh = Math.max(tanh, Math.abs(Activation.tanh(x) - Math.tanh(x)));
      sigmoid = Math.max(sigmoid,
          Math.abs(Activation.sigmoid(x) - 1 / (1 + Math.exp(-(double) x))));
    }
    assertThat(tanh).isLessThan(4e-7);
    assertThat(sigmoid).isLessThan(4e-7);
    assertThat(Activation.tanh(Float.MAX_VALUE)).isEqualTo(1.0f, within(4e-7f));
    assertThat(Activation.sigmoid(-Float.MAX_VALUE)).isEqualTo(0.0f, within(4e-7f));
  }
}
