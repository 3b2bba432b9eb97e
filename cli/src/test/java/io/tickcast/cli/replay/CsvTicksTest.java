package io.tickcast.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.cli.TickcastCli;
import io.tickcast.core.series.BadRow;
import io.tickcast.core.series.SeriesFormatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CsvTicksTest {
  @TempDir Path dir;

  @Test
  void readsPricesAndDatesFromTheSp500Layout() throws Exception {
    Path csv = dir.resolve("ohlc.csv");
    Files.writeString(csv, "Date,Open,High,Low,Close,Volume\n"
        + "03-01-00,1469.25,1478,1438.359985,1455.219971,931800000\n"
        + "04-01-00,1455.219971,1455.219971,1397.430054,1399.420044,1009000000\n");
    CsvTicks.Series s = CsvTicks.read(csv, "Close",
        CsvTicks.Timing.fromColumn("Date", "dd-MM-yy"));
    assertThat(s.prices()).containsExactly(1455.219971, 1399.420044);
    assertThat(s.timestamps()).containsExactly(
        Instant.parse("2000-01-03T00:00:00Z").toEpochMilli(),
        Instant.parse("2000-01-04T00:00:00Z").toEpochMilli());
  }

  @Test
  void withoutATimeColumnTimesAreStartPlusStep() throws Exception {
    Path csv = dir.resolve("one.csv");
    Files.writeString(csv, "1.5\n2.5\n3.5\n");
    CsvTicks.Series s = CsvTicks.read(csv, null,
        CsvTicks.Timing.fixedStep(Instant.ofEpochMilli(1000), Duration.ofSeconds(2)));
    assertThat(s.prices()).containsExactly(1.5, 2.5, 3.5);
    assertThat(s.timestamps()).containsExactly(1000L, 3000L, 5000L);
    assertThat(s.head(2).prices()).containsExactly(1.5, 2.5);
  }

  @Test
  void badTimesAndBackwardTimesNameTheRow() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "Date,Close\n2000-01-03,1\nnot-a-date,2\n");
    assertThatThrownBy(() -> CsvTicks.read(csv, "Close", CsvTicks.Timing.fromColumn("Date", null)))
        .isInstanceOf(SeriesFormatException.class)
        .hasMessageContaining("line 3").hasMessageContaining("not-a-date");
    Path back = dir.resolve("back.csv");
    Files.writeString(back, "Date,Close\n2000-01-04,1\n2000-01-03,2\n");
    assertThatThrownBy(() -> CsvTicks.read(back, "Close", CsvTicks.Timing.fromColumn("Date", null)))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("not after");
    assertThatThrownBy(() -> CsvTicks.read(back, "Close", CsvTicks.Timing.fromColumn("When", null)))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("no time column 'When'");
  }

  @Test
  void withAHandlerBadRowsAreSkippedAndTheRestKeepsItsTimes() throws Exception {
    Path csv = dir.resolve("mixed.csv");
    Files.writeString(csv, "Date,Close\n"
        + "2000-01-03,1\n"     // line 2
        + "2000-01-04,x\n"     // line 3: not a number
        + "03/01/2000,2\n"     // line 4: not ISO-8601
        + "2000-01-05,Inf\n"   // line 5: not a number ("Infinity" would be not finite)
        + "2000-01-02,3\n"     // line 6: before the previous good row
        + "2000-01-06,\n"      // line 7: empty
        + "2000-01-07,4\n");   // line 8
    List<BadRow> bad = new ArrayList<>();
    CsvTicks.Series s = CsvTicks.read(csv, "Close", CsvTicks.Timing.fromColumn("Date", null),
        bad::add);

    assertThat(s.prices()).containsExactly(1, 4);
    assertThat(s.timestamps()).containsExactly(
        Instant.parse("2000-01-03T00:00:00Z").toEpochMilli(),
        Instant.parse("2000-01-07T00:00:00Z").toEpochMilli());
    // price cells are checked first (in file order), then the times of the remaining rows
    assertThat(bad).extracting(BadRow::line).containsExactly(3, 5, 7, 4, 6);
    assertThat(bad).extracting(BadRow::reason).containsExactly(BadRow.Reason.NOT_A_NUMBER,
        BadRow.Reason.NOT_A_NUMBER, BadRow.Reason.EMPTY, BadRow.Reason.BAD_TIME,
        BadRow.Reason.TIME_NOT_INCREASING);
    assertThat(bad.get(3).message()).startsWith("mixed.csv line 4: column 'Date' value"
        + " '03/01/2000' is not a time in ISO-8601 form");

    // without a time column the good rows get consecutive steps
    CsvTicks.Series fixed = CsvTicks.read(csv, "Close",
        CsvTicks.Timing.fixedStep(Instant.ofEpochMilli(0), Duration.ofSeconds(1)), b -> { });
    assertThat(fixed.prices()).containsExactly(1, 2, 3, 4);
    assertThat(fixed.timestamps()).containsExactly(0L, 1000L, 2000L, 3000L);
  }

  @Test
  void replayReportsEachBadRowAndStrictStopsAtTheFirst() throws Exception {
    Path csv = dir.resolve("prices.csv");
    Files.writeString(csv, "Close\n1.5\nabc\n2.5\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TickcastCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));

    // no broker at that address: strict mode stops before connecting
    int code = cl.execute("replay", csv.toString(), "--symbol", "ABC", "--strict",
        "-b", "127.0.0.1:1");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("prices.csv line 3: column 'Close' value 'abc' is not a"
        + " number").doesNotContain("\tat ");
    assertThat(out.toString()).doesNotContain("publishing");
  }

  @Test
  void theSummaryCountsSkippedRowsByReason() {
    Map<BadRow.Reason, Integer> skipped = new EnumMap<>(BadRow.Reason.class);
    assertThat(ReplayCommand.summary(skipped)).isEqualTo("no bad rows");
    skipped.put(BadRow.Reason.EMPTY, 1);
    skipped.put(BadRow.Reason.NOT_A_NUMBER, 2);
    assertThat(ReplayCommand.summary(skipped))
        .isEqualTo("skipped 3 bad rows (1 empty, 2 not a number)");
  }
}
