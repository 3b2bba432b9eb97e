package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.data.MultiSeriesWindows;
import io.tickcast.trainer.evaluate.MultiSeriesEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A tiny run on four symbols of a long-format CSV with different lengths and interleaved times:
 * one symbol lies wholly after the cut-off. Windows, cut-off and the per-symbol report are
 * checked against figures computed here from the rows.
 */
class MultiSeriesTrainerTest {
  private static final int W = 10;
  private static final int H = 3;

  @TempDir static Path dir;
  static Path csv;
  static MultiSeries series;
  static MultiSeriesTrainer.Result result;

  static double price(String symbol, long t) {
    return switch (symbol) {
      case "A" -> 100 + 5 * Math.sin(t / 7.0) + 0.05 * t;
      case "B" -> 50 + 2 * Math.sin(t / 5.0);
      case "C" -> 200 + 10 * Math.cos(t / 9.0);
      default -> 80 + Math.sin(t / 3.0);
    };
  }

  @BeforeAll
  static void train() throws IOException {
    // A: times 0..199; B: 50..199; C: 0, 2, .., 238; D: 300..314 (all after the cut-off)
    List<long[]> rows = new ArrayList<>();
    StringBuilder sb = new StringBuilder("symbol,time,price\n");
    for (long t = 0; t < 320; t++) {
      if (t < 200) {
        sb.append(String.format(Locale.ROOT, "A,%d,%.6f%n", t, price("A", t)));
      }
      if (t >= 50 && t < 200) {
        sb.append(String.format(Locale.ROOT, "B,%d,%.6f%n", t, price("B", t)));
      }
      if (t % 2 == 0 && t < 240) {
        sb.append(String.format(Locale.ROOT, "C,%d,%.6f%n", t, price("C", t)));
      }
      if (t >= 300 && t < 315) {
        sb.append(String.format(Locale.ROOT, "D,%d,%.6f%n", t, price("D", t)));
      }
    }
    csv = dir.resolve("ticks-long.csv");
    Files.writeString(csv, sb);
    series = MultiSeriesReader.read(csv, List.of());
    TrainerConfig config = TrainerConfig.parse("""
        {"data": {"windowLength": 10, "horizon": 3, "trainTestSplit": 0.8,
                  "validationFraction": 0.1, "normalisation": "last-price"},
         "training": {"epochs": 2, "batchSize": 64, "seed": 7},
         "model": {"layers": [{"type": "lstm", "units": 6}, {"type": "dense", "units": 1}]}}""");
    result = MultiSeriesTrainer.run(config, series, List.of("price"), "abc", dir.resolve("m"));
  }

  /** The cut-off computed here: the pooled times sorted, the one at floor(0.8 × rows). */
  static long cutoff() {
    long[] all = series.symbols().stream().flatMapToLong(s -> Arrays.stream(s.times())).sorted()
        .toArray();
    return all[(int) Math.floor(0.8 * all.length)];
  }

