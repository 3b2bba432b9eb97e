package io.tickcast.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tickcast bench}: benchmarks of the running system. Without a subcommand it prints its
 * usage. Add a benchmark by listing its command class in {@code subcommands}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks of the whole system on this machine (the JMH micro-benchmarks of "
        + "the inference engines are in the bench module; results in docs/benchmarks.md)."},
    subcommands = {
        StreamBenchCommand.class,
        StateBenchCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
