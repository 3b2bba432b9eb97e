package io.tickcast.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * An executable a test needs from outside the JDK (promtool, prometheus, docker-compose, …),
 * looked up on {@code PATH}. Where it is missing the test is skipped with the reason printed,
 * so {@code ./mvnw verify} passes on a JDK-only machine; with the environment variable
 * {@value #REQUIRE_ENV}{@code =1} (as {@code .ci/run} sets it) a missing tool fails the test
 * instead, so CI cannot pass without running the check.
 */
public final class ExternalTool {
  /** Environment variable that turns a missing tool from a skip into a failure. */
  public static final String REQUIRE_ENV = "TICKCAST_REQUIRE_TOOLS";

  private ExternalTool() {}

  /**
   * The executable's path, or the test stops here.
   *
   * @param name the executable's file name, e.g. {@code promtool}
   * @param install how to get it, e.g. {@code apt-get install -y prometheus}
   * @throws org.opentest4j.TestAbortedException when missing (the test is skipped)
   * @throws AssertionError when missing and {@value #REQUIRE_ENV} is {@code 1}
   */
  public static Path require(String name, String install) {
    return require(name, install, System.getenv().getOrDefault("PATH", ""),
        "1".equals(System.getenv(REQUIRE_ENV)));
  }

  /**
   * {@link #require(String, String)} with the search path and the policy given (for tests).
   *
   * @param searchPath directories separated by {@link File#pathSeparator}
   * @param required whether a missing tool fails rather than skips
   */
  public static Path require(String name, String install, String searchPath, boolean required) {
    Optional<Path> found = find(name, searchPath);
    if (found.isPresent()) {
      return found.get();
    }
    return unavailable(name + " is not installed (not on PATH); " + install, required);
  }

  /**
   * Stops a test whose tool is missing or unusable (e.g. a python3 without a module it needs):
   * skipped with the reason, or failed with {@value #REQUIRE_ENV}{@code =1}.
   *
   * @param reason what is missing and how to install it
   * @return never
   */
  public static <T> T unavailable(String reason) {
    return unavailable(reason, "1".equals(System.getenv(REQUIRE_ENV)));
  }

  private static <T> T unavailable(String reason, boolean required) {
    if (required) {
      return Assertions.fail(reason + " [" + REQUIRE_ENV + "=1 makes a missing tool a failure]");
    }
    // Surefire keeps the reason in its report; printing it shows it in the build log too.
    System.err.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** The first executable file called {@code name} in the directories of {@code searchPath}. */
  public static Optional<Path> find(String name, String searchPath) {
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
