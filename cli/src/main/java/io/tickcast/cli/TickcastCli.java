package io.tickcast.cli;

import io.tickcast.broker.EmbeddedKafkaException;
import io.tickcast.cli.broker.BrokerCommand;
import io.tickcast.cli.replay.ReplayCommand;
import io.tickcast.cli.tail.TailCommand;
import io.tickcast.core.model.ModelLoadException;
import io.tickcast.streams.StartupException;
import io.tickcast.streams.config.InvalidConfigException;
import io.tickcast.trainer.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tickcast} command. Subcommands: {@code demo}, {@code train}, {@code search}, {@code
 * evaluate}, {@code serve}, {@code replay}, {@code tail}, {@code broker}, {@code bench}, {@code model},
 * {@code retrain}.
 *
 * <p>Exit codes: 0 success; 2 invalid options or configuration; 1 any other failure (bad data,
 * unreachable broker, broken model), reported as one line on stderr.
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
    cl.addSubcommand("bench", new io.tickcast.cli.bench.BenchCommand());
    cl.addSubcommand("model", new io.tickcast.cli.model.ModelCommand());
    cl.addSubcommand("retrain", io.tickcast.trainer.RetrainCommand.commandLine());
    cl.setExecutionExceptionHandler(TickcastCli::handle);
    cl.setParameterExceptionHandler(TickcastCli::badOption);
    return cl;
  }

  /** Runs {@code tickcast} with the arguments and exits with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    System.exit(commandLine().execute(args));
  }

  /** A bad option: the message and where to find the usage, not the whole usage text. */
  private static int badOption(CommandLine.ParameterException ex, String[] args) {
    CommandLine line = ex.getCommandLine();
    java.io.PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return line.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Turns expected failures into one line on stderr; anything else keeps its stack trace. */
  private static int handle(Exception ex, CommandLine line, CommandLine.ParseResult parsed)
      throws Exception {
    String name = line.getCommandSpec().qualifiedName();
    int code;
    if (isConfigError(ex)) {
      code = 2;
    } else if (ex instanceof StartupException || ex instanceof ModelLoadException
        || ex instanceof EmbeddedKafkaException
        || ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
        || ex instanceof IllegalStateException || ex instanceof KafkaException
        || ex instanceof IOException) {
      code = 1;
    } else {
      throw ex;
    }
    line.getErr().println(name + ": " + ex.getMessage());
    line.getErr().flush();
    return code;
  }

  private static boolean isConfigError(Exception ex) {
    return ex instanceof ConfigException || ex instanceof InvalidConfigException;
  }

  /** {@code tickcast --version}. */
  static final class Version implements CommandLine.IVersionProvider {
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
