package io.tickcast.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.trainer.TrainCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release archive as a user gets it: unpacked with {@code tar xzf} into a new directory under
 * {@code java.io.tmpdir}, outside the checkout, then {@code bin/tickcast} run as a separate
 * process with nothing but the JDK that runs this test (no source tree, no Maven).
 */
class ReleaseArchiveIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ARCHIVE = Path.of(System.getProperty("tickcast.archive"));
  private static final String VERSION = System.getProperty("tickcast.version");
  private static final Path REPO = Path.of(System.getProperty("tickcast.repo.dir"));

  private static Path tmp;
  private static Path root;

  @BeforeAll
  static void unpack() throws Exception {
    assertThat(ARCHIVE).as("built by the package phase").isRegularFile();
    tmp = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
        "tickcast-archive-").toRealPath();
    assertThat(tmp.startsWith(REPO.toRealPath())).as("%s is outside the checkout", tmp).isFalse();
    Result untar = run(tmp, List.of("tar", "xzf", ARCHIVE.toString()));
    assertThat(untar.exitCode()).as(untar.output()).isZero();
    try (Stream<Path> top = Files.list(tmp)) {
      assertThat(top.map(p -> p.getFileName().toString()).toList())
          .as("one top-level directory").containsExactly("tickcast-" + VERSION);
    }
    root = tmp.resolve("tickcast-" + VERSION);
  }

  @AfterAll
  static void deleteUnpacked() throws IOException {
    if (tmp == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** bin/, lib/, config/ and data/ hold what the descriptor promises, copied unchanged. */
  @Test
  void holdsTheLauncherJarsConfigsAndData() throws IOException {
    assertThat(Files.isExecutable(root.resolve("bin/tickcast"))).as("bin/tickcast executable")
        .isTrue();
    for (Path json : list(REPO.resolve("trainer/config"), ".json")) {
      assertThat(root.resolve("config").resolve(json.getFileName().toString()))
          .hasSameBinaryContentAs(json);
    }
    assertThat(root.resolve("config/stream-app.properties"))
        .hasSameBinaryContentAs(REPO.resolve("stream-app/config/stream-app.properties"));
    assertThat(names(list(root.resolve("data"), ""))).isEqualTo(names(list(REPO.resolve("data"), "")));
    assertThat(root.resolve("data/sp500.csv")).hasSameBinaryContentAs(REPO.resolve("data/sp500.csv"));

    // The launcher's class path names exactly the jars in lib/.
    String classpath = Files.readString(root.resolve("lib/classpath.txt")).trim();
    Set<String> listed = new TreeSet<>(List.of(classpath.split(":")));
    Set<String> present = list(root.resolve("lib"), ".jar").stream()
        .map(p -> "lib/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed).isEqualTo(present).contains("lib/tickcast-cli-" + VERSION + ".jar");
    // Natives of linux-x86_64 only (-Djavacpp.platform in .mvn/maven.config).
    assertThat(present).anyMatch(j -> j.startsWith("lib/nd4j-native-") && j.endsWith("-linux-x86_64.jar"))
        .noneMatch(j -> j.matches(".*-(windows|macosx|android|ios|linux-(arm64|ppc64le|armhf))-.*"));
  }

  /** From an unrelated directory, and through a symbolic link to the launcher. */
  @Test
  void printsItsVersionFromAnyDirectory() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Result direct = run(elsewhere, List.of(root.resolve("bin/tickcast").toString(), "--version"));
    assertThat(direct.exitCode()).as(direct.output()).isZero();
    assertThat(direct.output().lines()).contains("tickcast " + VERSION);

    Path link = Files.createSymbolicLink(elsewhere.resolve("tickcast"), root.resolve("bin/tickcast"));
    Result linked = run(elsewhere, List.of(link.toString(), "--version"));
    assertThat(linked.exitCode()).as(linked.output()).isZero();
    assertThat(linked.output().lines()).contains("tickcast " + VERSION);
  }

  /**
   * {@code bin/tickcast train --quick} on the bundled S&P 500 series and config writes an
   * artifact whose metadata names the config's window and horizon, the quick row count, and the
   * data file's and the network file's SHA-256 (computed here).
   */
  @Test
  void trainsQuicklyOnItsBundledDataAndConfig() throws Exception {
    Path models = tmp.resolve("models");
    Result train = run(root, List.of("bin/tickcast", "train", "--quick",
        "--config", "config/sp500.json", "--data", "data/sp500.csv", "--output", models.toString()));
    assertThat(train.exitCode()).as(train.output()).isZero();

    List<Path> artifacts = list(models, "");
    assertThat(artifacts).as("one artifact directory").hasSize(1);
    Path artifact = artifacts.get(0);
    assertThat(train.output()).contains("artifact " + artifact);
    assertThat(artifact.resolve("model.zip")).isRegularFile();
    JsonNode meta = JSON.readTree(artifact.resolve("model.json").toFile());
    JsonNode config = JSON.readTree(root.resolve("config/sp500.json").toFile()).path("data");

    assertThat(meta.path("windowLength").asInt()).isEqualTo(config.path("windowLength").asInt());
    assertThat(meta.path("horizon").asInt()).isEqualTo(config.path("horizon").asInt());
    assertThat(meta.path("target").asText()).isEqualTo(config.path("target").asText());
    assertThat(meta.path("trainingData").path("file").asText()).isEqualTo("sp500.csv");
    assertThat(meta.path("trainingData").path("rows").asInt()).isEqualTo(TrainCommand.QUICK_ROWS);
    assertThat(meta.path("trainingData").path("sha256").asText())
        .isEqualTo(sha256(REPO.resolve("data/sp500.csv")));
    assertThat(meta.path("modelVersion").asText()).isEqualTo(sha256(artifact.resolve("model.zip")));
  }

  // --- helpers -------------------------------------------------------------------------------

  record Result(int exitCode, String output) {}

  /** Runs a command with the test's JDK as JAVA_HOME; stdout and stderr together. */
  private static Result run(Path dir, List<String> command) throws Exception {
    Path log = Files.createTempFile("tickcast-run-", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.environment().put("TICKCAST_JAVA_OPTS", "-Xmx1g");
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish: " + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(List<Path> files) {
    List<String> names = new ArrayList<>();
    files.forEach(f -> names.add(f.getFileName().toString()));
    return names;
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
