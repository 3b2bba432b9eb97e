package io.tickcast.cli.demo;

import io.tickcast.core.eval.ForecastEvaluation;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.eval.IntervalMetrics;
import io.tickcast.core.eval.IntervalScores;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.testkit.LatencyStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the demo measured, computed only from the ticks it sent and the forecasts it consumed.
 *
 * <p>A forecast is matched to its tick by symbol and {@code lastTickTime}. Its path step {@code
 * h} (1-based) is scored against the price of the tick {@code h} positions later in the same
 * symbol's sent series (a next-step-only forecast, whose path the server skipped, is scored at
 * step 1 with its {@code nextStep}), and the persistence baseline is the forecast's {@code
 * lastTickPrice};
 * accuracy per horizon comes from core's {@link ForecastEvaluation#perHorizon}. Latency is the
 * wall-clock time from handing a tick to the producer to the consumer returning its forecast.
 * Percentiles use the nearest-rank method.
 *
 * @param symbols symbols sent
 * @param ticksSent ticks published
 * @param forecastsReceived forecast records consumed (duplicates included)
 * @param distinctForecasts distinct (symbol, lastTickTime) among them
 * @param unmatched forecasts whose tick the demo did not send
 * @param horizons accuracy per horizon 1..H (price units), forecasts with a known outcome only
 * @param latencyP50Millis median tick-to-forecast latency, ms (NaN without matched forecasts;
 *     nearest rank within 0.1 %, {@link LatencyStats})
 * @param latencyP99Millis 99th-percentile tick-to-forecast latency, ms (NaN without any)
 * @param elapsedSeconds first tick sent to last forecast received, seconds
 * @param forecastsPerSecond forecasts received per elapsed second
 * @param nextStepIntervals online next-step coverage per prediction-interval level (ascending),
 *     from each forecast's {@code nextLower}/{@code nextUpper} against the next sent tick, scored
 *     by core's {@link IntervalScores}; empty when no forecast carried intervals
 */
