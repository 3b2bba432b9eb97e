package io.tickcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.config.InvalidConfigException;
import io.tickcast.trainer.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The one exit-code mapping, directly and through {@code tickcast}'s command line. */
class ExitCodesTest {
  private record Run(int code, String err) {}

  private static Run tickcast(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = TickcastCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), err.toString());
  }

  @Test
  void configurationErrorsAre2OtherExpectedFailures1AndBugsUnmapped() {
    assertThat(ExitCodes.exitCode(new InvalidConfigException(AppConfig.BATCH_MAX_SIZE, "0", "x")))
        .isEqualTo(2);
    assertThat(ExitCodes.exitCode(new ConfigException("training.epochs", "must be >= 1")))
        .isEqualTo(2);
    assertThat(ExitCodes.exitCode(new IllegalStateException("stream processing failed")))
        .isEqualTo(1);
    assertThat(ExitCodes.exitCode(new UncheckedIOException(new java.io.IOException("disk"))))
        .isEqualTo(1);
    assertThat(ExitCodes.exitCode(new NullPointerException())).isEqualTo(-1);
  }

  @Test
  void aBadRateIsAnInvalidOptionNamingTheAcceptedForms() {
    Run r = tickcast("demo", "--rate", "5/fortnight");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--rate", "500/s", "max", "Run 'tickcast demo --help'");
  }

  @Test
  void aMissingDataFileIsAnInvalidOption(@TempDir Path dir) {
    Run r = tickcast("demo", "--data", dir.resolve("none.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("none.csv", "does not exist");
  }

  @Test
  void anInvalidStreamAppSettingIs2WithOneLine(@TempDir Path dir) {
    Run r = tickcast("serve", "-m", dir.toString(), "--set", AppConfig.BATCH_MAX_SIZE + "=zero");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("tickcast serve: invalid configuration "
        + AppConfig.BATCH_MAX_SIZE);
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
