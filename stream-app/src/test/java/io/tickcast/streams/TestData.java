package io.tickcast.streams;

import io.tickcast.core.series.CsvSeriesReader;
import java.nio.file.Path;
import java.util.List;

/** Test data from the repository's {@code data/} (system property {@code tickcast.data.dir}). */
public final class TestData {
  private TestData() {}

  /** The repository's data directory. */
  public static Path dataDir() {
    return Path.of(System.getProperty("tickcast.data.dir", "../data"));
  }

  /** The first {@code n} values of a column of {@code sp500.csv} (e.g. Close, Open). */
  public static double[] sp500(String column, int n) {
    double[] all = CsvSeriesReader.read(dataDir().resolve("sp500.csv"), List.of(column))
        .column(column);
    return java.util.Arrays.copyOf(all, Math.min(n, all.length));
  }
}