  /**
   * Windows of a symbol whose target row's time is before the cut-off: its first held-out window
   * (the purge gaps drop some of them from training, none from the held-out run).
   */
  static int trainWindows(SymbolSeries s) {
    int n = 0;
    for (int i = 0; i + W < s.size(); i++) {
      if (s.times()[i + W] < cutoff()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void oneCutOffForAllSymbolsAndTheirWindowsSplitAtIt() {
    MultiSeriesWindows w = result.windows();
    assertThat(w.cutoffTime()).isEqualTo(cutoff());
    for (int k = 0; k < series.symbols().size(); k++) {
      SymbolSeries s = series.symbols().get(k);
      MultiSeriesWindows.SymbolWindows sw = w.symbols().get(k);
      assertThat(sw.testStart()).as(s.symbol()).isEqualTo(trainWindows(s));
      assertThat(sw.testStart() + sw.test().size()).isEqualTo(s.size() - W);
      // a window is W consecutive rows of its own symbol: its first input is the symbol's row
      if (sw.test().size() > 0) {
        assertThat(sw.test().inputs()[0][0][0]).isEqualTo(s.rows()[sw.testStart()][0]);
      }
    }
    // D lies wholly after the cut-off: no window before it, so it is not evaluated
    assertThat(w.symbols().get(3).testStart()).isZero();
    assertThat(result.evaluation().notEvaluated()).containsOnlyKeys("D");
    // Cut-off: rows before t are 75 for t = 50 (A 50, C 25), then 5 per two steps (A, B, and C
    // on even t): 385 by t = 174, whose 3 rows are indices 385..387, so index floor(0.8 * 485) =
    // 388 is t = 175. Window i's target time: A i + 10, B i + 60, C 2 (i + 10). Held out from
    // (target >= 175): A 165, B 115, C 78, D 0; before the held-out purge of W = 10: A 155, B
    // 105, C 68 training windows, T = 328, round(0.1 * 328) = 33 from the tail: targets 164..155
    // (A, B: 20), 154 (A, B, C: 23), 153 (25), 152 (28), 151 (30), 150 (33), so the validation
    // time is 150 and exactly 33 validate: A from window 140, B from 90, C from 65 (15, 15, 3);
    // fit ends 10 windows before each: 130 + 80 + 55 = 265. Purged: 20 each of A, B, C.
    assertThat(w.cutoffTime()).isEqualTo(175);
    assertThat(w.validationTime()).isEqualTo(150);
    int[][] expected = {
        // fitEnd, validationStart, trainEnd, testStart in series order A, C, B, D
        {130, 140, 155, 165}, {55, 65, 68, 78}, {80, 90, 105, 115}, {0, 0, 0, 0}};
    for (int k = 0; k < 4; k++) {
      MultiSeriesWindows.SymbolWindows sw = w.symbols().get(k);
      assertThat(new int[] {sw.fitEnd(), sw.validationStart(), sw.trainEnd(), sw.testStart()})
          .as(sw.symbol()).containsExactly(expected[k]);
    }
    java.util.Map<String, Object> hp = result.metadata().hyperParameters();
    assertThat(hp.get("fitWindows")).isEqualTo(265);
    assertThat(hp.get("validationWindows")).isEqualTo(33);
    assertThat(hp.get("purgedWindows")).isEqualTo(60);
    assertThat(hp.get("heldOutWindows")).isEqualTo((190 - 165) + (110 - 78) + (140 - 115) + 5);
    assertThat(((Number) hp.get("validationFromTime")).longValue()).isEqualTo(150);
    // the boundaries of the first evaluated symbol, A (times = rows from 0)
    ModelMetadata.TrainingData td = result.metadata().trainingData();
    assertThat(td.purgeWindows()).isEqualTo(W);
    assertThat(td.trainRows()).isEqualTo(165);
    assertThat(td.testFromRow()).isEqualTo(175);
    assertThat(td.validationFrom()).isEqualTo(new ModelMetadata.Boundary(140, "140"));
    assertThat(td.heldOutFrom()).isEqualTo(new ModelMetadata.Boundary(165, "165"));
  }

  @Test
  void intervalsAreCalibratedOnThePooledValidationWindowsAfterEachSymbolsPurge() {
    // Calibration windows scored at h: per symbol its validation windows [validationStart,
    // trainEnd) whose target row i + W + h - 1 lies before its first held-out row testStart:
    // A [140, 155) before 165: 15 at h = 1, 13 at h = 3 (i <= 165 - 10 - 3); C [65, 68) before
    // 78: 3 and 1; B [90, 105) before 115: 15 and 13; D none.
    io.tickcast.core.interval.PredictionIntervals p = result.metadata().intervals();
    assertThat(p).isNotNull();
    assertThat(p.calibrationWindows()).containsExactly(33, 30, 27);
    assertThat(p.levels()).extracting(io.tickcast.core.interval.PredictionIntervals.Level::level)
        .containsExactly(0.8, 0.95);
    // Scored on the held-out paths: pooled over A, C, B, and per symbol.
    JsonNode pooled = result.metadata().evaluation().path("intervals").path("levels");
    JsonNode symbols = result.metadata().evaluation().path("multiSeries").path("symbols");
    for (int l = 0; l < 2; l++) {
      for (int h = 0; h < H; h++) {
        int n = 0;
        double covered = 0;
        for (String s : List.of("A", "C", "B")) {
          JsonNode cell = symbols.path(s).path("intervals").path("levels").get(l)
              .path("perHorizon").get(h);
          n += cell.path("count").asInt();
          covered += cell.path("coverage").asDouble() * cell.path("count").asInt();
        }
        JsonNode cell = pooled.get(l).path("perHorizon").get(h);
        // every held-out path with an actual h steps on: A 25, C 32, B 25, less h - 1 each
        assertThat(cell.path("count").asInt()).isEqualTo(n).isEqualTo(82 - 3 * h);
        assertThat(cell.path("coverage").asDouble()).isCloseTo(covered / n, within(1e-12));
      }
    }
    assertThat(result.table()).contains("held-out prediction intervals, pooled over 3 symbols");
  }

  @Test
  void everySymbolsUAtOneStepIsItsRmseOverPersistenceOnItsHeldOutWindows() throws IOException {
    LoadedModel model = ModelArtifact.load(result.artifactDir());
    ModelMetadata meta = model.metadata();
    Forecaster f = new Forecaster(new io.tickcast.core.engine.Dl4jSequenceModel(model.network(), 1),
        meta.forecastSpec());
    JsonNode symbols = meta.evaluation().path("multiSeries").path("symbols");
    assertThat(symbols.fieldNames()).toIterable().containsExactly("A", "C", "B"); // first-seen order
    for (SymbolSeries s : series.symbols().subList(0, 3)) {
      int first = trainWindows(s);
      int n = s.size() - W - first;
      double[][][] inputs = new double[n][][];
      for (int i = 0; i < n; i++) {
        inputs[i] = Arrays.copyOfRange(s.rows(), first + i, first + i + W);
      }
      double[] next = f.nextStep(inputs);
      double se = 0;
      double pe = 0;
      for (int i = 0; i < n; i++) {
        double actual = s.rows()[first + i + W][0];
        double last = s.rows()[first + i + W - 1][0];
        se += (next[i] - actual) * (next[i] - actual);
        pe += (last - actual) * (last - actual);
      }
      JsonNode node = symbols.path(s.symbol());
      assertThat(node.path("heldOutWindows").asInt()).isEqualTo(n);
      assertThat(node.path("theilU").get(0).asDouble()).as(s.symbol())
          .isCloseTo(Math.sqrt(se / pe), within(1e-6));
      assertThat(node.path("theilU")).hasSize(H);
      // drift fitted on this symbol's own training rows only: rows 0 .. first + W - 1
      int rows = first + W;
      double mu = (Math.log(s.rows()[rows - 1][0]) - Math.log(s.rows()[0][0])) / (rows - 1);
      assertThat(node.path("baselines").path("fits").get(0).path("parameters").path("drift")
          .path("meanLogReturn").asDouble()).isCloseTo(mu, within(1e-12));
    }
  }

  @Test
  void bestAndWorstFollowTheMeanUAndTheTableListsEverySymbol() throws IOException {
    MultiSeriesEvaluation e = result.evaluation();
    List<MultiSeriesEvaluation.SymbolResult> r = new ArrayList<>(e.symbols());
    r.sort((a, b) -> Double.compare(mean(a), mean(b)));
    assertThat(e.best()).containsExactly(r.get(0).symbol());
    assertThat(e.worst()).containsExactly(r.get(2).symbol());
    String text = Files.readString(result.artifactDir().resolve(Trainer.EVALUATION_TEXT));
    assertThat(text).isEqualTo(result.table());
    // the train column: fit and validation windows (see the counts above): A 130 + 15, B 80 + 15,
    // C 55 + 3
    java.util.Map<String, Integer> trained = java.util.Map.of("A", 145, "B", 95, "C", 58);
    for (String s : List.of("A", "B", "C")) {
      assertThat(text).containsPattern("(?m)^" + s + " +" + trained.get(s) + " ");
      assertThat(result.artifactDir().resolve(MultiSeriesTrainer.symbolChart(s))).isRegularFile();
    }
    assertThat(text).contains("D not evaluated");
    // pooled over symbols: as many paths as the symbols' held-out windows
    int paths = e.symbols().stream().mapToInt(MultiSeriesEvaluation.SymbolResult::testWindows)
        .sum();
    assertThat(e.pooled().comparison().forecaster("model").perHorizon().get(0).count())
        .isEqualTo(paths);
    ModelMetadata meta = result.metadata();
    assertThat(meta.features()).containsExactly("price");
    assertThat(io.tickcast.core.baseline.Drift.meanLogReturnOf(meta)).isPresent();
    assertThat(meta.trainingData().rows()).isEqualTo(series.rows());
  }

  private static double mean(MultiSeriesEvaluation.SymbolResult s) {
    return s.model().stream().mapToDouble(m -> m.theilU()).average().orElseThrow();
  }

  @Test
  void trainCommandTrainsAWideFileAcrossTheNamedSymbols() throws IOException {
    Path wide = dir.resolve("wide.csv");
    StringBuilder sb = new StringBuilder("day,X,Y\n");
    for (int t = 1; t <= 120; t++) {
      sb.append(String.format(Locale.ROOT, "%d,%.5f,%.5f%n", t, price("A", t), price("C", t)));
    }
    Files.writeString(wide, sb);
    Path config = dir.resolve("tiny.json");
    Files.writeString(config, """
        {"data": {"windowLength": 10, "horizon": 2, "normalisation": "last-price"},
         "training": {"epochs": 1, "batchSize": 64, "seed": 3},
         "model": {"layers": [{"type": "lstm", "units": 4}, {"type": "dense", "units": 1}]}}""");
    StringWriter out = new StringWriter();
    CommandLine cl = TrainCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("--data", wide.toString(), "--symbols", "*", "--config",
        config.toString(), "--output", dir.resolve("wide-models").toString());
    assertThat(code).isZero();
    // 0.9 of the 240 rows lie before day 109 (pooled times sorted, index 216): X and Y are cut
    // at the same day; window i's target is day i + 11, so each holds out windows 98..109 (12)
    // and has 88 before the purge of W = 10: T = 176, round(0.05 * 176) = 9 from the tail (days
    // 98..95 twice make 8, then day 94): every window with target day >= 94 validates, windows
    // 83..87 of each, and fit ends 10 before, at 73: 73 + 5 = 78 trained on per symbol.
    assertThat(out.toString()).contains("cut-off time 109").containsPattern("(?m)^X +78 +12 ")
        .containsPattern("(?m)^Y +78 +12 ");
  }
}
