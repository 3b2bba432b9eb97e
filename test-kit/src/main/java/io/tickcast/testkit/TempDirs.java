package io.tickcast.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removal of temporary directories (pipeline state, benchmark work, model downloads). */
public final class TempDirs {
  private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

  private TempDirs() {}

  /**
   * Deletes a directory and everything below it, deepest first, going on past files that cannot
   * be deleted. Failures are logged as a warning, not thrown: a temporary directory left behind
   * is not worth failing a report for.
   *
   * @param dir the directory; nothing happens if it does not exist
   */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    int[] failed = {0};
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          failed[0]++;
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
      return;
    }
    if (failed[0] > 0) {
      LOG.warn("could not delete {} entries under {}", failed[0], dir);
    }
  }
}
