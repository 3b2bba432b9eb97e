package io.tickcast.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.model.ModelMetadata.LayerSpec;
import io.tickcast.trainer.search.SearchCandidate;
import io.tickcast.trainer.search.SearchReport;
import io.tickcast.trainer.search.SearchRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search grid, the common held-out tail and the written tables, on a tiny series. */
class SearchCommandTest {
  @TempDir Path dir;

  @Test
  void everyCandidateIsScoredOnTheSameHeldOutRows() throws Exception {
    StringBuilder sb = new StringBuilder("price\n");
    for (int t = 0; t < 250; t++) {
      sb.append(String.format(Locale.ROOT, "%.6f%n", 20 + Math.sin(t / 6.0) + t / 100.0));
    }
    Path csv = dir.resolve("wave.csv");
    Files.writeString(csv, sb);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SearchCommand.commandLine()
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("--data", csv.toString(), "--output", dir.resolve("s").toString(),
            "--normalisation", "first-price,last-price", "--window", "10,20", "--layers", "4",
            "--dropout", "0", "--epochs", "1");
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("s").resolve(SearchReport.CSV));
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("normalisation,window,lstm,dropout,epochs,lr,best_epoch,"
        + "held_out,U1");
    // 250 rows, longest window 20: 230 windows, 10% = 23 held-out targets, rows 227..249
    assertThat(SearchRunner.firstTestTargetRow(250, 20, 0.9)).isEqualTo(227);
    assertThat(lines.subList(1, 5)).extracting(l -> l.split(",")[7]).containsOnly("23");
    assertThat(lines.subList(1, 5)).extracting(l -> l.split(",")[0] + " " + l.split(",")[1])
        .containsExactly("first-price 10", "first-price 20", "last-price 10", "last-price 20");
    String md = Files.readString(dir.resolve("s").resolve(SearchReport.MARKDOWN));
    assertThat(md).startsWith("| normalisation | W | LSTM |");
    assertThat(md.lines().count()).isEqualTo(6);
    assertThat(out.toString()).contains("held-out targets rows 227..249");
  }

  @Test
  void aCandidateBuildsItsStackFromTheSizesAndDropout() {
    SearchCandidate c = new SearchCandidate("last-price", 50,
        SearchCandidate.parseUnits("50-100"), 0.2, 10, 0.001);
    assertThat(c.layers()).containsExactly(
        new LayerSpec("lstm", 50, null, true, "tanh"),
        new LayerSpec("dropout", null, 0.2, null, null),
        new LayerSpec("lstm", 100, null, false, "tanh"),
        new LayerSpec("dropout", null, 0.2, null, null),
        new LayerSpec("dense", 1, null, null, "linear"));
    SearchCandidate noDropout = new SearchCandidate("none", 20, List.of(32), 0.0, 1, 0.01);
    assertThat(noDropout.layers()).containsExactly(
        new LayerSpec("lstm", 32, null, false, "tanh"),
        new LayerSpec("dense", 1, null, null, "linear"));
  }

  @Test
  void aBadLayerSpecIsAnOptionError() {
    StringWriter err = new StringWriter();
    int code = SearchCommand.commandLine().setErr(new PrintWriter(err))
        .execute("--data", "x.csv", "--layers", "50-abc");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'abc' is not an integer");
  }
}
