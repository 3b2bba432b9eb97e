package io.tickcast.core.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.normalise.NormalisationException.Reason;
import org.junit.jupiter.api.Test;

class NormalisationTest {
  @Test
  void firstPriceNormalisesEachColumnOnItsFirstValue() {
    double[][] window = {{100, 2000}, {110, 1000}, {95, 3000}};
    double[][] n = Normalisation.FIRST_PRICE.apply(window);
    // n_i = p_i / p_0 - 1, per column
    assertThat(n[0]).containsExactly(0.0, 0.0);
    assertThat(n[1][0]).isCloseTo(0.10, within(1e-12));
    assertThat(n[1][1]).isCloseTo(-0.5, within(1e-12));
    assertThat(n[2][0]).isCloseTo(-0.05, within(1e-12));
    assertThat(n[2][1]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void firstPriceRoundTrips() {
    double base = 1455.219971;
    for (double p : new double[] {1399.420044, 1455.219971, 2901.52, 0.01}) {
      double n = Normalisation.FIRST_PRICE.normalise(p, base);
      assertThat(Normalisation.FIRST_PRICE.denormalise(n, base)).isCloseTo(p, within(1e-9));
    }
    // p = p_0 (n + 1)
    assertThat(Normalisation.FIRST_PRICE.denormalise(0.1, 200)).isCloseTo(220, within(1e-12));
  }

  @Test
  void lastPriceNormalisesOnTheLastRowSoPersistenceIsZero() {
    double[][] window = {{100, 2000}, {110, 1000}, {125, 4000}};
    double[][] n = Normalisation.LAST_PRICE.apply(window);
    // n_i = p_i / p_{W-1} - 1, per column
    assertThat(n[0][0]).isCloseTo(100.0 / 125 - 1, within(1e-12));
    assertThat(n[1][1]).isCloseTo(-0.75, within(1e-12));
    assertThat(n[2]).containsExactly(0.0, 0.0);
    // a network output of 0 (persistence) de-normalises to the last price
    assertThat(Normalisation.LAST_PRICE.denormalise(0.0, Normalisation.LAST_PRICE.base(window)[0]))
        .isEqualTo(125.0);
    assertThat(Normalisation.LAST_PRICE.denormalise(n[0][0], 125)).isCloseTo(100, within(1e-9));
    assertThatThrownBy(() -> Normalisation.LAST_PRICE.apply(new double[][] {{1.0}, {0.0}}))
        .isInstanceOfSatisfying(NormalisationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ZERO_BASE));
  }

  @Test
  void applyIntoWritesTheWindowRoundedToFloatAtItsOffset() {
    double[][] window = {{100, 2000}, {110, 1000}, {125, 4000}};
    float[] out = new float[2 + 6];
    double[] base = Normalisation.LAST_PRICE.applyInto(window, out, 2);
    assertThat(base).containsExactly(125, 4000);
    // n_i = p_i / p_{W-1} - 1, per column, row-major from offset 2
    assertThat(out).containsExactly(0f, 0f, (float) (100.0 / 125 - 1), -0.5f,
        (float) (110.0 / 125 - 1), -0.75f, 0f, 0f);
    assertThatThrownBy(() -> Normalisation.FIRST_PRICE.applyInto(
        new double[][] {{1}, {Double.NaN}}, new float[2], 0))
        .isInstanceOf(NormalisationException.class);
  }

  @Test
  void noneLeavesValuesAloneIncludingNegativeOnes() {
    double[][] window = {{-0.5}, {0.0}, {0.7}};
    assertThat(Normalisation.NONE.apply(window)).isDeepEqualTo(window);
    assertThat(Normalisation.NONE.denormalise(0.3, 999)).isEqualTo(0.3);
  }

  @Test
  void unusableBasesAreTypedErrors() {
    assertReason(new double[][] {{0.0}, {1.0}}, Reason.ZERO_BASE);
    assertReason(new double[][] {{-3.0}, {1.0}}, Reason.NEGATIVE_BASE);
    assertReason(new double[][] {{Double.NaN}, {1.0}}, Reason.NON_FINITE_BASE);
    assertReason(new double[][] {{Double.POSITIVE_INFINITY}, {1.0}}, Reason.NON_FINITE_BASE);
    assertReason(new double[][] {{1.0}, {Double.NaN}}, Reason.NON_FINITE_VALUE);
    assertReason(new double[][] {{1.0}, {Double.NEGATIVE_INFINITY}}, Reason.NON_FINITE_VALUE);
  }

  @Test
  void theFailingColumnIsNamed() {
    assertThatThrownBy(() -> Normalisation.FIRST_PRICE.apply(new double[][] {{5.0, 0.0}}))
        .isInstanceOfSatisfying(NormalisationException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.ZERO_BASE);
          assertThat(e.column()).isEqualTo(1);
        });
  }

  @Test
  void configNamesParse() {
    assertThat(Normalisation.fromConfig("first-price")).isEqualTo(Normalisation.FIRST_PRICE);
    assertThat(Normalisation.fromConfig("FIRST_PRICE")).isEqualTo(Normalisation.FIRST_PRICE);
    assertThat(Normalisation.fromConfig("none")).isEqualTo(Normalisation.NONE);
    assertThat(Normalisation.fromConfig("last-price")).isEqualTo(Normalisation.LAST_PRICE);
    assertThatThrownBy(() -> Normalisation.fromConfig("zscore"))
        .hasMessageContaining("zscore").hasMessageContaining("first-price");
  }

  private static void assertReason(double[][] window, Reason reason) {
    assertThatThrownBy(() -> Normalisation.FIRST_PRICE.apply(window))
        .isInstanceOfSatisfying(NormalisationException.class,
            e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
