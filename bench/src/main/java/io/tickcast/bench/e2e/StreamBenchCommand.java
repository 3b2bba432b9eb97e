package io.tickcast.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tickcast.cli.Durations;
import io.tickcast.cli.ShutdownSignal;
import io.tickcast.cli.replay.Rate;
import io.tickcast.streams.config.AppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tickcast-bench stream}: the end-to-end benchmark through a real broker and the real
 * stream app, repeated, beside the engine's batched rate in the same process; see {@link
 * StreamBench}. Exit code 0 when in every repeat every tick that completed a window got a
 * forecast, 1 when some are missing.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs an embedded Kafka broker, the stream app, a producer of synthetic ticks "
        + "(random walks near 100 price units, symbols round-robin, tick time = send time) and a "
        + "consumer of the forecasts, all in this JVM, and prints the steady-state ticks/s and "
        + "forecasts/s, tick-to-forecast latency (end to end, and the app's own timer), heap, "
        + "RSS, state bytes per symbol, and whether every tick got its forecast; repeated "
        + "(--repeats) with the median and min-max, then the engine's batched next-step "
        + "windows/s on the same model in this process and the ratio of the two rates.",
        "Without --model it serves an UNTRAINED network of the tutorial's default shape "
        + "(LSTM 50 -> LSTM 100 -> dense 1, W 50, H 50, first-price): inference cost does not "
        + "depend on the weights, the forecasts are meaningless."},
    footer = {"", "Examples:",
        "  tickcast-bench stream                                  (1000 symbols, 400000 ticks,"
            + " as fast as possible, 3 repeats)",
        "  tickcast-bench stream --rate 1000/s --ticks 100000 --repeats 1   (latency at 1000"
            + " ticks/s)",
        "  tickcast-bench stream --path-every 50 --json out/bench.json"})
public final class StreamBenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, paramLabel = "DIR",
      description = "serve this model artifact (or the newest under DIR) instead of the "
          + "untrained default-shaped one")
  Path model;

  @Option(names = "--symbols", paramLabel = "N", defaultValue = "1000",
      description = "symbols, ticks sent round-robin (default: ${DEFAULT-VALUE})")
  int symbols;

  @Option(names = "--ticks", paramLabel = "N", defaultValue = "400000",
      description = "ticks to send, all symbols together (default: ${DEFAULT-VALUE})")
  int ticks;

  @Option(names = "--rate", paramLabel = "RATE", defaultValue = "max",
      converter = Rate.Converter.class,
      description = "send pace, all symbols together: " + Rate.FORMS
          + " (default: ${DEFAULT-VALUE}, as fast as possible)")
  Rate rate;

  @Option(names = "--warmup-ticks", paramLabel = "N",
      description = "first ticks left out of the steady-state figures (default: symbols x W, "
          + "until every symbol has a full window and its first forecast)")
  Integer warmupTicks;

  @Option(names = "--threads", paramLabel = "N",
      description = "stream threads of the app (default: the app's, 1)")
  Integer threads;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
      description = "partitions of the ticks, forecasts and dead-letter topics "
          + "(default: ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "inference engine: auto, java, onnx or dl4j (default: the app's, auto)")
  String engine;

  @Option(names = "--batch-max-size", paramLabel = "N",
      description = "most windows per inference call (default: the app's, 64)")
  Integer batchMaxSize;

  @Option(names = "--batch-max-delay", paramLabel = "DURATION", converter = Durations.class,
      description = "longest a full window waits for its batch, e.g. 10ms (default: the app's,"
          + " 50ms)")
  Duration batchMaxDelay;

  @Option(names = "--processing-guarantee", paramLabel = "GUARANTEE",
      description = "exactly_once_v2 or at_least_once (default: the app's, exactly_once_v2)")
  String processingGuarantee;

  @Option(names = "--path-every", paramLabel = "K",
      description = "compute the H-step path every K-th tick per symbol, the next step every "
          + "tick (" + AppConfig.FORECAST_PATH_EVERY_TICKS + "; default: the app's, 1)")
  Integer pathEvery;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "seed of the random walks and the untrained weights "
          + "(default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
      converter = Durations.class,
      description = "stop waiting for forecasts after this long without progress "
          + "(default: ${DEFAULT-VALUE})")
  Duration idleTimeout;

  @Option(names = {"-S", "--app-setting"}, paramLabel = "KEY=VALUE",
      description = "another stream-app setting, e.g. -S tickcast.streams.commit.interval.ms=20"
          + " (repeatable; overrides the options above)")
  Map<String, String> appSettings = new LinkedHashMap<>();

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
      description = "runs, each on a fresh broker and app in this JVM; the median and min-max"
          + " are reported (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--engine-time", paramLabel = "DURATION", defaultValue = "10s",
      converter = Durations.class,
      description = "after the runs, measure the engine's batched next-step windows/s on the"
          + " same model in this process for this long (as long again warming up); 0s skips it"
          + " (default: ${DEFAULT-VALUE})")
  Duration engineTime;

  @Option(names = "--json", paramLabel = "FILE",
      description = "also write the figures to FILE as JSON")
  Path json;

  /** Handed the run's tick ledger once the forecasts are in (tests check forecasts with it). */
  Consumer<TickLedger> ledgerInspector = ledger -> { };

  /** The options as {@link StreamBench.Options}. */
  StreamBench.Options options() {
    try {
      return new StreamBench.Options(model, symbols, ticks, rate, warmupTicks, partitions,
          threads, engine, batchMaxSize, batchMaxDelay, processingGuarantee, pathEvery, seed,
          idleTimeout, appSettings, repeats, engineTime);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Runs the benchmark and prints the figures; Ctrl-C stops it and still shuts down. */
  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    StreamBench.Options o = options();
    // On Ctrl-C, run() sees the signal and stops the app and the broker within the grace.
    try (ShutdownSignal stop = ShutdownSignal.install("tickcast-bench-stop", Duration.ofSeconds(60))) {
      StreamBenchReport r = StreamBench.run(o, out, stop, ledgerInspector);
      out.println();
      out.print(r.render());
      if (json != null) {
        write(json, r);
        out.println("figures written to " + json.toAbsolutePath().normalize());
      }
      for (int k = 0; k < r.runs().size(); k++) {
        StreamBenchResult.Completeness c = r.runs().get(k).completeness();
        if (!r.runs().get(k).complete()) {
          out.printf("NOT COMPLETE, repeat %d: %d of %d forecasts missing%n", k + 1,
              c.forecastsMissing(), c.forecastsExpected());
        }
      }
      out.flush();
      return stop.getAsBoolean() || r.complete() ? 0 : 1;
    }
  }

  /** Writes the figures as indented JSON. */
  static void write(Path file, StreamBenchReport r) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
