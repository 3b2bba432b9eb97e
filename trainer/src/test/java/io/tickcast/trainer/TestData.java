package io.tickcast.trainer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's data files for tests. */
public final class TestData {
  private TestData() {}

  /** A file in the repository's {@code data/} (system property {@code tickcast.data.dir}). */
  public static Path file(String name) {
    Path p = Path.of(System.getProperty("tickcast.data.dir", "../data"), name);
    if (!Files.exists(p)) {
      throw new IllegalStateException("data file " + p + " not found; set -Dtickcast.data.dir");
    }
    return p;
  }
}
