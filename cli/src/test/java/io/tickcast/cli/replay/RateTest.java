package io.tickcast.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateTest {
  @Test
  void parsesRatesPerSecondMinuteAndUnlimited() {
    assertThat(Rate.parse("500/s").ticksPerSecond()).isEqualTo(500);
    assertThat(Rate.parse("250").ticksPerSecond()).isEqualTo(250);
    assertThat(Rate.parse("30/min").ticksPerSecond()).isEqualTo(0.5);
    assertThat(Rate.parse("2/ms").ticksPerSecond()).isEqualTo(2000);
    assertThat(Rate.parse("max").isUnlimited()).isTrue();
    // tick 1000 at 500/s is due 2 s after the start
    assertThat(Rate.parse("500/s").dueNanos(1000)).isEqualTo(2_000_000_000L);
    assertThat(Rate.UNLIMITED.dueNanos(1000)).isZero();
    assertThat(Rate.parse("500/s")).hasToString("500/s");
    assertThat(Rate.parse("30/min")).hasToString("0.5/s");
  }

  @Test
  void rejectsNonRatesWithTheAcceptedForms() {
    for (String bad : new String[] {"fast", "0/s", "-3", "5/week", ""}) {
      assertThatThrownBy(() -> Rate.parse(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("500/s");
    }
  }
}
