package io.tickcast.cli;

import io.tickcast.cli.broker.BrokerCommand;
import io.tickcast.cli.replay.ReplayCommand;
import io.tickcast.cli.tail.TailCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tickcast} command. Subcommands: {@code demo}, {@code train}, {@code search}, {@code
 * evaluate}, {@code serve}, {@code replay}, {@code tail}, {@code broker}, {@code model}, {@code
 * retrain}. (The benchmarks are {@code tickcast-bench}, in the bench module.)
 *
 * <p>Exit codes ({@link ExitCodes}): 0 success; 2 invalid options or configuration; 1 any other
 * failure (bad data, unreachable broker, broken model), reported as one line on stderr.
 */
@Command(name = "tickcast", mixinStandardHelpOptions = true,
    versionProvider = TickcastCli.Version.class,
    description = {"Streaming price forecasting: ticks in on Kafka, LSTM forecasts out.", ""},
    subcommands = {CommandLine.HelpCommand.class},
    footer = {"", "Start with:  tickcast demo", "More:        tickcast help COMMAND"})
public final class TickcastCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The full command line with every subcommand and the error handling described above.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TickcastCli());
    cl.addSubcommand("demo", new io.tickcast.cli.demo.DemoCommand());
    cl.addSubcommand("train", io.tickcast.trainer.TrainCommand.commandLine());
    cl.addSubcommand("search", io.tickcast.trainer.SearchCommand.commandLine());
    cl.addSubcommand("evaluate", io.tickcast.trainer.EvaluateCommand.commandLine());
    cl.addSubcommand("serve", new io.tickcast.cli.serve.ServeCommand());
    cl.addSubcommand("replay", new ReplayCommand());
    cl.addSubcommand("tail", new TailCommand());
    cl.addSubcommand("broker", new BrokerCommand());
    cl.addSubcommand("model", new io.tickcast.cli.model.ModelCommand());
    cl.addSubcommand("retrain", io.tickcast.trainer.RetrainCommand.commandLine());
    return ExitCodes.install(cl);
  }

  /** Runs {@code tickcast} with the arguments and exits with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    System.exit(commandLine().execute(args));
  }

  /** {@code tickcast --version} (and {@code tickcast-bench --version}): the project version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      try (InputStream in = TickcastCli.class.getResourceAsStream("version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return new String[] {"tickcast " + p.getProperty("version", "unknown")};
      } catch (IOException e) {
        return new String[] {"tickcast unknown"};
      }
    }
  }
}
