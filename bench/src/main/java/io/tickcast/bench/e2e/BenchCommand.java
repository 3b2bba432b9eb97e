package io.tickcast.bench.e2e;

import io.tickcast.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tickcast-bench}: benchmarks of the whole system on this machine, kept out of the shipped
 * {@code tickcast} CLI. Without a subcommand it prints its usage. Run it with {@code
 * ./tickcast-bench} from a checkout; exit codes as {@code tickcast}'s ({@link ExitCodes}).
 */
@Command(name = "tickcast-bench", mixinStandardHelpOptions = true,
    versionProvider = io.tickcast.cli.TickcastCli.Version.class,
    description = {"Benchmarks of the whole system on this machine (the JMH micro-benchmarks of "
        + "the inference engines are in the same bench module; results in docs/benchmarks.md)."},
    subcommands = {
        StreamBenchCommand.class,
        StateBenchCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The command line with its subcommands and Tickcast's exit codes.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    return ExitCodes.install(new CommandLine(new BenchCommand()));
  }

  /** Runs {@code tickcast-bench} with the arguments and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
