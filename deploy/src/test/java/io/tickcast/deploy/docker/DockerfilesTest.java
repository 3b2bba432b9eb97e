package io.tickcast.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.deploy.Repo;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be checked of the Dockerfiles without a container engine: base images, that every
 * file copied from the build context (the repository root) exists, that the Maven reactor
 * modules named exist, that the jars copied are the ones those modules build, and that every
 * main class run exists with a {@code main} method.
 */
class DockerfilesTest {
  private static final Pattern COPY = Pattern.compile("^COPY\\s+(.+)$", Pattern.MULTILINE);
  private static final Pattern PROJECT_LIST = Pattern.compile("-pl\\s+([\\w,.-]+)");
  private static final Pattern MAIN_CLASS = Pattern.compile("\"(io\\.tickcast\\.[\\w.]+)\"");

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void buildsFromTheRepositoryWithTemurin17(String name) {
    String text = dockerfile(name);
    List<String> from = new ArrayList<>();
    Matcher m = Pattern.compile("^FROM\\s+(\\S+)", Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      from.add(m.group(1));
    }
    assertThat(from).as("stages of %s", name)
        .containsExactly("eclipse-temurin:17-jdk", "eclipse-temurin:17-jre");
    assertThat(text).as("builds with the Maven Wrapper").contains("./mvnw ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void copiesOnlyFilesThatExistInTheContext(String name) {
    Matcher m = COPY.matcher(dockerfile(name));
    int checked = 0;
    while (m.find()) {
      List<String> parts = List.of(m.group(1).trim().split("\\s+"));
      if (parts.get(0).startsWith("--from=")) {
        continue;
      }
      for (String source : parts.subList(0, parts.size() - 1)) {
        assertThat(Repo.root().resolve(source)).as("COPY %s in %s", source, name).exists();
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void buildsExistingModulesAndCopiesTheirJars(String name) {
    String text = dockerfile(name);
    Matcher pl = PROJECT_LIST.matcher(text);
    assertThat(pl.find()).as("%s builds with -pl <module>", name).isTrue();
    for (String module : pl.group(1).split(",")) {
      assertThat(Repo.rootModules()).as("-pl %s in %s", module, name).contains(module);
      // The jar it copies is the one the module builds: <module>/target/<artifactId>-*.jar.
      assertThat(text).contains(module + "/target/" + Repo.artifactId(module) + "-*.jar");
      assertThat(text).contains(module + "/target/dependency/");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void runsAMainClassThatExists(String name) {
    String entry = dockerfile(name).lines()
        .filter(l -> l.startsWith("ENTRYPOINT") || l.startsWith("CMD"))
        .reduce("", (a, b) -> a + "\n" + b);
    Matcher m = MAIN_CLASS.matcher(entry);
    assertThat(m.find()).as("a main class in ENTRYPOINT/CMD of %s", name).isTrue();
    do {
      assertThat(Repo.isRunnableMain(m.group(1))).as("%s has a main method", m.group(1)).isTrue();
    } while (m.find());
  }

  /**
   * The Dockerfile's own ignore file keeps build outputs out of the context but nothing the
   * build needs: the wrapper, its settings, the root pom and every module's pom.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void ignoreFileKeepsWhatTheBuildNeeds(String name) throws Exception {
    Path ignore = Repo.deploy("docker/" + name + ".dockerignore");
    assertThat(ignore).exists();
    List<PathMatcher> patterns = Files.readAllLines(ignore).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(p -> p.endsWith("/") ? p + "**" : p)
        .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
        .toList();
    List<String> needed = new ArrayList<>(List.of("mvnw", ".mvn/maven.config",
        ".mvn/wrapper/maven-wrapper.properties", "pom.xml", "trainer/config/sp500.json"));
    Repo.rootModules().forEach(module -> needed.add(module + "/pom.xml"));
    for (String path : needed) {
      assertThat(Repo.root().resolve(path)).exists();
      assertThat(patterns).as("%s is ignored by %s", path, ignore)
          .noneMatch(p -> p.matches(Path.of(path)));
    }
    assertThat(patterns).as("module build outputs are ignored")
        .anyMatch(p -> p.matches(Path.of("core/target/classes/x.class")));
  }

  private static String dockerfile(String name) {
    return Repo.read(Repo.deploy("docker/" + name));
  }
}
