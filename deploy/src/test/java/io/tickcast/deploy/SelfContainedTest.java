package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The checkout stands on its own: no tracked file points outside it at the {@code shared}
 * directory that sits beside the project's own development checkout (data lives in
 * {@code data/}).
 */
class SelfContainedTest {
  /** Spelled in two parts so this file does not match itself. */
  private static final String OUTSIDE = ".." + "/shared";

  @Test
  void noTrackedFileRefersToTheSharedDirectoryBesideTheCheckout() throws Exception {
    List<String> offenders = new ArrayList<>();
    for (String name : trackedFiles()) {
      Path file = Repo.root().resolve(name);
      if (!Files.isRegularFile(file)) {
        continue; // deleted in the working tree
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().decode(
            java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
      } catch (CharacterCodingException binary) {
        continue; // images
      }
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(OUTSIDE)) {
          offenders.add(name + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertThat(offenders).as("files referring to " + OUTSIDE).isEmpty();
  }

  @Test
  void theBundledDataIsThere() {
    for (String f : List.of("sp500.csv", "sp500_v1.csv", "sinewave.csv", "sinewave_v1.csv",
        "eustock.csv", "README.md")) {
      assertThat(Repo.root().resolve("data").resolve(f)).isRegularFile();
    }
  }

  private static List<String> trackedFiles() throws IOException, InterruptedException {
    Path git = ExternalTool.require("git", "install git (the test lists the tracked files)");
    Process p = new ProcessBuilder(git.toString(), "ls-files", "-z")
        .directory(Repo.root().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("git ls-files in " + Repo.root()).isZero();
    List<String> names = List.of(out.split("\0"));
    assertThat(names).as("tracked files").contains("pom.xml");
    return names;
  }
}