public record DemoSummary(
    int symbols,
    int ticksSent,
    int forecastsReceived,
    int distinctForecasts,
    int unmatched,
    List<HorizonMetrics> horizons,
    double latencyP50Millis,
    double latencyP99Millis,
    double elapsedSeconds,
    double forecastsPerSecond,
    List<IntervalMetrics> nextStepIntervals) {

  /**
   * Computes the summary.
   *
   * @param sent ticks in publishing order
   * @param received forecasts in consumption order
   * @return the summary
   */
  public static DemoSummary of(List<SentTick> sent, List<ReceivedForecast> received) {
    Map<String, List<SentTick>> bySymbol = new LinkedHashMap<>();
    for (SentTick t : sent) {
      bySymbol.computeIfAbsent(t.symbol(), s -> new ArrayList<>()).add(t);
    }
    Map<String, Map<Long, Integer>> position = new HashMap<>();
    bySymbol.forEach((symbol, ticks) -> {
      Map<Long, Integer> pos = new HashMap<>();
      for (int i = 0; i < ticks.size(); i++) {
        pos.put(ticks.get(i).eventTimeMillis(), i);
      }
      position.put(symbol, pos);
    });

    // The shortest path among forecasts that have one; 1 (next step) when none has.
    int horizon = Integer.MAX_VALUE;
    for (ReceivedForecast r : received) {
      if (!r.forecast().getPath().isEmpty()) {
        horizon = Math.min(horizon, r.forecast().getPath().size());
      }
    }
    if (horizon == Integer.MAX_VALUE) {
      horizon = received.isEmpty() ? 0 : 1;
    }
    List<double[]> predicted = new ArrayList<>();
    List<double[]> actual = new ArrayList<>();
    List<Double> lastObserved = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    // Per level: lower, upper, actual of each next-step interval with a known next tick.
    Map<Double, List<double[]>> cells = new TreeMap<>();
    Set<String> distinct = new HashSet<>();
    int unmatched = 0;
    long firstSent = sent.isEmpty() ? 0 : sent.get(0).sentAtNanos();
    long lastReceived = firstSent;
    for (ReceivedForecast r : received) {
      Forecast f = r.forecast();
      lastReceived = Math.max(lastReceived, r.receivedAtNanos());
      long time = f.getLastTickTime().toEpochMilli();
      distinct.add(f.getSymbol() + "@" + time);
      Integer k = position.getOrDefault(f.getSymbol(), Map.of()).get(time);
      if (k == null) {
        unmatched++;
        continue;
      }
      List<SentTick> ticks = bySymbol.get(f.getSymbol());
      latencies.add(r.receivedAtNanos() - ticks.get(k).sentAtNanos());
      double[] p = new double[horizon];
      double[] a = new double[horizon];
      boolean hasPath = !f.getPath().isEmpty();
      for (int h = 0; h < horizon; h++) {
        int j = k + 1 + h;
        if (h == 0 || hasPath) {
          p[h] = h == 0 ? f.getNextStep() : f.getPath().get(h);
          a[h] = j < ticks.size() ? ticks.get(j).price() : Double.NaN;
        } else { // no path: not scored beyond the next step
          p[h] = Double.NaN;
          a[h] = Double.NaN;
        }
      }
      for (PredictionInterval iv : ForecastCodec.intervals(f)) {
        cells.computeIfAbsent(iv.getLevel(), l -> new ArrayList<>())
            .add(new double[] {iv.getNextLower(), iv.getNextUpper(), a.length > 0 ? a[0]
                : Double.NaN});
      }
      predicted.add(p);
      actual.add(a);
      lastObserved.add(f.getLastTickPrice());
    }
    List<HorizonMetrics> metrics = ForecastEvaluation.perHorizon(
        predicted.toArray(double[][]::new), actual.toArray(double[][]::new),
        lastObserved.stream().mapToDouble(Double::doubleValue).toArray());
    LatencyStats lat = LatencyStats.ofNanos(latencies.stream().mapToLong(Long::longValue)
        .toArray());
    double elapsed = (lastReceived - firstSent) / 1e9;
    List<IntervalMetrics> coverage = new ArrayList<>();
    cells.forEach((level, c) -> coverage.add(IntervalScores.score(1, level,
        c.stream().mapToDouble(x -> x[0]).toArray(), c.stream().mapToDouble(x -> x[1]).toArray(),
        c.stream().mapToDouble(x -> x[2]).toArray())));
    return new DemoSummary(bySymbol.size(), sent.size(), received.size(), distinct.size(),
        unmatched, List.copyOf(metrics), lat.p50Millis(), lat.p99Millis(), elapsed,
        elapsed > 0 ? received.size() / elapsed : Double.NaN, List.copyOf(coverage));
  }

  /**
   * The summary of each symbol the demo sent, from that symbol's ticks and forecasts only
   * (forecasts for symbols it did not send are left out), in the order the symbols were first
   * sent.
   *
   * @param sent ticks in publishing order
   * @param received forecasts in consumption order
   * @return symbol to its summary ({@link #symbols} 1 each)
   */
  public static Map<String, DemoSummary> bySymbol(List<SentTick> sent,
      List<ReceivedForecast> received) {
    Map<String, List<SentTick>> ticks = new LinkedHashMap<>();
    for (SentTick t : sent) {
      ticks.computeIfAbsent(t.symbol(), s -> new ArrayList<>()).add(t);
    }
    Map<String, List<ReceivedForecast>> forecasts = new HashMap<>();
    for (ReceivedForecast r : received) {
      forecasts.computeIfAbsent(r.forecast().getSymbol(), s -> new ArrayList<>()).add(r);
    }
    Map<String, DemoSummary> out = new LinkedHashMap<>();
    ticks.forEach((symbol, t) -> out.put(symbol, of(t, forecasts.getOrDefault(symbol,
        List.of()))));
    return out;
  }

  /**
   * The per-symbol table printed after the summary: per symbol its ticks, its distinct forecasts
   * against the {@code ticks - W + 1} expected (one per full window), next-step RMSE against
   * persistence and their ratio, the ratio at the last horizon, and the online next-step
   * coverage per interval level (n/a without intervals).
   *
   * @param bySymbol from {@link #bySymbol}
   * @param windowLength W of the served model
   * @return several lines, no trailing newline
   */
  public static String renderBySymbol(Map<String, DemoSummary> bySymbol, int windowLength) {
    int horizon = bySymbol.values().stream().mapToInt(d -> d.horizons().size()).max().orElse(0);
    List<Double> levels = bySymbol.values().stream()
        .flatMap(d -> d.nextStepIntervals().stream().map(IntervalMetrics::level)).distinct()
        .sorted().toList();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  %-10s %7s %13s %12s %12s %7s %9s", "symbol",
        "ticks", "forecasts", "next RMSE", "persistence", "ratio",
        horizon > 1 ? horizon + "-step" : ""));
    for (double l : levels) {
      sb.append(String.format(Locale.ROOT, " %8s", String.format(Locale.ROOT, "cov %.0f%%",
          100 * l)));
    }
    for (Map.Entry<String, DemoSummary> e : bySymbol.entrySet()) {
      DemoSummary d = e.getValue();
      int expected = Math.max(0, d.ticksSent() - windowLength + 1);
      sb.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %-10s %7d %13s",
          e.getKey(), d.ticksSent(), d.distinctForecasts() + "/" + expected));
      Optional<HorizonMetrics> next = d.nextStep();
      sb.append(next.map(m -> String.format(Locale.ROOT, " %12.3f %12.3f %7.3f", m.rmse(),
          m.persistenceRmse(), m.theilU())).orElse(String.format(Locale.ROOT, " %12s %12s %7s",
          "n/a", "n/a", "n/a")));
      sb.append(String.format(Locale.ROOT, " %9s", horizon > 1 ? d.horizon(horizon)
          .filter(m -> m.count() > 0)
          .map(m -> String.format(Locale.ROOT, "%.3f", m.theilU())).orElse("n/a") : ""));
      for (double l : levels) {
        sb.append(String.format(Locale.ROOT, " %8s", d.nextStepIntervals().stream()
            .filter(m -> m.level() == l).findFirst()
            .map(m -> String.format(Locale.ROOT, "%.1f%%", 100 * m.coverage())).orElse("n/a")));
      }
    }
    return sb.toString();
  }

  /** Accuracy of the next-step forecast (horizon 1), if any forecast could be scored. */
  public Optional<HorizonMetrics> nextStep() {
    return horizon(1);
  }

  /** Accuracy at horizon {@code h}, if any forecast could be scored there. */
  public Optional<HorizonMetrics> horizon(int h) {
    return horizons.stream().filter(m -> m.horizon() == h).findFirst();
  }

  /**
   * A one-line progress report.
   *
   * @param expectedForecasts how many forecasts the run expects in total
   * @return e.g. {@code ticks sent 4697 | forecasts 1200/4648 (25.0/s, ~138 s left) |
   *     next-step RMSE 21.3 vs persistence 19.1 (ratio 1.115)}
   */
  public String progressLine(int expectedForecasts) {
    String score = nextStep().map(m -> String.format(Locale.ROOT,
        "next-step RMSE %.2f vs persistence %.2f (ratio %.3f)", m.rmse(), m.persistenceRmse(),
        m.theilU())).orElse("next-step RMSE n/a");
    String pace = "";
    if (forecastsPerSecond > 0 && distinctForecasts < expectedForecasts) {
      pace = String.format(Locale.ROOT, " (%.1f/s, ~%.0f s left)", forecastsPerSecond,
          (expectedForecasts - distinctForecasts) / forecastsPerSecond);
    }
    return String.format(Locale.ROOT, "ticks sent %d | forecasts %d/%d%s | %s",
        ticksSent, distinctForecasts, expectedForecasts, pace, score);
  }

  /** The printed end-of-demo summary (several lines, no trailing newline). */
  public String render() {
    StringBuilder sb = new StringBuilder();
    line(sb, "ticks sent", String.format(Locale.ROOT, "%d (%d symbol%s)", ticksSent, symbols,
        symbols == 1 ? "" : "s"));
    line(sb, "forecasts received", String.format(Locale.ROOT, "%d (%d distinct%s)",
        forecastsReceived, distinctForecasts,
        unmatched == 0 ? "" : ", " + unmatched + " for ticks not sent by the demo"));
    line(sb, "next-step RMSE", nextStep().map(DemoSummary::accuracy)
        .orElse("n/a (no forecast with a known next tick)"));
    if (!horizons.isEmpty()) {
      HorizonMetrics last = horizons.get(horizons.size() - 1);
      if (last.horizon() > 1) {
        line(sb, last.horizon() + "-step RMSE", accuracy(last));
      }
    }
    line(sb, "next-step coverage", nextStepIntervals.isEmpty()
        ? "n/a (the forecasts carry no prediction intervals)" : coverage());
    line(sb, "tick-to-forecast latency", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms",
        latencyP50Millis, latencyP99Millis));
    sb.append(String.format(Locale.ROOT, "  %-26s%.1f forecasts/s over %.1f s", "throughput",
        forecastsPerSecond, elapsedSeconds));
    return sb.toString();
  }

  /** E.g. {@code 80%: 81.3% (mean width 30.2); 95%: 94.9% (mean width 52.0) over 4677}. */
  private String coverage() {
    StringBuilder sb = new StringBuilder();
    for (IntervalMetrics m : nextStepIntervals) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(String.format(Locale.ROOT, "%.0f%%: %.1f%% (mean width %.3f)", 100 * m.level(),
          100 * m.coverage(), m.meanWidth()));
    }
    return sb.append(" over ").append(nextStepIntervals.get(0).count()).append(" forecasts")
        .toString();
  }

  /** {@code RMSE price units over n forecasts; persistence RMSE; ratio RMSE/persistence}. */
  static String accuracy(HorizonMetrics m) {
    return String.format(Locale.ROOT, "%.3f price units over %d forecasts; persistence %.3f;"
        + " ratio %.3f", m.rmse(), m.count(), m.persistenceRmse(), m.theilU());
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "  %-26s%s%n", label, value));
  }

  @Override
  public String toString() {
    return render();
  }

}
