package io.tickcast.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the checkout and of the shared data beside it, as the build passes them in. */
public final class Repo {
  private Repo() {}

  /** The repository root (system property {@code tickcast.repo.dir}, else the module's parent). */
  public static Path root() {
    String dir = System.getProperty("tickcast.repo.dir");
    Path root = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }

  /** {@code deploy/} in the checkout. */
  public static Path deploy() {
    return root().resolve("deploy");
  }

  /** A path under {@code deploy/}. */
  public static Path deploy(String relative) {
    return deploy().resolve(relative);
  }

  /** The read-only shared directory beside the checkout (system property {@code tickcast.shared.dir}). */
  public static Path shared() {
    String dir = System.getProperty("tickcast.shared.dir");
    Path shared = dir != null ? Path.of(dir) : root().resolve("../shared");
    return shared.toAbsolutePath().normalize();
  }

  /**
   * An executable from Debian's {@code prometheus} package: on the PATH or in {@code /usr/bin}.
   *
   * @throws AssertionError naming the package to install when it is missing, so CI cannot pass
   *     without running the check
   */
  public static Path prometheusTool(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path usrBin = Path.of("/usr/bin", name);
    if (Files.isExecutable(usrBin)) {
      return usrBin;
    }
    throw new AssertionError(name + " is not installed (not on PATH nor in /usr/bin). Install"
        + " Debian's Prometheus package: apt-get install -y --no-install-recommends prometheus");
  }
}
