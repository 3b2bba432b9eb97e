package io.tickcast.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.core.series.SeriesFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        .hasMessageContaining("row 2").hasMessageContaining("not-a-date");
    Path back = dir.resolve("back.csv");
    Files.writeString(back, "Date,Close\n2000-01-04,1\n2000-01-03,2\n");
    assertThatThrownBy(() -> CsvTicks.read(back, "Close", CsvTicks.Timing.fromColumn("Date", null)))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("not after");
    assertThatThrownBy(() -> CsvTicks.read(back, "Close", CsvTicks.Timing.fromColumn("When", null)))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("no time column 'When'");
  }
}
