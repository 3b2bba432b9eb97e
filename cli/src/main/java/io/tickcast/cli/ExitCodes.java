package io.tickcast.cli;

import io.tickcast.broker.EmbeddedKafkaException;
import io.tickcast.core.model.ModelLoadException;
import io.tickcast.streams.StartupException;
import io.tickcast.streams.config.InvalidConfigException;
import io.tickcast.trainer.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/**
 * The one mapping from Tickcast's failures to exit codes and one-line messages, for every
 * command line ({@code tickcast}, {@code tickcast-bench}): 0 success; {@value #BAD_INPUT} invalid
 * options or configuration (a bad option value, a missing data file, an invalid stream-app or
 * trainer config); {@value #FAILED} any other expected failure (bad data, unreachable broker,
 * broken model, stream processing failed), reported as one line on stderr. Anything else is a
 * bug and keeps its stack trace.
 */
public final class ExitCodes
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  /** Invalid options or configuration. */
  public static final int BAD_INPUT = 2;
  /** Any other expected failure. */
  public static final int FAILED = 1;

  private ExitCodes() {}

  /**
   * Installs the handlers on a command line (they apply to its subcommands too).
   *
   * @param line the command line
   * @return {@code line}
   */
  public static CommandLine install(CommandLine line) {
    ExitCodes handler = new ExitCodes();
    line.setExecutionExceptionHandler(handler);
    line.setParameterExceptionHandler(handler);
    line.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
    return line;
  }

  /**
   * The exit code of an exception thrown by a command.
   *
   * @param ex the exception
   * @return {@value #BAD_INPUT}, {@value #FAILED}, or -1 when it is not an expected failure
   */
  public static int exitCode(Exception ex) {
    if (ex instanceof ConfigException || ex instanceof InvalidConfigException
        || ex instanceof CommandLine.ParameterException) {
      return BAD_INPUT;
    }
    if (ex instanceof StartupException || ex instanceof ModelLoadException
        || ex instanceof EmbeddedKafkaException
        || ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
        || ex instanceof IllegalStateException || ex instanceof KafkaException
        || ex instanceof IOException) {
      return FAILED;
    }
    return -1;
  }

  /** A bad option: the message and where to find the usage, not the whole usage text. */
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine line = ex.getCommandLine();
    PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return BAD_INPUT;
  }

  /** Expected failures as one line on stderr; anything else is rethrown with its stack trace. */
  @Override
  public int handleExecutionException(Exception ex, CommandLine line,
      CommandLine.ParseResult parsed) throws Exception {
    int code = exitCode(ex);
    if (code < 0) {
      throw ex;
    }
    line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    line.getErr().flush();
    return code;
  }
}
