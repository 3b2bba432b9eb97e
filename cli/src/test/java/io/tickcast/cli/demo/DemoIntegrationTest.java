package io.tickcast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.tickcast.cli.replay.CsvTicks;
import io.tickcast.cli.replay.Rate;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.serde.WireFormat;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's pieces end to end on a short replay: embedded broker, the real stream app with a
 * tiny model, 200 S&P 500 closes for two symbols, forecasts consumed from Kafka.
 */
class DemoIntegrationTest {
  private static final int ROWS = 200;
  private static final int W = 10;
  private static final int H = 10;

  @Test
  void forecastsArriveAndTheSummaryMatchesARecomputationFromTheConsumedRecords(
      @TempDir Path dir) throws Exception {
    Path model = dir.resolve("model");
    TestModels.saveTinyLstm(model, W, H, Normalisation.FIRST_PRICE, RollForward.SEED, 7L);
    Path sp500 = Path.of(System.getProperty("tickcast.data.dir"), "sp500.csv");
    DemoRun.Options options = new DemoRun.Options(sp500, "Close",
        CsvTicks.Timing.fromColumn("Date", "dd-MM-yy"), "SPX", model, dir.resolve("out"), null, 1, 2,
        Rate.parse("2000/s"), 2, ROWS, WireFormat.AVRO, 2, null, Duration.ofSeconds(60), -1, 64,
        Duration.ofMillis(50), false);
    StringWriter printed = new StringWriter();

    DemoRun.Result r = DemoRun.run(options, new PrintWriter(printed, true), () -> false);

    // Forecasts arrived: one per full window of each symbol.
    assertThat(r.expectedForecasts()).isEqualTo(2 * (ROWS - W + 1));
    assertThat(r.summary().ticksSent()).isEqualTo(2 * ROWS);
    assertThat(r.summary().distinctForecasts()).isEqualTo(r.expectedForecasts());
    assertThat(r.summary().unmatched()).isZero();
    assertThat(r.received()).allSatisfy(f -> assertThat(f.forecast().getPath()).hasSize(H));

    // Recompute from the consumed records against the file itself, without the demo's code.
    Map<String, double[]> truth = new HashMap<>();
    Map<Long, Integer> rowOfTime = new HashMap<>();
    List<String> lines = Files.readAllLines(sp500);
    double[] close = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      String[] cells = lines.get(i + 1).split(",");
      String[] dmy = cells[0].split("-");
      long time = LocalDate.of(2000 + Integer.parseInt(dmy[2]), Integer.parseInt(dmy[1]),
          Integer.parseInt(dmy[0])).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      rowOfTime.put(time, i);
      close[i] = Double.parseDouble(cells[4]);
    }
    truth.put("SPX", close);
    truth.put("SPX-2", Arrays.stream(close).map(p -> p * 1.1).toArray());

    double se1 = 0;
    double persistence1 = 0;
    int n1 = 0;
    double seH = 0;
    int nH = 0;
    Set<String> seen = new HashSet<>();
    for (ReceivedForecast rf : r.received()) {
      Forecast f = rf.forecast();
      assertThat(seen.add(f.getSymbol() + f.getLastTickTime())).as("no duplicates").isTrue();
      double[] p = truth.get(f.getSymbol());
      int k = rowOfTime.get(f.getLastTickTime().toEpochMilli());
      assertThat(k).isGreaterThanOrEqualTo(W - 1);
      assertThat(f.getLastTickPrice()).isCloseTo(p[k], within(1e-9));
      if (k + 1 < ROWS) {
        se1 += Math.pow(f.getPath().get(0) - p[k + 1], 2);
        persistence1 += Math.pow(p[k] - p[k + 1], 2);
        n1++;
      }
      if (k + H < ROWS) {
        seH += Math.pow(f.getPath().get(H - 1) - p[k + H], 2);
        nH++;
      }
    }
    HorizonMetrics next = r.summary().nextStep().orElseThrow();
    assertThat(next.count()).isEqualTo(n1).isEqualTo(2 * (ROWS - W));
    assertThat(next.rmse()).isCloseTo(Math.sqrt(se1 / n1), within(1e-9));
    assertThat(next.persistenceRmse()).isCloseTo(Math.sqrt(persistence1 / n1), within(1e-9));
    assertThat(next.theilU()).isCloseTo(Math.sqrt(se1 / persistence1), within(1e-9));
    HorizonMetrics last = r.summary().horizon(H).orElseThrow();
    assertThat(last.count()).isEqualTo(nH);
    assertThat(last.rmse()).isCloseTo(Math.sqrt(seH / nH), within(1e-9));

    // Latency percentiles (nearest rank, within HdrHistogram's 0.1 %) from the send and receive
    // times.
    Map<String, Long> sentAt = new HashMap<>();
    for (SentTick t : r.sent()) {
      sentAt.put(t.symbol() + "@" + t.eventTimeMillis(), t.sentAtNanos());
    }
    List<Double> latencies = new ArrayList<>();
    long lastReceived = Long.MIN_VALUE;
    for (ReceivedForecast rf : r.received()) {
      String key = rf.forecast().getSymbol() + "@" + rf.forecast().getLastTickTime().toEpochMilli();
      latencies.add((rf.receivedAtNanos() - sentAt.get(key)) / 1e6);
      lastReceived = Math.max(lastReceived, rf.receivedAtNanos());
    }
    latencies.sort(null);
    int m = latencies.size();
    assertThat(latencies.get(0)).isPositive();
    assertThat(r.summary().latencyP50Millis())
        .isCloseTo(latencies.get((m + 1) / 2 - 1), withinPercentage(0.1));
    assertThat(r.summary().latencyP99Millis())
        .isCloseTo(latencies.get((int) Math.ceil(0.99 * m) - 1), withinPercentage(0.1));
    double elapsed = (lastReceived - r.sent().get(0).sentAtNanos()) / 1e9;
    assertThat(r.summary().forecastsPerSecond()).isCloseTo(m / elapsed, within(1e-9));

