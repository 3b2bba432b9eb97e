package io.tickcast.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.testing.ExternalTool;
import io.tickcast.deploy.Repo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Docker Compose v1's own validator ({@code docker-compose config}, Debian's package 1.29) on the
 * stack: v1 is the stricter of the two (it rejects the v2-only top-level {@code name}), and what it
 * accepts Compose v2 accepts too. No container engine is needed.
 */
class ComposeConfigTest {

  @Test
  void composeV1AcceptsTheStack() throws Exception {
    Path compose = ExternalTool.require("docker-compose",
        "install Debian's package: apt-get install -y --no-install-recommends docker-compose");
    ProcessBuilder pb = new ProcessBuilder(List.of(compose.toString(), "-f", "compose.yaml",
        "config")).directory(Repo.deploy().toFile()).redirectErrorStream(true);
    // With nothing set, as a user's first `up` would run it.
    pb.environment().keySet().removeIf(k -> k.startsWith("TICKCAST_") || k.startsWith("COMPOSE_"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("docker-compose config finished").isTrue();

    assertThat(p.exitValue()).as(out).isZero();
    // The resolved stack: every service, and the data directory resolved to the repository's data/.
    assertThat(out).contains("stream-app:", "trainer:", "kafka:", "prometheus:", "grafana:")
        .contains(Repo.data() + ":/data:ro");
  }
}
