package io.tickcast.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

  @Test
  void defaultsApplyWhenUnsetOrEmptyForColonDash() {
    assertThat(Interpolation.apply("${D:-../data}:/data:ro", Map.of())).isEqualTo("../data:/data:ro");
    assertThat(Interpolation.apply("${D:-x}", Map.of("D", ""))).isEqualTo("x");
    assertThat(Interpolation.apply("${D-x}", Map.of("D", ""))).isEmpty();
    assertThat(Interpolation.apply("${D:-x}", Map.of("D", "/srv"))).isEqualTo("/srv");
  }

  @Test
  void plainVariablesAndEscapedDollars() {
    assertThat(Interpolation.apply("$A-${B}", Map.of("A", "1", "B", "2"))).isEqualTo("1-2");
    assertThat(Interpolation.apply("echo \"$$topic\"", Map.of())).isEqualTo("echo \"$topic\"");
  }

  @Test
  void unsetWithoutDefaultIsAnError() {
    assertThatThrownBy(() -> Interpolation.apply("${NOPE}", Map.of()))
        .hasMessageContaining("NOPE");
  }
}
