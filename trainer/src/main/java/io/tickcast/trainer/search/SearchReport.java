package io.tickcast.trainer.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes search results as CSV (run order) and Markdown (best next-step U first). */
public final class SearchReport {
  /** CSV file name. */
  public static final String CSV = "search.csv";
  /** Markdown file name. */
  public static final String MARKDOWN = "search.md";

  private static final String[] HEADER = {"normalisation", "window", "lstm", "dropout",
      "epochs", "lr", "best_epoch", "held_out", "U1", "rmse1", "dm_stat", "dm_p", "mean_U",
      "U_H", "train_s"};

  private SearchReport() {}

  /** The results as CSV, one row per candidate in run order, with a header. */
  public static String csv(List<SearchResult> results) {
    StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (SearchResult r : results) {
      sb.append(String.join(",", cells(r))).append('\n');
    }
    return sb.toString();
  }

  /**
   * The results as a Markdown table, sorted by held-out next-step U, then mean U.
   *
   * @param horizon H, for the column name of U at H
   */
  public static String markdown(List<SearchResult> results, int horizon) {
    StringBuilder sb = new StringBuilder();
    sb.append("| normalisation | W | LSTM | dropout | max epochs | lr | best epoch | U@1 | DM p@1 |"
        + " mean U 1..").append(horizon).append(" | U@").append(horizon)
        .append(" | training s |\n");
    sb.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<SearchResult> sorted = results.stream()
        .sorted(Comparator.comparingDouble(SearchResult::theilU1)
            .thenComparingDouble(SearchResult::meanTheilU))
        .toList();
    for (SearchResult r : sorted) {
      SearchCandidate c = r.candidate();
      sb.append(String.format(Locale.ROOT,
          "| %s | %d | %s | %s | %d | %s | %d | %.4f | %.4f | %.4f | %.4f | %.0f |%n",
          c.normalisation(), c.window(), c.unitsSpec(), c.dropout(), c.epochs(),
          c.learningRate(), r.bestEpoch(), r.theilU1(), r.dmPValue(), r.meanTheilU(),
          r.theilUH(), r.trainingSeconds()));
    }
    return sb.toString();
  }

  /**
   * Writes {@link #CSV} and {@link #MARKDOWN} into {@code dir} (created if needed).
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(Path dir, List<SearchResult> results, int horizon) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(CSV), csv(results));
      Files.writeString(dir.resolve(MARKDOWN), markdown(results, horizon));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the search results under " + dir, e);
    }
  }

  private static String[] cells(SearchResult r) {
    SearchCandidate c = r.candidate();
    return new String[] {c.normalisation(), Integer.toString(c.window()), c.unitsSpec(),
        num(c.dropout()), Integer.toString(c.epochs()), num(c.learningRate()),
        Integer.toString(r.bestEpoch()), Integer.toString(r.heldOutTargets()), num(r.theilU1()),
        num(r.rmse1()), num(r.dmStatistic()), num(r.dmPValue()), num(r.meanTheilU()),
        num(r.theilUH()), String.format(Locale.ROOT, "%.1f", r.trainingSeconds())};
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
  }
}
