package io.tickcast.core.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.normalise.Normalisation;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalBandsTest {
  private static final PredictionIntervals TWO_LEVELS = new PredictionIntervals("test",
      List.of(10, 9), List.of(new PredictionIntervals.Level(0.8, List.of(0.01, 0.02)),
          new PredictionIntervals.Level(0.95, List.of(0.03, 0.05))), null);

  @Test
  void ratioModesScaleTheHalfWidthByTheWindowsBase() {
    // last-price: base is the window's last price, 100; bounds = forecast -+ q x 100.
    IntervalBands bands = new IntervalBands(TWO_LEVELS, Normalisation.LAST_PRICE, 0);
    double[][] window = {{90}, {95}, {100}};
    double base = bands.base(window);
    assertThat(base).isEqualTo(100.0);
    IntervalBands.Band[] b = bands.bands(new double[] {101, 104}, base);
    assertThat(b).hasSize(2);
    assertThat(b[0].level()).isEqualTo(0.8);
    assertThat(b[0].lower()).containsExactly(new double[] {100, 102}, within(1e-9));
    assertThat(b[0].upper()).containsExactly(new double[] {102, 106}, within(1e-9));
    assertThat(b[1].lower()).containsExactly(new double[] {98, 99}, within(1e-9));
    assertThat(b[1].upper()).containsExactly(new double[] {104, 109}, within(1e-9));
    // first-price: the base is the first row, 90.
    assertThat(new IntervalBands(TWO_LEVELS, Normalisation.FIRST_PRICE, 0).base(window))
        .isEqualTo(90.0);
  }

  @Test
  void noneUsesPriceUnits() {
    IntervalBands bands = new IntervalBands(TWO_LEVELS, Normalisation.NONE, 0);
    IntervalBands.Band[] b = bands.bands(new double[] {5}, 1.0);
    assertThat(b[1].lower()[0]).isCloseTo(4.97, within(1e-12));
    assertThat(b[1].upper()[0]).isCloseTo(5.03, within(1e-12));
  }

  @Test
  void theScoreIsTheAbsoluteNormalisedError() {
    // |103/100 - 1 - (101/100 - 1)| = 0.02
    assertThat(IntervalBands.normalisedError(Normalisation.LAST_PRICE, 103, 101, 100))
        .isCloseTo(0.02, within(1e-12));
    assertThat(IntervalBands.normalisedError(Normalisation.NONE, 3, 5, 100)).isEqualTo(2.0);
  }

  @Test
  void aPathLongerThanTheCalibrationIsRefusedAndNoLevelsGiveNoBands() {
    IntervalBands bands = new IntervalBands(TWO_LEVELS, Normalisation.LAST_PRICE, 0);
    assertThatThrownBy(() -> bands.bands(new double[3], 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calibrated for 2");
    IntervalBands none = new IntervalBands(new PredictionIntervals(null, null, null, null),
        Normalisation.LAST_PRICE, 0);
    assertThat(none.levelCount()).isZero();
    assertThat(none.bands(new double[3], 1.0)).isEmpty();
  }

  @Test
  void validationNamesTheBadValue() {
    assertThatThrownBy(() -> TWO_LEVELS.validate(3)).hasMessageContaining("has 2 half-widths")
        .hasMessageContaining("horizon is 3");
    PredictionIntervals negative = new PredictionIntervals("t", null,
        List.of(new PredictionIntervals.Level(0.8, List.of(-0.1))), null);
    assertThatThrownBy(() -> negative.validate(1)).hasMessageContaining("horizon 1")
        .hasMessageContaining("-0.1");
    PredictionIntervals descending = new PredictionIntervals("t", null,
        List.of(new PredictionIntervals.Level(0.95, List.of(0.1)),
            new PredictionIntervals.Level(0.8, List.of(0.1))), null);
    assertThatThrownBy(() -> descending.validate(1)).hasMessageContaining("ascending");
  }
}
