package io.tickcast.streams;

import io.tickcast.core.series.CsvSeriesReader;
import java.nio.file.Path;
import java.util.List;

/** Test data from the shared directory (system property {@code tickcast.shared.dir}). */
public final class TestData {
  private TestData() {}

  /** The shared directory. */
  public static Path shared() {
    String dir = System.getProperty("tickcast.shared.dir");
    if (dir == null) {
      throw new IllegalStateException("system property tickcast.shared.dir is not set (surefire sets it)");
    }
    return Path.of(dir);
  }

  /** The first {@code n} values of a column of {@code sp500.csv} (e.g. Close, Open). */
  public static double[] sp500(String column, int n) {
    double[] all = CsvSeriesReader.read(shared().resolve("data/sp500.csv"), List.of(column))
        .column(column);
    return java.util.Arrays.copyOf(all, Math.min(n, all.length));
  }
}
