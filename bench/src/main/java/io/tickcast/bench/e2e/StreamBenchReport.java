package io.tickcast.bench.e2e;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a {@code tickcast-bench stream} run: every repeat, the spread of the main
 * figures over them, and the engine's batched next-step rate measured in the same process beside
 * the end-to-end forecast rate. Written as JSON by {@code --json}.
 *
 * @param runs one per repeat, in order
 * @param forecastsPerSecond steady-state forecasts/s over the repeats
 * @param ticksPerSecond steady-state ticks/s over the repeats
 * @param endToEndP50Millis end-to-end median latency over the repeats, ms
 * @param endToEndP99Millis end-to-end 99th-percentile latency over the repeats, ms
 * @param engine the engine's batched next-step rate in this process; null when not measured
 * @param endToEndOverEngine median end-to-end forecasts/s divided by the engine's windows/s
 *     (NaN when not measured): the share of the engine's rate the whole system delivers
 * @param elapsedSeconds wall time of everything, s
 */
public record StreamBenchReport(
    List<StreamBenchResult> runs,
    Spread forecastsPerSecond,
    Spread ticksPerSecond,
    Spread endToEndP50Millis,
    Spread endToEndP99Millis,
    EngineRate engine,
    double endToEndOverEngine,
    double elapsedSeconds) {

  /**
   * The report of some repeats.
   *
   * @param runs the repeats, at least one
   * @param engine the engine's rate, or null
   * @param elapsedSeconds wall time, s
   * @return the report
   */
  public static StreamBenchReport of(List<StreamBenchResult> runs, EngineRate engine,
      double elapsedSeconds) {
    Spread forecasts = spread(runs, r -> r.throughput().forecastsPerSecond());
    return new StreamBenchReport(List.copyOf(runs), forecasts,
        spread(runs, r -> r.throughput().ticksPerSecond()),
        spread(runs, r -> r.endToEnd().p50Millis()), spread(runs, r -> r.endToEnd().p99Millis()),
        engine, engine == null ? Double.NaN : forecasts.median() / engine.windowsPerSecond(),
        elapsedSeconds);
  }

  private static Spread spread(List<StreamBenchResult> runs,
      ToDoubleFunction<StreamBenchResult> f) {
    return Spread.of(runs.stream().mapToDouble(f).toArray());
  }

  /** Whether every repeat got exactly one forecast for every tick that completed a window. */
  @JsonProperty("complete")
  public boolean complete() {
    return !runs.isEmpty() && runs.stream().allMatch(StreamBenchResult::complete);
  }

  /** The last repeat's tables, then one line per repeat and the spread, then the engine. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(runs.get(runs.size() - 1).render());
    sb.append(String.format(Locale.ROOT, "%n  %-26s %14s %12s %10s %10s %9s%n",
        "repeats (" + runs.size() + ")", "forecasts/s", "ticks/s", "e2e p50", "e2e p99",
        "complete"));
    for (int k = 0; k < runs.size(); k++) {
      StreamBenchResult r = runs.get(k);
      sb.append(String.format(Locale.ROOT, "    %-24s %14s %12s %10s %10s %9s%n",
          "repeat " + (k + 1), fmt(r.throughput().forecastsPerSecond()),
          fmt(r.throughput().ticksPerSecond()), fmt(r.endToEnd().p50Millis()),
          fmt(r.endToEnd().p99Millis()), r.complete() ? "yes" : "NO"));
    }
    sb.append(String.format(Locale.ROOT, "    %-24s %14s %12s %10s %10s%n", "median",
        fmt(forecastsPerSecond.median()), fmt(ticksPerSecond.median()),
        fmt(endToEndP50Millis.median()), fmt(endToEndP99Millis.median())));
    sb.append(String.format(Locale.ROOT, "    %-24s %14s %12s %10s %10s%n", "min - max",
        range(forecastsPerSecond), range(ticksPerSecond), range(endToEndP50Millis),
        range(endToEndP99Millis)));
    sb.append("    (latencies in ms)").append(System.lineSeparator());
    if (engine != null) {
      sb.append(String.format(Locale.ROOT, "%n  engine, batched next step in this process: %s"
              + " windows/s (%s engine, batch %d, %.1f s measured)%n", fmt(engine.windowsPerSecond()),
          engine.engine(), engine.batch(), engine.seconds()));
      sb.append(String.format(Locale.ROOT, "  end to end / engine: %s forecasts/s / %s windows/s"
              + " = %.2f%n", fmt(forecastsPerSecond.median()), fmt(engine.windowsPerSecond()),
          endToEndOverEngine));
    }
    sb.append(String.format(Locale.ROOT, "%nall repeats: %.1f s%n", elapsedSeconds));
    return sb.toString();
  }

  private static String range(Spread s) {
    return fmt(s.min()) + "-" + fmt(s.max());
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.1f", v) : "n/a";
  }
}
