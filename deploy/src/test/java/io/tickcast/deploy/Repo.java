package io.tickcast.deploy;

import io.tickcast.core.testing.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locations in the checkout, as the build passes them in. */
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

  /** The repository's {@code data/} (system property {@code tickcast.data.dir}). */
  public static Path data() {
    String dir = System.getProperty("tickcast.data.dir");
    Path data = dir != null ? Path.of(dir) : root().resolve("data");
    return data.toAbsolutePath().normalize();
  }

  /**
   * An executable from Debian's {@code prometheus} package ({@code prometheus}, {@code promtool});
   * the test is skipped where it is missing, or fails with {@code TICKCAST_REQUIRE_TOOLS=1}.
   */
  public static Path prometheusTool(String name) {
    return ExternalTool.require(name,
        "install Debian's package: apt-get install -y --no-install-recommends prometheus");
  }

  /** The {@code <module>} entries of the root pom, in order. */
  public static List<String> rootModules() {
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(read(root().resolve("pom.xml")));
    while (m.find()) {
      modules.add(m.group(1));
    }
    return modules;
  }

  /** A {@code <properties>} value of the root pom, e.g. {@code kafka.version}. */
  public static String rootProperty(String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">\\s*([^<]+?)\\s*</").matcher(
        read(root().resolve("pom.xml")));
    if (!m.find()) {
      throw new AssertionError("root pom has no property " + name);
    }
    return m.group(1);
  }

  /** A file's text. */
  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
