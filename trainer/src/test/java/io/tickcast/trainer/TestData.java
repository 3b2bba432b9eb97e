package io.tickcast.trainer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared data files for tests. */
public final class TestData {
  private TestData() {}

  /** A file in the shared data directory (system property {@code tickcast.shared.dir}). */
  public static Path shared(String name) {
    String dir = System.getProperty("tickcast.shared.dir", "../../shared");
    Path p = Path.of(dir, "data", name);
    if (!Files.exists(p)) {
      throw new IllegalStateException("shared data file " + p + " not found; set "
          + "-Dtickcast.shared.dir");
    }
    return p;
  }
}
