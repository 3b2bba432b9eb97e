package io.tickcast.cli.replay;

import io.tickcast.cli.Durations;
import io.tickcast.cli.ShutdownSignal;
import io.tickcast.cli.Topics;
import io.tickcast.core.series.BadRow;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.ticks.TickValidator;
import io.tickcast.trainer.options.KafkaOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tickcast replay FILE}: publishes one price column of a CSV file to the ticks topic, one
 * tick per row, keyed by symbol, at a given rate. A bad row (empty, non-numeric or non-finite
 * price, unparsable or non-increasing time) is reported on stderr with file, line, value and
 * reason, counted in the summary and skipped; with {@code --strict} the first one stops the
 * replay before anything is sent (exit 1).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Publishes a CSV price column as ticks (one per row) to the ticks topic.",
    footer = {"", "Examples:",
        "  tickcast replay data/sp500.csv --column Close --symbol SPX \\",
        "      --time-column Date --time-format dd-MM-yy --rate 200/s",
        "  tickcast replay data/sinewave.csv --symbol SINE --start 2024-01-01T00:00:00Z"
            + " --step 1s --format json"})
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Parameters(index = "0", paramLabel = "FILE", description = "CSV file with a price column")
  Path file;

  @Option(names = "--column", paramLabel = "NAME",
      description = "price column header, e.g. Close (default: the file's only column)")
  String column;

  @Option(names = {"-s", "--symbol"}, required = true, paramLabel = "SYMBOL",
      description = "symbol of the ticks (the record key), e.g. SPX")
  String symbol;

  @Option(names = "--rate", paramLabel = "RATE", defaultValue = "100/s",
      converter = Rate.Converter.class,
      description = "ticks per second: " + Rate.FORMS + " (default: ${DEFAULT-VALUE})")
  Rate rate;

  @Option(names = "--time-column", paramLabel = "NAME",
      description = "take event times from this column (e.g. Date) instead of --start/--step")
  String timeColumn;

  @Option(names = "--time-format", paramLabel = "PATTERN",
      description = "java.time pattern of --time-column, e.g. dd-MM-yy (default: ISO-8601)")
  String timeFormat;

  @Option(names = "--start", paramLabel = "INSTANT",
      description = "event time of the first row, ISO-8601 (default: now)")
  Instant start;

  @Option(names = "--step", paramLabel = "DURATION", defaultValue = "1s",
      converter = Durations.class,
      description = "event time between rows: 1s, 1m, 1d, ... (default: ${DEFAULT-VALUE})")
  Duration step;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "avro",
      description = "wire format of the tick values: avro (single-object encoding) or json "
          + "(default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", defaultValue = Topics.TICKS,
      description = "topic to publish to (default: ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--limit", paramLabel = "N", description = "publish only the first N rows")
  Integer limit;

  @Option(names = "--strict",
      description = "stop at the first bad row (exit 1, nothing sent) instead of reporting and"
          + " skipping it")
  boolean strict;

  /** Publishes the file; returns 0 when every tick was sent. */
  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!TickValidator.validSymbol(symbol)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--symbol: '" + symbol
          + "' is not a valid symbol (" + TickValidator.SYMBOL_PATTERN.pattern() + ")");
    }
    Rate pace = rate;
    WireFormat wire = parse(() -> WireFormat.fromConfig(format), "--format");
    CsvTicks.Timing timing = timeColumn != null
        ? CsvTicks.Timing.fromColumn(timeColumn, timeFormat)
        : CsvTicks.Timing.fixedStep(start != null ? start : Instant.now(), step);
    PrintWriter err = spec.commandLine().getErr();
    Map<BadRow.Reason, Integer> skipped = new EnumMap<>(BadRow.Reason.class);
    CsvTicks.Series series = CsvTicks.read(file, column, timing, strict ? null : bad -> {
      err.println("skipped " + bad.message() + " (" + bad.reason().label() + ")");
      skipped.merge(bad.reason(), 1, Integer::sum);
    });
    err.flush();
    if (limit != null) {
      series = series.head(limit);
    }
    List<Tick> ticks = toTicks(symbol, series);
    out.printf(Locale.ROOT, "publishing %d ticks of %s from %s to %s at %s (%s)%n", ticks.size(),
        symbol, file.getFileName(), topic, pace, wire.configName());
    out.flush();
    long t0 = System.nanoTime();
    int sent;
    try (ShutdownSignal stop = ShutdownSignal.install("tickcast-replay-stop", Duration.ZERO);
        TickPublisher publisher = TickPublisher.create(kafka.bootstrapServers(), topic, wire,
            kafka.properties())) {
      sent = publisher.publish(ticks, pace, stop, (i, tick, at) -> { });
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "sent %d ticks in %.1f s; %s%n", sent, seconds, summary(skipped));
    out.flush();
    return sent == ticks.size() ? 0 : 1;
  }

  /**
   * Ticks of one symbol from a series.
   *
   * @param symbol the symbol
   * @param series times (epoch ms) and prices
   * @return one tick per row, in order
   */
  public static List<Tick> toTicks(String symbol, CsvTicks.Series series) {
    List<Tick> ticks = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      ticks.add(Tick.newBuilder()
          .setSymbol(symbol)
          .setTimestamp(Instant.ofEpochMilli(series.timestamps()[i]))
          .setPrice(series.prices()[i])
          .setVolume(null)
          .build());
    }
    return ticks;
  }

  /** {@code skipped 3 bad rows (2 not a number, 1 empty)}, or {@code no bad rows}. */
  static String summary(Map<BadRow.Reason, Integer> skipped) {
    int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return "no bad rows";
    }
    StringBuilder sb = new StringBuilder("skipped " + total + " bad row" + (total == 1 ? "" : "s")
        + " (");
    skipped.forEach((reason, n) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ")
        .append(n).append(' ').append(reason.label()));
    return sb.append(')').toString();
  }

  private <T> T parse(java.util.function.Supplier<T> parser, String option) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
