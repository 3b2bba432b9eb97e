package io.tickcast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.schemas.Forecast;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
  private static final long DAY = 86_400_000L;

  static Forecast forecast(String symbol, long time, double last, double... path) {
    return Forecast.newBuilder().setSymbol(symbol).setLastTickTime(Instant.ofEpochMilli(time))
        .setLastTickPrice(last).setNextStep(path[0])
        .setPath(java.util.Arrays.stream(path).boxed().toList()).setModelVersion("v")
        .setRollForward("seed").setProducedAt(Instant.ofEpochMilli(0)).build();
  }

  @Test
  void scoresEachPathStepAgainstTheLaterTicksAndMeasuresLatencyFromSendToReceipt() {
    // Ticks of A: 100, 102, 101, 105 sent at 0.5 s, 1.0 s, 2.0 s, 2.5 s.
    List<SentTick> sent = List.of(
        new SentTick("A", 0, 100, 500_000_000L),
        new SentTick("A", DAY, 102, 1_000_000_000L),
        new SentTick("A", 2 * DAY, 101, 2_000_000_000L),
        new SentTick("A", 3 * DAY, 105, 2_500_000_000L));
    List<ReceivedForecast> received = List.of(
        // after tick 1 (102): path 103, 104 against actual 101, 105
        new ReceivedForecast(forecast("A", DAY, 102, 103, 104), 1_005_000_000L),
        // a forecast for a tick the demo never sent
        new ReceivedForecast(forecast("B", DAY, 50, 51, 52), 1_500_000_000L),
        // after tick 2 (101): path 100, 106 against actual 105, (series ended)
        new ReceivedForecast(forecast("A", 2 * DAY, 101, 100, 106), 2_020_000_000L));

    DemoSummary s = DemoSummary.of(sent, received);

    assertThat(s.symbols()).isEqualTo(1);
    assertThat(s.ticksSent()).isEqualTo(4);
    assertThat(s.forecastsReceived()).isEqualTo(3);
    assertThat(s.distinctForecasts()).isEqualTo(3);
    assertThat(s.unmatched()).isEqualTo(1);

    HorizonMetrics h1 = s.nextStep().orElseThrow();
    assertThat(h1.count()).isEqualTo(2);
    // errors 103-101 = 2 and 100-105 = -5; persistence 102-101 = 1 and 101-105 = -4
    assertThat(h1.rmse()).isCloseTo(Math.sqrt((4 + 25) / 2.0), within(1e-12));
    assertThat(h1.persistenceRmse()).isCloseTo(Math.sqrt((1 + 16) / 2.0), within(1e-12));
    assertThat(h1.theilU()).isCloseTo(Math.sqrt(29.0 / 17.0), within(1e-12));

    HorizonMetrics h2 = s.horizon(2).orElseThrow();
    assertThat(h2.count()).isEqualTo(1);
    assertThat(h2.rmse()).isCloseTo(1.0, within(1e-12)); // 104 - 105
    assertThat(h2.persistenceRmse()).isCloseTo(3.0, within(1e-12)); // 102 - 105

    // latencies 5 ms and 20 ms: nearest rank p50 = 5, p99 = 20 (HdrHistogram: within 0.1 %)
    assertThat(s.latencyP50Millis()).isCloseTo(5.0, withinPercentage(0.1));
    assertThat(s.latencyP99Millis()).isCloseTo(20.0, withinPercentage(0.1));
    // first tick sent at 0.5 s, last forecast received at 2.02 s
    assertThat(s.elapsedSeconds()).isCloseTo(1.52, within(1e-9));
    assertThat(s.forecastsPerSecond()).isCloseTo(3 / 1.52, within(1e-9));
    assertThat(s.render()).contains("ticks sent                4").contains("p50 5.0 ms");
  }

  @Test
  void nextStepOnlyForecastsScoreAtStepOneOnly() {
    List<SentTick> sent = List.of(
        new SentTick("A", 0, 100, 0), new SentTick("A", DAY, 102, 1),
        new SentTick("A", 2 * DAY, 101, 2), new SentTick("A", 3 * DAY, 105, 3));
    Forecast nextOnly = Forecast.newBuilder(forecast("A", DAY, 102, 103)).setPath(List.of())
        .build();
    DemoSummary s = DemoSummary.of(sent, List.of(
        new ReceivedForecast(forecast("A", 0, 100, 101, 103), 10),
        new ReceivedForecast(nextOnly, 11)));
    // step 1: 101 vs 102 and 103 vs 101; step 2: only the path forecast, 103 vs 101
    assertThat(s.nextStep().orElseThrow().count()).isEqualTo(2);
    assertThat(s.nextStep().orElseThrow().rmse()).isCloseTo(Math.sqrt((1 + 4) / 2.0), within(1e-12));
    assertThat(s.horizon(2).orElseThrow().count()).isEqualTo(1);
    assertThat(s.horizon(2).orElseThrow().rmse()).isCloseTo(2.0, within(1e-12));

    DemoSummary onlyNext = DemoSummary.of(sent, List.of(new ReceivedForecast(nextOnly, 11)));
    assertThat(onlyNext.nextStep().orElseThrow().rmse()).isCloseTo(2.0, within(1e-12));
    assertThat(onlyNext.horizon(2)).isEmpty();
  }

  @Test
  void duplicatesCountOnceAsDistinctAndNoForecastsMeansNoScore() {
    List<SentTick> sent = List.of(new SentTick("A", 0, 10, 0), new SentTick("A", 1, 11, 1));
    Forecast f = forecast("A", 0, 10, 12);
    DemoSummary s = DemoSummary.of(sent, List.of(new ReceivedForecast(f, 5),
        new ReceivedForecast(f, 6)));
    assertThat(s.forecastsReceived()).isEqualTo(2);
    assertThat(s.distinctForecasts()).isEqualTo(1);

    DemoSummary none = DemoSummary.of(sent, List.of());
    assertThat(none.nextStep()).isEmpty();
    assertThat(none.latencyP50Millis()).isNaN();
    assertThat(none.render()).contains("n/a");
  }

  @Test
  void latencyPercentilesAreNearestRankOfTheMatchedForecasts() {
    // 100 ticks of one symbol sent at 0 ns, each forecast received (i + 1) ms later.
    List<SentTick> sent = new java.util.ArrayList<>();
    List<ReceivedForecast> received = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sent.add(new SentTick("A", i * DAY, 100, 0));
      received.add(new ReceivedForecast(forecast("A", i * DAY, 100, 100), (i + 1) * 1_000_000L));
    }
    DemoSummary s = DemoSummary.of(sent, received);
    // ceil(0.5·100) = 50th and ceil(0.99·100) = 99th smallest: 50 ms and 99 ms.
    assertThat(s.latencyP50Millis()).isCloseTo(50.0, withinPercentage(0.1));
    assertThat(s.latencyP99Millis()).isCloseTo(99.0, withinPercentage(0.1));
  }

  @Test
  void nextStepCoverageIsScoredPerLevelAgainstTheNextSentTick() {
    List<SentTick> sent = List.of(
        new SentTick("A", 0, 100, 0), new SentTick("A", DAY, 102, 1),
        new SentTick("A", 2 * DAY, 110, 2), new SentTick("A", 3 * DAY, 111, 3));
    // After 100: next 101 in [99, 103] (80%) and [97, 105] (95%); actual 102: in both.
    // After 102: next 103 in [101, 105] and [99, 107]; actual 110: in neither (95% misses by 3).
    // After 110: next 111 in [109, 113] and [107, 115]; actual 111: in both.
    List<ReceivedForecast> received = new java.util.ArrayList<>();
    double[][] f = {{0, 100, 101}, {DAY, 102, 103}, {2 * DAY, 110, 111}};
    for (double[] x : f) {
      received.add(new ReceivedForecast(Forecast.newBuilder(forecast("A", (long) x[0], x[1], x[2]))
          .setIntervals(List.of(interval(0.8, x[2], 2), interval(0.95, x[2], 4))).build(), 5));
    }
    // The last tick's forecast has no next tick and is not scored.
    received.add(new ReceivedForecast(Forecast.newBuilder(forecast("A", 3 * DAY, 111, 112))
        .setIntervals(List.of(interval(0.8, 112, 2), interval(0.95, 112, 4))).build(), 6));

    DemoSummary s = DemoSummary.of(sent, received);

    assertThat(s.nextStepIntervals()).hasSize(2);
    var c80 = s.nextStepIntervals().get(0);
    assertThat(c80.level()).isEqualTo(0.8);
    assertThat(c80.count()).isEqualTo(3);
    assertThat(c80.coverage()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(c80.meanWidth()).isCloseTo(4.0, within(1e-12));
    var c95 = s.nextStepIntervals().get(1);
    assertThat(c95.coverage()).isCloseTo(2.0 / 3, within(1e-12));
    // interval score: widths 8 each, plus (2 / 0.05) x (110 - 107) = 120 once: (24 + 120) / 3
    assertThat(c95.intervalScore()).isCloseTo(48.0, within(1e-9));
    assertThat(s.render()).contains("next-step coverage        80%: 66.7% (mean width 4.000);"
        + " 95%: 66.7% (mean width 8.000) over 3 forecasts");
  }

  @Test
  void withoutIntervalsTheCoverageLineSaysSo() {
    List<SentTick> sent = List.of(new SentTick("A", 0, 100, 0), new SentTick("A", DAY, 101, 1));
    DemoSummary s = DemoSummary.of(sent,
        List.of(new ReceivedForecast(forecast("A", 0, 100, 101), 2)));
    assertThat(s.nextStepIntervals()).isEmpty();
    assertThat(s.render()).contains("next-step coverage        n/a");
  }

  @Test
  void perSymbolFiguresComeFromEachSymbolsOwnTicksAndForecasts() {
    // A: 100, 102, 101, 105; B: 50, 49, 52; sent interleaved as the demo does.
    List<SentTick> sent = List.of(
        new SentTick("A", 0, 100, 0), new SentTick("B", 0, 50, 1),
        new SentTick("A", DAY, 102, 2), new SentTick("B", DAY, 49, 3),
        new SentTick("A", 2 * DAY, 101, 4), new SentTick("B", 2 * DAY, 52, 5),
        new SentTick("A", 3 * DAY, 105, 6));
    List<ReceivedForecast> received = List.of(
        // A after 102: path 103, 104 vs 101, 105; 80% interval [100, 106] holds 101
        new ReceivedForecast(Forecast.newBuilder(forecast("A", DAY, 102, 103, 104))
            .setIntervals(List.of(interval(0.8, 103, 3))).build(), 10),
        // A after 101: path 100, 106 vs 105, (end); [97, 103] misses 105
        new ReceivedForecast(Forecast.newBuilder(forecast("A", 2 * DAY, 101, 100, 106))
            .setIntervals(List.of(interval(0.8, 100, 3))).build(), 11),
        // B after 49: path 50, 51 vs 52, (end); [49, 51] misses 52
        new ReceivedForecast(Forecast.newBuilder(forecast("B", DAY, 49, 50, 51))
            .setIntervals(List.of(interval(0.8, 50, 1))).build(), 12),
        // a symbol the demo never sent: in no symbol's figures
        new ReceivedForecast(forecast("C", DAY, 10, 11, 12), 13));

    java.util.Map<String, DemoSummary> by = DemoSummary.bySymbol(sent, received);

    assertThat(by.keySet()).containsExactly("A", "B");
    DemoSummary a = by.get("A");
    assertThat(a.ticksSent()).isEqualTo(4);
    assertThat(a.distinctForecasts()).isEqualTo(2);
    assertThat(a.unmatched()).isZero();
    // next step: errors 2, -5; persistence 1, -4
    assertThat(a.nextStep().orElseThrow().rmse()).isCloseTo(Math.sqrt(29 / 2.0), within(1e-12));
    assertThat(a.nextStep().orElseThrow().theilU()).isCloseTo(Math.sqrt(29 / 17.0),
        within(1e-12));
    // two steps: only the first path has an outcome, error -1 against persistence's -3
    assertThat(a.horizon(2).orElseThrow().theilU()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(a.nextStepIntervals().get(0).coverage()).isEqualTo(0.5);
    DemoSummary b = by.get("B");
    assertThat(b.ticksSent()).isEqualTo(3);
    assertThat(b.distinctForecasts()).isEqualTo(1);
    assertThat(b.nextStep().orElseThrow().rmse()).isCloseTo(2.0, within(1e-12));
    assertThat(b.nextStep().orElseThrow().persistenceRmse()).isCloseTo(3.0, within(1e-12));
    assertThat(b.nextStepIntervals().get(0).coverage()).isZero();

    // W = 2: A expects 4 - 2 + 1 = 3 forecasts, B 2.
    String table = DemoSummary.renderBySymbol(by, 2);
    assertThat(table)
        .containsPattern("(?m)^  A +4 +2/3 +3\\.808 +2\\.915 +1\\.306 +0\\.333 +50\\.0%$")
        .containsPattern("(?m)^  B +3 +1/2 +2\\.000 +3\\.000 +0\\.667 +n/a +0\\.0%$");
    assertThat(table).contains("2-step").contains("cov 80%");
  }

  private static io.tickcast.schemas.PredictionInterval interval(double level, double next,
      double half) {
    return io.tickcast.schemas.PredictionInterval.newBuilder().setLevel(level)
        .setNextLower(next - half).setNextUpper(next + half).setPathLower(List.of(next - half))
        .setPathUpper(List.of(next + half)).build();
  }
}
