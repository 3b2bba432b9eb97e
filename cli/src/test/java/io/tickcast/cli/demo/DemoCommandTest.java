package io.tickcast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code tickcast demo}'s options become a run: one series, copies, or named columns. */
class DemoCommandTest {
  private String savedHome;
  private Path home;

  @BeforeEach
  void home() {
    savedHome = System.getProperty(DemoCommand.HOME_PROPERTY);
    home = Path.of(System.getProperty("tickcast.data.dir")).toAbsolutePath().normalize()
        .getParent();
    System.setProperty(DemoCommand.HOME_PROPERTY, home.toString());
  }

  @AfterEach
  void restore() {
    if (savedHome == null) {
      System.clearProperty(DemoCommand.HOME_PROPERTY);
    } else {
      System.setProperty(DemoCommand.HOME_PROPERTY, savedHome);
    }
  }

  private static DemoRun.Options parse(String... args) {
    DemoCommand command = new DemoCommand();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void byDefaultTheSp500ClosesAsOneSymbol() {
    DemoRun.Options o = parse();
    assertThat(o.data()).isEqualTo(home.resolve("data/sp500.csv"));
    assertThat(o.priceColumn()).isEqualTo("Close");
    assertThat(o.timing().timeColumn()).isEqualTo("Date");
    assertThat(o.symbols()).isEqualTo(1);
    assertThat(o.columns()).isEmpty();
    assertThat(o.trainConfig()).isEqualTo(home.resolve("trainer/config/sp500.json"));
  }

  @Test
  void aCountReplaysScaledCopies() {
    DemoRun.Options o = parse("--symbols", "3");
    assertThat(o.symbols()).isEqualTo(3);
    assertThat(o.columns()).isEmpty();
  }

  @Test
  void namesReplayThoseColumnsOfTheEuropeanIndicesWithTheirOwnConfig() {
    DemoRun.Options o = parse("--symbols", "DAX, SMI,CAC");
    assertThat(o.columns()).containsExactly("DAX", "SMI", "CAC");
    assertThat(o.symbols()).isEqualTo(3);
    assertThat(o.data()).isEqualTo(home.resolve("data/eustock.csv"));
    assertThat(o.priceColumn()).isNull();
    // eustock.csv's day is a counter: one tick per day
    assertThat(o.timing().timeColumn()).isNull();
    assertThat(o.timing().step()).isEqualTo(Duration.ofDays(1));
    assertThat(o.trainConfig()).isEqualTo(home.resolve("trainer/config/eustock.json"));
  }

  @Test
  void badSymbolListsAreRefusedWithAMessage() {
    assertThatThrownBy(() -> parse("--symbols", "DAX,,SMI"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("DAX,,SMI");
    assertThatThrownBy(() -> parse("--symbols", "DAX,DAX"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("distinct");
    assertThatThrownBy(() -> parse("--symbols", "DAX,SMI", "--column", "Close"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--column");
    assertThatThrownBy(() -> parse("--symbols", "0"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("1..1000");
  }
}
