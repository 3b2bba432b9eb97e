package io.tickcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.core.testing.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/pytorch/next_step_bench.py --smoke} runs with Debian's PyTorch and prints one JSON
 * line per case in the format results-table.py reads. Skipped with the reason where {@code
 * /usr/bin/python3} cannot import torch; {@code .ci/run} installs it, so CI runs it.
 */
class PyTorchBenchScriptIntegrationTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void smokeRunPrintsEveryCaseWithItsRate() throws Exception {
    requireTorch();
    // Surefire and failsafe run in the module's directory, bench/.
    Path script = Path.of("").toAbsolutePath().getParent().resolve("bench/pytorch/next_step_bench.py");
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), "--smoke")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the script stopped").isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).extracting(l -> l.get("case").asText() + "/" + l.get("batch").asInt())
        .containsExactly("next_step/1", "next_step/64", "path/8");
    for (JsonNode l : lines) {
      assertThat(l.get("engine").asText()).isEqualTo("pytorch");
      assertThat(l.get("threads").asInt()).isEqualTo(1);
      assertThat(l.get("torch").asText()).isNotBlank();
      double ms = l.get("ms_per_batch").asDouble();
      assertThat(ms).isPositive();
      // rate = batch per call / seconds per call
      String rate = l.get("case").asText().equals("path") ? "paths_per_s" : "windows_per_s";
      assertThat(l.get(rate).asDouble()).isCloseTo(l.get("batch").asInt() * 1000 / ms, within(1e-6));
    }
  }

  private static void requireTorch() throws Exception {
    String install = "install Debian's package: apt-get install -y --no-install-recommends"
        + " python3-torch libopenblas0";
    if (!Files.isExecutable(PYTHON)) {
      ExternalTool.unavailable(PYTHON + " is not installed; " + install);
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
      ExternalTool.unavailable("no " + PYTHON + " with torch; " + install);
    }
  }
}
