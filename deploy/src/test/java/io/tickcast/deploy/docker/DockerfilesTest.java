package io.tickcast.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.cli.TickcastCli;
import io.tickcast.deploy.ReleaseArchive;
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
import picocli.CommandLine;

/**
 * What can be checked of the Dockerfiles without a container engine: base images, that every
 * file copied from the build context (the repository root) exists, that the build stage packs the
 * release archive with the dist module and the image holds it unpacked in /app, and that the
 * image runs the archive's launcher with a command the real CLI parses.
 */
class DockerfilesTest {
  private static final Pattern COPY = Pattern.compile("^COPY\\s+(.+)$", Pattern.MULTILINE);
  private static final Pattern PROJECT_LIST = Pattern.compile("-pl\\s+([\\w,.-]+)");

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

  /**
   * The build stage packs the release archive with the dist module (and the modules it needs),
   * and the runtime stage holds it unpacked in /app; the launcher and configs it then refers to
   * come from the checkout through the archive's assembly descriptor.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void buildsTheReleaseArchiveAndRunsItFromApp(String name) {
    String text = dockerfile(name);
    Matcher pl = PROJECT_LIST.matcher(text);
    assertThat(pl.find()).as("%s builds with -pl <module>", name).isTrue();
    assertThat(pl.group(1)).as("-pl in %s", name).isEqualTo(ReleaseArchive.MODULE);
    assertThat(Repo.rootModules()).contains(ReleaseArchive.MODULE);
    assertThat(text).as("%s builds the modules dist needs", name).contains(" -am ");
    assertThat(ReleaseArchive.imageRoot(text)).as("archive root in %s", name)
        .isEqualTo(Path.of("/app"));
    assertThat(ReleaseArchive.source("bin/tickcast")).as("the archive's launcher").isPresent();
  }

  /** ENTRYPOINT is the archive's launcher; it and CMD form a command the real CLI parses. */
  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile.trainer", "Dockerfile.stream-app"})
  void runsTheLauncherWithACommandTheCliAccepts(String name) throws Exception {
    List<String> entrypoint = execForm(dockerfile(name), "ENTRYPOINT");
    List<String> cmd = execForm(dockerfile(name), "CMD");
    assertThat(entrypoint).as("ENTRYPOINT of %s", name).isNotEmpty();
    assertThat(entrypoint.get(0)).isEqualTo("/app/bin/tickcast");
    List<String> args = new ArrayList<>(entrypoint.subList(1, entrypoint.size()));
    args.addAll(cmd);
    CommandLine.ParseResult parsed = TickcastCli.commandLine().parseArgs(args.toArray(String[]::new));
    assertThat(parsed.hasSubcommand()).as("%s runs a tickcast subcommand: %s", name, args).isTrue();
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
        ".mvn/wrapper/maven-wrapper.properties", "pom.xml", "dist/src/assembly/tickcast.xml"));
    Repo.rootModules().forEach(module -> needed.add(module + "/pom.xml"));
    // Everything the archive packs from the checkout: launcher, configs, data.
    ReleaseArchive.sourceFiles().forEach(file -> needed.add(file.toString()));
    assertThat(needed).contains("dist/src/bin/tickcast", "trainer/config/sp500.json",
        "data/sp500.csv");
    for (String path : needed) {
      assertThat(Repo.root().resolve(path)).exists();
      assertThat(patterns).as("%s is ignored by %s", path, ignore)
          .noneMatch(p -> p.matches(Path.of(path)));
    }
    assertThat(patterns).as("module build outputs are ignored")
        .anyMatch(p -> p.matches(Path.of("core/target/classes/x.class")));
  }

  /** The JSON-array (exec) form of an instruction, e.g. {@code ENTRYPOINT ["a", "b"]}. */
  private static List<String> execForm(String text, String instruction) throws Exception {
    Matcher m = Pattern.compile("^" + instruction + "\\s+(\\[.*])\\s*$", Pattern.MULTILINE)
        .matcher(text);
    if (!m.find()) {
      return List.of();
    }
    return List.of(new ObjectMapper().readValue(m.group(1), String[].class));
  }

  private static String dockerfile(String name) {
    return Repo.read(Repo.deploy("docker/" + name));
  }
}
