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
    IntervalBands.WindowScale scale = bands.scale(window);
    assertThat(scale.base()).isEqualTo(100.0);
    assertThat(scale.factor()).isEqualTo(1.0);
    IntervalBands.Band[] b = bands.bands(new double[] {101, 104}, scale);
    assertThat(b).hasSize(2);
    assertThat(b[0].level()).isEqualTo(0.8);
    assertThat(b[0].lower()).containsExactly(new double[] {100, 102}, within(1e-9));
    assertThat(b[0].upper()).containsExactly(new double[] {102, 106}, within(1e-9));
    assertThat(b[1].lower()).containsExactly(new double[] {98, 99}, within(1e-9));
    assertThat(b[1].upper()).containsExactly(new double[] {104, 109}, within(1e-9));
    // first-price: the base is the first row, 90.
    assertThat(new IntervalBands(TWO_LEVELS, Normalisation.FIRST_PRICE, 0).scale(window).base())
        .isEqualTo(90.0);
  }

  @Test
  void noneUsesPriceUnits() {
    IntervalBands bands = new IntervalBands(TWO_LEVELS, Normalisation.NONE, 0);
    IntervalBands.Band[] b = bands.bands(new double[] {5}, new IntervalBands.WindowScale(1, 1));
    assertThat(b[1].lower()[0]).isCloseTo(4.97, within(1e-12));
    assertThat(b[1].upper()[0]).isCloseTo(5.03, within(1e-12));
  }

  @Test
  void windowVolatilityScalingMultipliesTheHalfWidthByTheWindowsVolatility() {
    PredictionIntervals scaled = new PredictionIntervals("test", "window-volatility", 0.5,
        List.of(10, 9), TWO_LEVELS.levels(), null);
    // none: differences 10, -11, sd 10.5; bounds forecast -+ q x 10.5.
    IntervalBands none = new IntervalBands(scaled, Normalisation.NONE, 0);
    IntervalBands.WindowScale s = none.scale(new double[][] {{0}, {10}, {-1}});
    assertThat(s.factor()).isCloseTo(10.5, within(1e-12));
    IntervalBands.Band[] b = none.bands(new double[] {5, 6}, s);
    assertThat(b[0].lower()).containsExactly(new double[] {5 - 0.105, 6 - 0.21}, within(1e-12));
    assertThat(b[1].upper()).containsExactly(new double[] {5 + 0.315, 6 + 0.525}, within(1e-12));
    // a flat window gets the floor: 5 -+ 0.01 x 0.5
    IntervalBands.WindowScale flat = none.scale(new double[][] {{3}, {3}, {3}});
    assertThat(none.bands(new double[] {5}, flat)[0].upper()[0]).isCloseTo(5.005, within(1e-12));
    // last-price: 100 -> 200 -> 100, sd ln 2, base 100: 101 -+ 0.01 x ln 2 x 100.
    IntervalBands ratio = new IntervalBands(scaled, Normalisation.LAST_PRICE, 0);
    IntervalBands.WindowScale r = ratio.scale(new double[][] {{100}, {200}, {100}});
    assertThat(ratio.lower(0, 1, 101, r)).isCloseTo(101 - Math.log(2), within(1e-9));
    assertThat(ratio.upper(1, 2, 101, r)).isCloseTo(101 + 5 * Math.log(2), within(1e-9));
    // the calibration score divides by the same factor: |103 - 101| / 100 / ln 2
    assertThat(IntervalBands.score(Normalisation.LAST_PRICE, 103, 101, r))
        .isCloseTo(0.02 / Math.log(2), within(1e-12));
  }

  @Test
  void aModelJsonWithoutScalingGivesExactlyTheUnscaledBounds() throws Exception {
    // intervals as written before the scaling field existed
    String old = "{\"method\":\"split-conformal\",\"calibrationWindows\":[10,9],"
        + "\"levels\":[{\"level\":0.8,\"halfWidths\":[0.01,0.02]}]}";
    PredictionIntervals p = new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(old, PredictionIntervals.class);
    assertThat(p.scaling()).isEqualTo("none");
    assertThat(p.volatilityFloor()).isNull();
    p.validate(2);
    IntervalBands bands = new IntervalBands(p, Normalisation.LAST_PRICE, 0);
    // a volatile window: unscaled, its volatility plays no part
    IntervalBands.WindowScale s = bands.scale(new double[][] {{50}, {150}, {100}});
    assertThat(s.factor()).isEqualTo(1.0);
    // the bounds before scaling existed: denormalise(normalise(f, b) -+ q, b), bit for bit
    Normalisation n = Normalisation.LAST_PRICE;
    assertThat(bands.lower(0, 1, 101, s)).isEqualTo(n.denormalise(n.normalise(101, 100) - 0.01,
        100));
    assertThat(bands.upper(0, 2, 104, s)).isEqualTo(n.denormalise(n.normalise(104, 100) + 0.02,
        100));
  }

  @Test
  void windowVolatilityWithoutAFloorIsRefused() {
    PredictionIntervals noFloor = new PredictionIntervals("t", "window-volatility", null,
        null, List.of(new PredictionIntervals.Level(0.8, List.of(0.1))), null);
    assertThatThrownBy(() -> noFloor.validate(1)).hasMessageContaining("volatilityFloor");
    PredictionIntervals unknown = new PredictionIntervals("t", "garch", null, null, null, null);
    assertThatThrownBy(() -> unknown.validate(1)).hasMessageContaining("'garch'");
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
    IntervalBands.WindowScale unit = new IntervalBands.WindowScale(1, 1);
    assertThatThrownBy(() -> bands.bands(new double[3], unit))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calibrated for 2");
    IntervalBands none = new IntervalBands(new PredictionIntervals(null, null, null, null),
        Normalisation.LAST_PRICE, 0);
    assertThat(none.levelCount()).isZero();
    assertThat(none.bands(new double[3], unit)).isEmpty();
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
