package io.tickcast.core.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiSeriesReaderTest {
  @TempDir Path tmp;

  private static Path data() {
    return Path.of(System.getProperty("tickcast.data.dir", "../data"));
  }

  @Test
  void longFormatGroupsInterleavedRowsBySymbolInTimeOrder() throws Exception {
    Path f = tmp.resolve("long.csv");
    Files.writeString(f, "symbol,time,price,volume\n"
        + "DAX,1000,10.5,7\n"
        + "SMI,2024-01-02T00:00:00Z,20,8\n"
        + "DAX,2000,11,9\n");
    MultiSeries m = MultiSeriesReader.readLong(f);
    assertThat(m.columns()).containsExactly("price", "volume");
    assertThat(m.symbols()).extracting(SymbolSeries::symbol).containsExactly("DAX", "SMI");
    SymbolSeries dax = m.symbols().get(0);
    assertThat(dax.times()).containsExactly(1000, 2000);
    assertThat(dax.rows()).isDeepEqualTo(new double[][] {{10.5, 7}, {11, 9}});
    assertThat(m.symbols().get(1).times()).containsExactly(1704153600000L);
    assertThat(m.rows()).isEqualTo(3);
  }

  @Test
  void longFormatRejectsASymbolGoingBackInTimeNamingTheLine() throws Exception {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, "symbol,time,price\nA,5,1\nB,1,1\nA,5,2\n");
    assertThatThrownBy(() -> MultiSeriesReader.readLong(f))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("bad.csv line 4")
        .hasMessageContaining("symbol A");
    Files.writeString(f, "symbol,when,price\nA,5,1\n");
    assertThatThrownBy(() -> MultiSeriesReader.readLong(f))
        .hasMessageContaining("no column 'time'");
  }

  @Test
  void wideFormatReadsChosenOrAllSymbolColumnsOfEustock() throws Exception {
    Path f = data().resolve("eustock.csv");
    List<String> lines = Files.readAllLines(f);
    MultiSeries chosen = MultiSeriesReader.readWide(f, List.of("CAC", "DAX"));
    assertThat(chosen.symbols()).extracting(SymbolSeries::symbol).containsExactly("CAC", "DAX");
    String[] second = lines.get(2).split(",");
    SymbolSeries cac = chosen.symbols().get(0);
    assertThat(cac.size()).isEqualTo(lines.size() - 1);
    assertThat(cac.times()[1]).isEqualTo(Long.parseLong(second[0]));
    assertThat(cac.rows()[1][0]).isEqualTo(Double.parseDouble(second[3]));
    assertThat(chosen.symbols().get(1).rows()[1][0]).isEqualTo(Double.parseDouble(second[1]));
    assertThat(MultiSeriesReader.readWide(f, List.of()).symbols())
        .extracting(SymbolSeries::symbol).containsExactly("DAX", "SMI", "CAC");
    assertThatThrownBy(() -> MultiSeriesReader.readWide(f, List.of("FTSE")))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("FTSE");
  }

  @Test
  void readTellsTheFormatsApartByTheHeaderAndKeepsTheNamedSymbols() throws Exception {
    Path f = tmp.resolve("long.csv");
    Files.writeString(f, "time,symbol,price\n1,A,1\n1,B,2\n2,A,3\n2,B,4\n3,C,5\n");
    assertThat(MultiSeriesReader.isLongFormat(f)).isTrue();
    MultiSeries m = MultiSeriesReader.read(f, List.of("B", "A"));
    assertThat(m.symbols()).extracting(SymbolSeries::symbol).containsExactly("B", "A");
    assertThat(m.symbols().get(0).rows()).isDeepEqualTo(new double[][] {{2}, {4}});
    assertThatThrownBy(() -> MultiSeriesReader.read(f, List.of("Z")))
        .isInstanceOf(SeriesFormatException.class).hasMessageContaining("no symbol 'Z'");
    MultiSeries first = MultiSeriesReader.read(f, List.of()).firstRows(1);
    assertThat(first.symbols()).extracting(SymbolSeries::size).containsExactly(1, 1, 1);
    assertThat(first.symbols().get(0).times()).containsExactly(1);
    MultiSeries last = MultiSeriesReader.read(f, List.of()).lastRows(1);
    assertThat(last.symbols().get(0).times()).containsExactly(2);
    assertThat(last.symbols().get(0).rows()).isDeepEqualTo(new double[][] {{3}});
    assertThat(last.symbols().get(2).times()).containsExactly(3);

    Path wide = data().resolve("eustock.csv");
    assertThat(MultiSeriesReader.isLongFormat(wide)).isFalse();
    assertThat(MultiSeriesReader.read(wide, List.of("SMI")).symbols())
        .extracting(SymbolSeries::symbol).containsExactly("SMI");
  }
}
