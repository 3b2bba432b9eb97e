package io.tickcast.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.interval.IntervalScaling;
import io.tickcast.core.normalise.Normalisation;
import org.junit.jupiter.api.Test;

class EnumNamesTest {
  @Test
  void namesAreTheConstantInKebabCaseAndParseBackInAnyCaseOrSeparator() {
    assertThat(EnumNames.of(RollForward.CARRY_STATE)).isEqualTo("carry-state");
    assertThat(EnumNames.all(Normalisation.class)).containsExactly("none", "first-price", "last-price");
    assertThat(EnumNames.parse(RollForward.class, " Carry_State ")).isEqualTo(RollForward.CARRY_STATE);
    assertThat(EnumNames.find(RollForward.class, "carry")).isNull();
    assertThat(EnumNames.find(RollForward.class, null)).isNull();
    assertThatThrownBy(() -> EnumNames.parse(IntervalScaling.class, "garch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown interval scaling 'garch'; expected one of [none, window-volatility]");
  }

  @Test
  void enumsWithTheirOwnNameFieldFollowTheRule() {
    for (InferenceEngine e : InferenceEngine.values()) {
      assertThat(e.configName()).isEqualTo(EnumNames.of(e));
    }
    for (IntervalScaling s : IntervalScaling.values()) {
      assertThat(s.configName()).isEqualTo(EnumNames.of(s));
    }
  }
}
