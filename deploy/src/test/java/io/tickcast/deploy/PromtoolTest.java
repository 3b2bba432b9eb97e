package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own checker on the deployment's Prometheus files: the config (with its rule file,
 * resolved relative to it), the alert rules, and the alert rules' unit tests
 * ({@code alerts_test.yml}: synthetic series for which each alert must or must not fire).
 */
class PromtoolTest {

  @Test
  void alertRulesLoad() throws Exception {
    Result r = promtool("check", "rules", Repo.deploy("prometheus/alerts.yml").toString());
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS: 6 rules found");
  }

  @Test
  void configLoadsWithItsRuleFile() throws Exception {
    Result r = promtool("check", "config", Repo.deploy("prometheus/prometheus.yml").toString());
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void alertsFireExactlyWhenTheirUnitTestsSay() throws Exception {
    Result r = promtool("test", "rules", Repo.deploy("prometheus/alerts_test.yml").toString());
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("SUCCESS");
  }

  private record Result(int exitCode, String output) {}

  private static Result promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Repo.prometheusTool("promtool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