    // The chart was drawn, and the run left nothing behind.
    BufferedImage png = ImageIO.read(r.chart().toFile());
    assertThat(png.getWidth()).isEqualTo(1600);
    assertThat(printed.toString()).contains("[4/5] replaying 400 ticks");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
        && (t.getName().contains("tickcast-demo") || t.getName().contains("StreamThread")
            || t.getName().startsWith("kafka-cluster-test-kit")));
  }

  @Test
  void severalColumnsOfAWideFileStreamAsTheirOwnSymbolsThroughOneModel(@TempDir Path dir)
      throws Exception {
    int rows = 150;
    Path model = dir.resolve("model");
    TestModels.saveTinyLstm(model, W, H, Normalisation.LAST_PRICE, RollForward.SEED, 11L);
    Path eustock = Path.of(System.getProperty("tickcast.data.dir"), "eustock.csv");
    List<String> symbols = List.of("DAX", "SMI", "CAC");
    DemoRun.Options options = new DemoRun.Options(eustock, null,
        CsvTicks.Timing.fixedStep(java.time.Instant.parse("2000-01-03T00:00:00Z"),
            Duration.ofDays(1)), "SPX", model, dir.resolve("out"), null, 1, 2,
        Rate.parse("2000/s"), 3, rows, WireFormat.JSON, 2, null, Duration.ofSeconds(60), -1, 64,
        Duration.ofMillis(50), false, symbols);

    DemoRun.Result r = DemoRun.run(options, new PrintWriter(new StringWriter(), true),
        () -> false);

    // The file's first rows, read here: day d is tick d - 1, one day apart.
    List<String> lines = Files.readAllLines(eustock);
    assertThat(lines.get(0)).isEqualTo("day,DAX,SMI,CAC");
    Map<String, double[]> truth = new HashMap<>();
    for (int c = 0; c < 3; c++) {
      double[] p = new double[rows];
      for (int i = 0; i < rows; i++) {
        p[i] = Double.parseDouble(lines.get(i + 1).split(",")[c + 1]);
      }
      truth.put(symbols.get(c), p);
    }
    long day0 = java.time.Instant.parse("2000-01-03T00:00:00Z").toEpochMilli();
    assertThat(r.sent()).hasSize(3 * rows);
    for (SentTick t : r.sent()) {
      int i = (int) ((t.eventTimeMillis() - day0) / 86_400_000L);
      assertThat(t.price()).as(t.symbol() + " row " + i).isEqualTo(truth.get(t.symbol())[i]);
    }

    // Every symbol's ticks were forecast: one forecast per full window, none missing or doubled.
    assertThat(r.expectedForecasts()).isEqualTo(3 * (rows - W + 1));
    Map<String, Set<Long>> forecastTimes = new HashMap<>();
    for (ReceivedForecast rf : r.received()) {
      assertThat(forecastTimes.computeIfAbsent(rf.forecast().getSymbol(), s -> new HashSet<>())
          .add(rf.forecast().getLastTickTime().toEpochMilli())).as("no duplicates").isTrue();
    }
    assertThat(forecastTimes.keySet()).containsExactlyInAnyOrderElementsOf(symbols);
    for (String s : symbols) {
      Set<Long> expected = new HashSet<>();
      for (int i = W - 1; i < rows; i++) {
        expected.add(day0 + i * 86_400_000L);
      }
      assertThat(forecastTimes.get(s)).as(s).isEqualTo(expected);
    }

    // The per-symbol figures, recomputed from the file and the consumed records.
    Map<String, DemoSummary> by = DemoSummary.bySymbol(r.sent(), r.received());
    assertThat(by.keySet()).containsExactlyElementsOf(symbols);
    for (String s : symbols) {
      double[] p = truth.get(s);
      double se = 0;
      double pe = 0;
      int n = 0;
      for (ReceivedForecast rf : r.received()) {
        Forecast f = rf.forecast();
        int k = (int) ((f.getLastTickTime().toEpochMilli() - day0) / 86_400_000L);
        if (f.getSymbol().equals(s) && k + 1 < rows) {
          se += Math.pow(f.getNextStep() - p[k + 1], 2);
          pe += Math.pow(p[k] - p[k + 1], 2);
          n++;
        }
      }
      HorizonMetrics next = by.get(s).nextStep().orElseThrow();
      assertThat(by.get(s).distinctForecasts()).isEqualTo(rows - W + 1);
      assertThat(next.count()).isEqualTo(n).isEqualTo(rows - W);
      assertThat(next.rmse()).isCloseTo(Math.sqrt(se / n), within(1e-9));
      assertThat(next.theilU()).isCloseTo(Math.sqrt(se / pe), within(1e-9));
    }
    assertThat(DemoSummary.renderBySymbol(by, r.windowLength()))
        .containsPattern("(?m)^  SMI +150 +141/141 ");

    // One chart panel per symbol.
    assertThat(ImageIO.read(r.chart().toFile()).getHeight()).isEqualTo(3 * 400);
  }
}
