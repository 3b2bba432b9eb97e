package io.tickcast.bench.e2e;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tickcast.testkit.LatencyStats;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code tickcast-bench stream} run; written as JSON by {@code --json} and
 * rendered as tables by {@link #render()}.
 *
 * @param setup what ran
 * @param machine where and under what load
 * @param throughput steady-state rates
 * @param endToEnd tick-to-forecast latency from the tick's send to the forecast's receipt by
 *     the consumer, ticks after the warm-up only
 * @param inApp the app's own timer {@code tickcast.tick.to.forecast.latency} over the same
 *     interval (from histogram buckets)
 * @param memory heap and resident set of the whole JVM (broker, app and bench together)
 * @param state state-store sizes
 * @param completeness ticks and forecasts counted
 * @param elapsedSeconds wall time of the whole run, s
 */
public record StreamBenchResult(
    Setup setup,
    Machine machine,
    Throughput throughput,
    LatencyStats endToEnd,
    LatencyStats inApp,
    Memory memory,
    State state,
    Completeness completeness,
    double elapsedSeconds) {

  /**
   * What ran.
   *
   * @param symbols symbols, round-robin
   * @param ticks ticks sent
   * @param rate the producer's pace ({@code max} or ticks/s)
   * @param warmupTicks first ticks left out of the steady-state figures
   * @param partitions partitions of each topic
   * @param streamThreads stream threads of the app
   * @param engine inference engine the app ran: {@code java} or {@code dl4j}, or {@code auto
   *     (java)} / {@code auto (dl4j)} when set to {@code auto}
   * @param batchMaxSize most windows per inference call
   * @param batchMaxDelayMs longest a window waits for its batch, ms
   * @param processingGuarantee Kafka Streams processing guarantee
   * @param pathEveryTicks the H-step path every k-th full window per symbol, as the app ran
   *     ({@code tickcast.forecast.path.every.ticks}, however it was set)
   * @param modelDir the model artifact
   * @param modelVersion its version
   * @param untrained whether its weights are untrained (the default benchmark model)
   * @param windowLength W
   * @param horizon H
   * @param normalisation normalisation mode
   * @param rollForward roll-forward variant of the paths, as the app ran: the {@code
   *     tickcast.forecast.roll.forward} override if set, else the artifact's
   * @param appSettings further stream-app settings given with {@code -S}
   */
  public record Setup(int symbols, int ticks, String rate, int warmupTicks, int partitions,
      int streamThreads, String engine, int batchMaxSize, long batchMaxDelayMs,
      String processingGuarantee, int pathEveryTicks, String modelDir, String modelVersion,
      boolean untrained, int windowLength, int horizon, String normalisation,
      String rollForward, Map<String, String> appSettings) {}

  /**
   * Where it ran.
   *
   * @param cores available processors
   * @param loadAverageStart one-minute load average at the start (NaN if unknown)
   * @param loadAverageEnd one-minute load average at the end (NaN if unknown)
   * @param java Java runtime version
   * @param maxHeapBytes the JVM's maximum heap, bytes
   * @param startedAt start time, ISO-8601 UTC
   */
  public record Machine(int cores, double loadAverageStart, double loadAverageEnd, String java,
      long maxHeapBytes, String startedAt) {}

  /**
   * Steady-state rates, after the warm-up.
   *
   * @param ticksPerSecond ticks the app accepted per second of wall time
   * @param forecastsPerSecond forecasts the consumer received per second of wall time
   * @param sendSeconds how long the producer took to send every tick, s
   */
  public record Throughput(double ticksPerSecond, double forecastsPerSecond, double sendSeconds) {}

  /**
   * Memory of the JVM at the end of the run, before shutdown.
   *
   * @param heapUsedAfterGcBytes heap in use right after a full GC, bytes
   * @param rssBytes resident set size ({@code VmRSS}), bytes; -1 if unknown
   * @param peakRssBytes peak resident set size ({@code VmHWM}), bytes; -1 if unknown
   */
  public record Memory(long heapUsedAfterGcBytes, long rssBytes, long peakRssBytes) {}

  /**
   * State sizes.
   *
   * @param stateDirBytes the app's state directory on disk after a clean close (stores flushed),
   *     bytes
   * @param sstBytes bytes of the RocksDB table files ({@code *.sst}, the data) by store name
   * @param overheadBytes every other file: RocksDB logs, manifests and options, checkpoints; a
   *     fixed cost per store and task, not per symbol
   * @param windowSerializedBytes one full window of W ticks as the app stores it ({@code
   *     TickWindowSerde}), bytes
   */
  public record State(long stateDirBytes, Map<String, Long> sstBytes, long overheadBytes,
      int windowSerializedBytes) {}

  /**
   * What was counted.
   *
   * @param ticksSent ticks the producer sent
   * @param ticksReceived ticks the app read ({@code tickcast.ticks.received})
   * @param ticksAccepted ticks the app accepted ({@code tickcast.ticks.accepted})
   * @param ticksRejected ticks sent to the dead-letter topic
   * @param ticksDuplicate ticks dropped as duplicates
   * @param forecastsExpected forecasts owed: every accepted tick that completes a window
   * @param forecastsReceived ticks with a forecast received by the consumer
   * @param forecastsWithPath of those, ticks whose (first) forecast carried the H-step path
   * @param forecastsMissing ticks that completed a window and got none
   * @param forecastsDuplicate forecasts received again for the same tick
   * @param forecastsUnmatched forecasts that match no tick sent
   * @param forecastsFailed forecasts the app failed to compute ({@code tickcast.forecasts.failed})
   */
  public record Completeness(long ticksSent, long ticksReceived, long ticksAccepted,
      long ticksRejected, long ticksDuplicate, long forecastsExpected, long forecastsReceived,
      long forecastsWithPath, long forecastsMissing, long forecastsDuplicate,
      long forecastsUnmatched, long forecastsFailed) {}

  /** State directory bytes per symbol. */
  @JsonProperty("stateBytesPerSymbol")
  public double stateBytesPerSymbol() {
    return (double) state.stateDirBytes() / setup.symbols();
  }

  /** Whether every tick that completed a window got exactly one forecast. */
  @JsonProperty("complete")
  public boolean complete() {
    return completeness.forecastsMissing() == 0 && completeness.forecastsUnmatched() == 0
        && completeness.forecastsReceived() == completeness.forecastsExpected();
  }

  /** The figures as text tables (units in the headers). */
  public String render() {
    StringBuilder sb = new StringBuilder();
    Setup s = setup;
    sb.append(String.format(Locale.ROOT, "setup: %d symbols, %d ticks at %s, warm-up %d ticks;"
            + " %d partitions, %d stream thread%s, engine %s, batch <= %d windows / %d ms, %s%s%n",
        s.symbols(), s.ticks(), s.rate(), s.warmupTicks(), s.partitions(), s.streamThreads(),
        s.streamThreads() == 1 ? "" : "s", s.engine(), s.batchMaxSize(), s.batchMaxDelayMs(),
        s.processingGuarantee(), s.pathEveryTicks() == 1 ? ", H-step path every tick"
            : ", H-step path every " + s.pathEveryTicks() + " ticks per symbol"));
    if (!s.appSettings().isEmpty()) {
      sb.append("app settings: ").append(s.appSettings()).append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT, "model: %s%s (W %d, H %d, %s, roll-forward %s)%n",
        s.modelVersion().substring(0, Math.min(12, s.modelVersion().length())),
        s.untrained() ? ", untrained weights of the tutorial's default shape (LSTM 50 -> LSTM 100"
            + " -> dense 1; inference cost does not depend on the weights)" : " from " + s.modelDir(),
        s.windowLength(), s.horizon(), s.normalisation(), s.rollForward()));
    sb.append(String.format(Locale.ROOT, "machine: %d cores, load average %.2f at start, %.2f at"
            + " end, Java %s, max heap %.0f MiB; broker, stream app and bench share this JVM%n%n",
        machine.cores(), machine.loadAverageStart(), machine.loadAverageEnd(), machine.java(),
        machine.maxHeapBytes() / MIB));

    sb.append(String.format(Locale.ROOT, "  %-56s %12s%n", "throughput (steady state, after the"
        + " warm-up)", ""));
    row(sb, "ticks accepted by the app (ticks/s)", fmt(throughput.ticksPerSecond(), 1));
    row(sb, "forecasts received by the consumer (forecasts/s)",
        fmt(throughput.forecastsPerSecond(), 1));
    row(sb, "producer send time, all ticks (s)", fmt(throughput.sendSeconds(), 1));
    if (throughput.ticksPerSecond() > 1.1 * throughput.forecastsPerSecond()) {
      sb.append("    (ticks/s above forecasts/s: Kafka Streams works through the partitions'"
          + " tasks unevenly, so ticks of a lagging\n     partition that only fill windows were"
          + " still being accepted after the warm-up; forecasts/s is the inference-bound rate)\n");
    }
    sb.append(String.format(Locale.ROOT, "%n  %-44s %9s %9s %9s %10s%n",
        "tick-to-forecast latency (after the warm-up)", "p50 (ms)", "p99 (ms)", "max (ms)",
        "forecasts"));
    latency(sb, "end to end: tick sent -> forecast consumed", endToEnd);
    latency(sb, "in the app: tickcast.tick.to.forecast.latency", inApp);
    sb.append(String.format(Locale.ROOT, "%n  %-56s %12s%n", "memory (whole JVM, end of run)", ""));
    row(sb, "heap used after a full GC (MiB)", fmt(memory.heapUsedAfterGcBytes() / MIB, 1));
    row(sb, "process RSS, VmRSS (MiB)", memory.rssBytes() < 0 ? "n/a"
        : fmt(memory.rssBytes() / MIB, 1));
    row(sb, "peak process RSS, VmHWM (MiB)", memory.peakRssBytes() < 0 ? "n/a"
        : fmt(memory.peakRssBytes() / MIB, 1));
    sb.append(String.format(Locale.ROOT, "%n  %-56s %12s%n", "state", ""));
    row(sb, "state dir on disk after close, all stores (bytes/symbol)",
        fmt(stateBytesPerSymbol(), 0));
    for (Map.Entry<String, Long> e : state.sstBytes().entrySet()) {
      row(sb, "  store " + e.getKey() + ", table files (bytes/symbol)",
          fmt((double) e.getValue() / setup.symbols(), 0));
    }
    row(sb, "  RocksDB logs, manifests, options, checkpoints (KiB)",
        fmt(state.overheadBytes() / 1024.0, 0));
    row(sb, "one full window serialized, TickWindowSerde (bytes)",
        Integer.toString(state.windowSerializedBytes()));
    Completeness c = completeness;
    sb.append(String.format(Locale.ROOT, "%n  %-56s %12s%n", "completeness (whole run)", ""));
    row(sb, "ticks sent / read by the app", c.ticksSent() + " / " + c.ticksReceived());
    row(sb, "ticks accepted / rejected / duplicate",
        c.ticksAccepted() + " / " + c.ticksRejected() + " / " + c.ticksDuplicate());
    row(sb, "forecasts expected (ticks completing a window)", Long.toString(c.forecastsExpected()));
    row(sb, "forecasts received (distinct ticks)", Long.toString(c.forecastsReceived()));
    row(sb, "  of them with the H-step path", Long.toString(c.forecastsWithPath()));
    row(sb, "MISSING forecasts", Long.toString(c.forecastsMissing()));
    row(sb, "duplicate / unmatched / failed forecasts",
        c.forecastsDuplicate() + " / " + c.forecastsUnmatched() + " / " + c.forecastsFailed());
    sb.append(String.format(Locale.ROOT, "%nelapsed %.1f s%n", elapsedSeconds));
    return sb.toString();
  }

  private static final double MIB = 1024.0 * 1024.0;

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "    %-54s %12s%n", label, value));
  }

  private static void latency(StringBuilder sb, String label, LatencyStats l) {
    sb.append(String.format(Locale.ROOT, "    %-42s %9s %9s %9s %10d%n", label,
        fmt(l.p50Millis(), 1), fmt(l.p99Millis(), 1), fmt(l.maxMillis(), 1), l.count()));
  }

  private static String fmt(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : "n/a";
  }
}
