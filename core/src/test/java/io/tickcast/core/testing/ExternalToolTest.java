package io.tickcast.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The skip-or-fail policy for tests that need a tool outside the JDK. */
class ExternalToolTest {
  @TempDir Path tmp;

  @Test
  void aMissingToolSkipsTheTestWithItsReason() {
    assertThatThrownBy(() -> ExternalTool.require("no-such-tool", "apt-get install no-such-tool",
        tmp.toString(), false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("no-such-tool is not installed")
        .hasMessageContaining("apt-get install no-such-tool");
  }

  @Test
  void aMissingToolFailsTheTestWhenToolsAreRequired() {
    assertThatThrownBy(() -> ExternalTool.require("no-such-tool", "apt-get install no-such-tool",
        tmp.toString(), true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-tool is not installed")
        .hasMessageContaining(ExternalTool.REQUIRE_ENV);
  }

  @Test
  void findsAnExecutableOnTheSearchPathAndIgnoresANonExecutableOne() throws Exception {
    Path first = Files.createDirectory(tmp.resolve("first"));
    Path second = Files.createDirectory(tmp.resolve("second"));
    Files.writeString(first.resolve("tool"), "not executable");
    Path tool = Files.writeString(second.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = first + File.pathSeparator + File.pathSeparator + second;

    assertThat(ExternalTool.require("tool", "-", path, true)).isEqualTo(tool);
    assertThat(ExternalTool.require("tool", "-", path, false)).isEqualTo(tool);
  }
}
