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
