package io.tickcast.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void headerlessSingleColumnWithoutFinalNewline() throws IOException {
    PriceSeries s = CsvSeriesReader.read(write("a.csv", "1.5\n2.5\n3.5"), List.of());
    assertThat(s.columns()).containsExactly("value");
    assertThat(s.column("value")).containsExactly(1.5, 2.5, 3.5);
  }

  @Test
  void singleColumnWithHeaderAndBlankLines() throws IOException {
    PriceSeries s = CsvSeriesReader.read(write("b.csv", "sinewave\n0.5\n\n-0.25\n"), List.of());
    assertThat(s.columns()).containsExactly("sinewave");
    assertThat(s.column("sinewave")).containsExactly(0.5, -0.25);
  }

  @Test
  void namedColumnsInTheOrderAsked() throws IOException {
    Path f = write("c.csv", "Date,Open,Close,Volume\n03-01-00,1,2,300\n04-01-00,4,5,600\n");
    PriceSeries s = CsvSeriesReader.read(f, List.of("Close", "Volume"));
    assertThat(s.columns()).containsExactly("Close", "Volume");
    assertThat(s.rows()).isDeepEqualTo(new double[][] {{2, 300}, {5, 600}});
  }

  @Test
  void errorsNameFileLineAndValue() throws IOException {
    Path f = write("bad.csv", "Close\n1.0\n\nabc\n");
    assertThatThrownBy(() -> CsvSeriesReader.read(f, List.of("Close")))
        .isInstanceOf(SeriesFormatException.class)
        .hasMessageContaining("bad.csv").hasMessageContaining("line 4")
        .hasMessageContaining("'abc'");
    Path g = write("g.csv", "Date,Close\n1,2\n");
    assertThatThrownBy(() -> CsvSeriesReader.read(g, List.of("Adj Close")))
        .hasMessageContaining("no column 'Adj Close'").hasMessageContaining("[Date, Close]");
    Path h = write("h.csv", "Date,Open\n1,2\n");
    assertThatThrownBy(() -> CsvSeriesReader.read(h, List.of()))
        .hasMessageContaining("choose which");
  }

  @Test
  void theTimeColumnsTextIsKeptAsWritten() throws IOException {
    Path f = write("t.csv", "Close,DATE,day\n2,03-01-00,7\n5,04-01-00,8\n");
    PriceSeries s = CsvSeriesReader.read(f, List.of("Close"));
    assertThat(s.timeColumn()).isEqualTo("DATE"); // the first of the time names, case ignored
    assertThat(s.times()).containsExactly("03-01-00", "04-01-00");
    assertThat(s.time(1)).isEqualTo("04-01-00");
    PriceSeries none = CsvSeriesReader.read(write("n.csv", "price\n1\n2\n"), List.of());
    assertThat(none.timeColumn()).isNull();
    assertThat(none.time(0)).isNull();
  }

  @Test
  void withAHandlerBadRowsAreReportedWithLineValueAndReasonAndSkipped() throws IOException {
    Path f = write("mixed.csv", "Date,Close\n"
        + "d1,1.5\n"     // line 2
        + "d2,abc\n"     // line 3: not a number
        + "d3,\n"        // line 4: empty
        + "d4,NaN\n"     // line 5: not finite
        + "d5\n"         // line 6: missing field
        + "d6,-Infinity\n" // line 7: not finite
        + "d7,2.5\n");   // line 8
    List<BadRow> bad = new java.util.ArrayList<>();
    PriceSeries s = CsvSeriesReader.read(f, List.of("Close"), null, bad::add);

    assertThat(s.column("Close")).containsExactly(1.5, 2.5);
    assertThat(s.times()).containsExactly("d1", "d7");
    assertThat(s.lines()).containsExactly(2, 8);
    assertThat(bad).extracting(BadRow::line).containsExactly(3, 4, 5, 6, 7);
    assertThat(bad).extracting(BadRow::reason).containsExactly(BadRow.Reason.NOT_A_NUMBER,
        BadRow.Reason.EMPTY, BadRow.Reason.NOT_FINITE, BadRow.Reason.MISSING_FIELD,
        BadRow.Reason.NOT_FINITE);
    assertThat(bad.get(0).message()).isEqualTo(
        "mixed.csv line 3: column 'Close' value 'abc' is not a number");
    // without a handler the first bad row is the error, with the same message
    assertThatThrownBy(() -> CsvSeriesReader.read(f, List.of("Close")))
        .isInstanceOf(SeriesFormatException.class).hasMessage(bad.get(0).message());
    assertThatThrownBy(() -> CsvSeriesReader.read(f, List.of("Close"), "When", bad::add))
        .hasMessageContaining("no time column 'When'");
  }

  @Test
  void closeIsTheDefaultColumnOfAnOhlcvFile() throws IOException {
    Path f = write("o.csv", "Date,Open,Close\n03-01-00,1,2\n04-01-00,4,5\n");
    PriceSeries s = CsvSeriesReader.read(f, List.of());
    assertThat(s.columns()).containsExactly("Close");
    assertThat(s.column("Close")).containsExactly(2, 5);
  }

  @Test
  void readsTheTutorialsData() {
    Path data = Path.of(System.getProperty("tickcast.data.dir", "../data"));
    PriceSeries sp = CsvSeriesReader.read(data.resolve("sp500.csv"), List.of("Close"));
    assertThat(sp.size()).isEqualTo(4697);
    assertThat(sp.rows()[0][0]).isEqualTo(1455.219971);
    PriceSeries v1 = CsvSeriesReader.read(data.resolve("sp500_v1.csv"), List.of());
    assertThat(v1.size()).isEqualTo(4171);
    PriceSeries sine = CsvSeriesReader.read(data.resolve("sinewave.csv"), List.of());
    assertThat(sine.size()).isEqualTo(5001);
    assertThat(sine.rows()[0][0]).isEqualTo(0.841470985);
  }
}
