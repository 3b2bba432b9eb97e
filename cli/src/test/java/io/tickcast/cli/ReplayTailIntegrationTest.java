package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.broker.EmbeddedKafkaCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickcast replay} then {@code tickcast tail --ticks} against an in-process broker. */
class ReplayTailIntegrationTest {
  private static EmbeddedKafkaCluster kafka;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaCluster.start();
    kafka.createTopics(2, "avro.ticks", "json.ticks", "lenient.ticks");
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private record Run(int code, String out, String err) {}

  private static Run tickcast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TickcastCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path csv() throws Exception {
    Path csv = dir.resolve("prices.csv");
    Files.writeString(csv, "Date,Open,Close\n"
        + "03-01-00,1469.25,1455.219971\n"
        + "04-01-00,1455.219971,1399.420044\n"
        + "05-01-00,1399.420044,1402.109985\n");
    return csv;
  }

  @Test
  void avroTicksComeBackAsReadableLines() throws Exception {
    Run replay = tickcast("replay", csv().toString(), "--column", "Close", "--symbol", "ABC",
        "--time-column", "Date", "--time-format", "dd-MM-yy", "--rate", "max",
        "-b", kafka.bootstrapServers(), "--topic", "avro.ticks");
    assertThat(replay.code()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("sent 3 ticks");

    Run tail = tickcast("tail", "--ticks", "--topic", "avro.ticks", "--from-beginning",
        "--max", "3", "-b", kafka.bootstrapServers());
    assertThat(tail.code()).as(tail.err()).isZero();
    assertThat(tail.out().lines().toList()).containsExactly(
        "2000-01-03 00:00:00 ABC 1455.2200",
        "2000-01-04 00:00:00 ABC 1399.4200",
        "2000-01-05 00:00:00 ABC 1402.1100");
  }

  @Test
  void jsonTicksComeBackAsJsonWithTheFilesValues() throws Exception {
    Run replay = tickcast("replay", csv().toString(), "--column", "Close", "--symbol", "ABC",
        "--start", "2024-01-01T00:00:00Z", "--step", "1m", "--format", "json", "--rate", "max",
        "-b", kafka.bootstrapServers(), "--topic", "json.ticks");
    assertThat(replay.code()).as(replay.err()).isZero();

    Run tail = tickcast("tail", "--ticks", "--topic", "json.ticks", "--format", "json",
        "--output", "json", "--from-beginning", "--idle-timeout", "3s",
        "-b", kafka.bootstrapServers());
    assertThat(tail.code()).as(tail.err()).isZero();
    List<JsonNode> got = tail.out().lines().map(ReplayTailIntegrationTest::json).toList();
    assertThat(got).hasSize(3);
    double[] closes = {1455.219971, 1399.420044, 1402.109985};
    long start = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    for (int i = 0; i < 3; i++) {
      assertThat(got.get(i).get("symbol").asText()).isEqualTo("ABC");
      assertThat(got.get(i).get("price").asDouble()).isEqualTo(closes[i]);
      assertThat(got.get(i).get("timestamp").asLong()).isEqualTo(start + i * 60_000L);
    }
  }

  @Test
  void badRowsAreReportedCountedAndSkippedAndTheGoodOnesSent() throws Exception {
    Path csv = dir.resolve("gappy.csv");
    Files.writeString(csv, "Date,Close\n"
        + "03-01-00,1455.219971\n"
        + "04-01-00,n/a\n"
        + "05-01-00,\n"
        + "someday,1402.5\n"
        + "06-01-00,1403.449951\n");
    Run replay = tickcast("replay", csv.toString(), "--column", "Close", "--symbol", "ABC",
        "--time-column", "Date", "--time-format", "dd-MM-yy", "--rate", "max",
        "-b", kafka.bootstrapServers(), "--topic", "lenient.ticks");
    assertThat(replay.code()).as(replay.err()).isZero();
    List<String> err = replay.err().lines().toList();
    assertThat(err).hasSize(3);
    assertThat(err.get(0)).isEqualTo(
        "skipped gappy.csv line 3: column 'Close' value 'n/a' is not a number (not a number)");
    assertThat(err.get(1)).isEqualTo(
        "skipped gappy.csv line 4: column 'Close' value '' is empty (empty)");
    assertThat(err.get(2)).startsWith(
        "skipped gappy.csv line 5: column 'Date' value 'someday' is not a time").endsWith(
        "(bad time)");
    assertThat(replay.out()).contains("publishing 2 ticks")
        .contains("skipped 3 bad rows (1 empty, 1 not a number, 1 bad time)");

    Run tail = tickcast("tail", "--ticks", "--topic", "lenient.ticks", "--from-beginning",
        "--max", "2", "-b", kafka.bootstrapServers());
    assertThat(tail.code()).as(tail.err()).isZero();
    assertThat(tail.out().lines().toList()).containsExactly(
        "2000-01-03 00:00:00 ABC 1455.2200",
        "2000-01-06 00:00:00 ABC 1403.4500");
  }

  @Test
  void badInputGetsOneLineAndANonZeroExit() throws Exception {
    Run badColumn = tickcast("replay", csv().toString(), "--column", "Last", "--symbol", "ABC",
        "-b", kafka.bootstrapServers(), "--topic", "avro.ticks");
    assertThat(badColumn.code()).isEqualTo(1);
    assertThat(badColumn.err()).contains("no column 'Last'").doesNotContain("\tat ");

    Run badSymbol = tickcast("replay", csv().toString(), "--column", "Close", "--symbol",
        "A B", "-b", kafka.bootstrapServers());
    assertThat(badSymbol.code()).isEqualTo(2);
    assertThat(badSymbol.err()).contains("not a valid symbol");

    Run noTopic = tickcast("tail", "--topic", "missing", "--max", "1", "-b",
        kafka.bootstrapServers());
    assertThat(noTopic.code()).isEqualTo(1);
    assertThat(noTopic.err()).contains("'missing' does not exist");
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
