package io.tickcast.bench.e2e;

import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, every {@link StreamBench#SAMPLE_INTERVAL}, the ticks the app has accepted and the
 * forecasts the consumer has received, for steady-state rates; snapshots the app's
 * tick-to-forecast timer once the warm-up's forecasts have been emitted; prints a progress line
 * every few seconds. Rates come from the samples bracketing the steady state, so they do not
 * depend on when sending started or how long the shutdown takes.
 */
final class Sampler implements AutoCloseable {
  private static final long PROGRESS_NANOS = 5_000_000_000L;

  private final StreamBench.AppMeters meters;
  private final TickLedger ledger;
  private final long forecastsBeforeWarmup;
  private final PrintWriter out;
  private final ScheduledExecutorService executor;
  private long[] time = new long[1024];
  private long[] accepted = new long[1024];
  private long[] forecasts = new long[1024];
  private int n;
  private volatile HistogramSnapshot appLatencyAtWarmup;
  private volatile boolean baselineTaken;
  private long lastProgress;
  private int lastProgressIndex;
  private boolean closed;

  /**
   * @param meters the app's meters
   * @param ledger the ticks sent and forecasts received
   * @param forecastsBeforeWarmup forecasts owed for the warm-up ticks; the app's timer is
   *     snapshot once it has emitted that many
   * @param out progress lines
   */
  Sampler(StreamBench.AppMeters meters, TickLedger ledger, long forecastsBeforeWarmup,
      PrintWriter out) {
    this.meters = meters;
    this.ledger = ledger;
    this.forecastsBeforeWarmup = forecastsBeforeWarmup;
    this.out = out;
    this.baselineTaken = forecastsBeforeWarmup == 0; // null baseline: every recorded value
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tickcast-bench-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  /** Takes the first sample and starts sampling. */
  void start() {
    sample();
    lastProgress = System.nanoTime();
    long period = StreamBench.SAMPLE_INTERVAL.toNanos();
    executor.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    sample();
    long now = System.nanoTime();
    if (now - lastProgress >= PROGRESS_NANOS) {
      int i = n - 1;
      int j = lastProgressIndex;
      double seconds = (time[i] - time[j]) / 1e9;
      out.printf(Locale.ROOT, "      sent %d, accepted %d (%.0f ticks/s), forecasts %d"
              + " (%.0f/s)%n", ledger.sent(), accepted[i], (accepted[i] - accepted[j]) / seconds,
          forecasts[i], (forecasts[i] - forecasts[j]) / seconds);
      out.flush();
      lastProgress = now;
      lastProgressIndex = i;
    }
  }

  private synchronized void sample() {
    if (n == time.length) {
      time = Arrays.copyOf(time, n * 2);
      accepted = Arrays.copyOf(accepted, n * 2);
      forecasts = Arrays.copyOf(forecasts, n * 2);
    }
    time[n] = System.nanoTime();
    accepted[n] = meters.accepted();
    forecasts[n] = ledger.distinctForecasts();
    n++;
    if (!baselineTaken && meters.emitted() >= forecastsBeforeWarmup) {
      appLatencyAtWarmup = meters.tickToForecast().takeSnapshot();
      baselineTaken = true;
    }
  }

  /**
   * The app's tick-to-forecast timer when the warm-up's forecasts had been emitted; null when
   * the warm-up owes none (or was never reached), meaning from the start.
   */
  HistogramSnapshot appLatencyAtWarmup() {
    return appLatencyAtWarmup;
  }

  /**
   * Ticks accepted per second from the last sample at or below the warm-up to the first sample
   * that reached the final count.
   *
   * @return ticks/s, NaN if the samples do not bracket that interval
   */
  synchronized double ticksPerSecond(long warmupTicks, long finalAccepted) {
    return rate(accepted, warmupTicks, finalAccepted);
  }

  /** Like {@link #ticksPerSecond} for the forecasts received by the consumer. */
  synchronized double forecastsPerSecond(long warmupForecasts, long finalForecasts) {
    return rate(forecasts, warmupForecasts, finalForecasts);
  }

  private double rate(long[] count, long from, long to) {
    int start = -1;
    for (int i = 0; i < n && count[i] <= from; i++) {
      start = i;
    }
    int end = -1;
    for (int i = Math.max(start, 0); i < n; i++) {
      if (count[i] >= to) {
        end = i;
        break;
      }
    }
    if (start < 0 || end <= start || time[end] <= time[start]) {
      return Double.NaN;
    }
    return (count[end] - count[start]) / ((time[end] - time[start]) / 1e9);
  }

  /** Stops sampling and takes a last sample. Idempotent. */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
    sample();
  }
}
