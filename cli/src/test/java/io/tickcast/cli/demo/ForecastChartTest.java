package io.tickcast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.schemas.Forecast;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastChartTest {

  @Test
  void picksTheFirstForecastAndThenEveryNthInTickOrder() {
    long[] times = {10, 20, 30, 40, 50, 60, 70};
    List<Forecast> forecasts = new ArrayList<>();
    for (long t : new long[] {70, 30, 40, 50, 60, 30}) { // unordered, one duplicate, none at 10/20
      forecasts.add(DemoSummaryTest.forecast("A", t, 1, 1));
    }
    List<Forecast> chosen = ForecastChart.everyNth(times, forecasts, 2);
    assertThat(chosen).extracting(f -> f.getLastTickTime().toEpochMilli())
        .containsExactly(30L, 50L, 70L);
  }

  @Test
  void nextStepOnlyForecastsAreSkippedAndPathsKeepTheirSpacing() {
    long[] times = {10, 20, 30, 40, 50, 60, 70};
    List<Forecast> forecasts = new ArrayList<>();
    for (long t : new long[] {10, 20, 30, 40, 50, 60, 70}) {
      Forecast f = DemoSummaryTest.forecast("A", t, 1, 1);
      // paths only at 10, 40, 70 (every third tick), as with path.every.ticks = 3
      forecasts.add(t % 30 == 10 ? f : Forecast.newBuilder(f).setPath(List.of()).build());
    }
    assertThat(ForecastChart.everyNth(times, forecasts, 2))
        .extracting(f -> f.getLastTickTime().toEpochMilli()).containsExactly(10L, 40L, 70L);
    assertThat(ForecastChart.everyNth(times, forecasts, 4))
        .extracting(f -> f.getLastTickTime().toEpochMilli()).containsExactly(10L, 70L);
  }

  @Test
  void drawsTruePricesAndForecastPathsIntoAPng(@TempDir Path dir) throws Exception {
    int n = 200;
    long[] times = new long[n];
    double[] prices = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = i * 86_400_000L;
      prices[i] = 100 + 10 * Math.sin(i / 10.0);
    }
    List<Forecast> paths = List.of(
        DemoSummaryTest.forecast("A", times[49], prices[49], 150, 160, 170),
        DemoSummaryTest.forecast("A", times[99], prices[99], 50, 40, 30));
    Path png = dir.resolve("sub/chart.png");
    ForecastChart.write(png, "test", times, prices, paths, 800, 400);

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(800);
    assertThat(img.getHeight()).isEqualTo(400);
    int orange = 0;
    int blue = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        if (near(rgb, 0xFF7F0E)) {
          orange++;
        } else if (near(rgb, 0x1F77B4)) {
          blue++;
        }
      }
    }
    assertThat(blue).as("true-price line pixels").isGreaterThan(100);
    assertThat(orange).as("forecast path pixels").isGreaterThan(20);
  }

  @Test
  void drawsEachPathsPredictionBandsAsAFan(@TempDir Path dir) throws Exception {
    int n = 200;
    long[] times = new long[n];
    double[] prices = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = i * 86_400_000L;
      prices[i] = 100;
    }
    // A flat 30-step path at 100 with bands +-10 (80%) and +-20 (95%).
    double[] path = new double[30];
    java.util.Arrays.fill(path, 100);
    List<Double> p = java.util.Arrays.stream(path).boxed().toList();
    Forecast f = Forecast.newBuilder(DemoSummaryTest.forecast("A", times[49], 100, path))
        .setIntervals(List.of(
            io.tickcast.schemas.PredictionInterval.newBuilder().setLevel(0.8).setNextLower(90)
                .setNextUpper(110).setPathLower(p.stream().map(v -> v - 10).toList())
                .setPathUpper(p.stream().map(v -> v + 10).toList()).build(),
            io.tickcast.schemas.PredictionInterval.newBuilder().setLevel(0.95).setNextLower(80)
                .setNextUpper(120).setPathLower(p.stream().map(v -> v - 20).toList())
                .setPathUpper(p.stream().map(v -> v + 20).toList()).build()))
        .build();
    Path png = dir.resolve("fan.png");
    ForecastChart.write(png, "test", times, prices, List.of(f), 800, 400);

    BufferedImage img = ImageIO.read(png.toFile());
    int narrow = 0;
    int wide = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      for (int y = 0; y < img.getHeight(); y++) {
        int rgb = img.getRGB(x, y);
        if (near(rgb, 0xFFC896)) {
          narrow++;
        } else if (near(rgb, 0xFFF0E6)) {
          wide++;
        }
      }
    }
    // 30 of 200 days is ~100 px wide; each band is several tens of px high (legend keys: ~100).
    assertThat(narrow).as("80% band pixels").isGreaterThan(1000);
    assertThat(wide).as("95% band pixels (outside the 80% band)").isGreaterThan(1000);
  }

  /** Within a small colour distance (anti-aliased line pixels are blends). */
  private static boolean near(int rgb, int target) {
    int d = Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF))
        + Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF))
        + Math.abs((rgb & 0xFF) - (target & 0xFF));
    return d < 40;
  }
}
