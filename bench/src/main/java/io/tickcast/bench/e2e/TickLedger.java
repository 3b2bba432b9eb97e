package io.tickcast.bench.e2e;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which ticks were sent, when, and which of them got a forecast back: the benchmark's end-to-end
 * bookkeeping. Ticks are numbered in publishing order; tick {@code i} belongs to symbol {@code i %
 * symbols} (round-robin) and each symbol's event times strictly increase, so a forecast's
 * (symbol, last tick time) finds its tick by binary search.
 *
 * <p>One thread records sends ({@link #sent}), another records forecasts ({@link #forecast});
 * any thread may read the figures.
 */
public final class TickLedger {
  private final int symbols;
  private final int capacity;
  private final AtomicLongArray eventTime;
  private final AtomicLongArray sentNanos;
  private final AtomicLongArray latencyNanos;
  private final AtomicIntegerArray forecasts;
  private final AtomicIntegerArray withPath;
  private final AtomicInteger sentCount = new AtomicInteger();
  private final AtomicInteger distinct = new AtomicInteger();
  private final AtomicInteger distinctWithPath = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger unmatched = new AtomicInteger();

  /**
   * @param symbols symbols, round-robin
   * @param capacity most ticks that will be sent
   */
  public TickLedger(int symbols, int capacity) {
    this.symbols = symbols;
    this.capacity = capacity;
    this.eventTime = new AtomicLongArray(capacity);
    this.sentNanos = new AtomicLongArray(capacity);
    this.latencyNanos = new AtomicLongArray(capacity);
    this.forecasts = new AtomicIntegerArray(capacity);
    this.withPath = new AtomicIntegerArray(capacity);
  }

  /**
   * Records that tick {@code i} was handed to the producer. Calls come in order of {@code i}.
   *
   * @param i tick index
   * @param eventTimeMillis the tick's event time, epoch ms
   * @param nanos {@link System#nanoTime()} at the send
   */
  public void sent(int i, long eventTimeMillis, long nanos) {
    eventTime.set(i, eventTimeMillis);
    sentNanos.set(i, nanos);
    sentCount.set(i + 1);
  }

  /**
   * Records a forecast without an H-step path received by the consumer; see {@link
   * #forecast(int, long, long, boolean)}.
   */
  public void forecast(int symbol, long lastTickTimeMillis, long receivedNanos) {
    forecast(symbol, lastTickTimeMillis, receivedNanos, false);
  }

  /**
   * Records a forecast received by the consumer.
   *
   * @param symbol the symbol's index, or -1 for a symbol not sent here
   * @param lastTickTimeMillis the forecast's last tick time, epoch ms
   * @param receivedNanos {@link System#nanoTime()} when it was received
   * @param hasPath whether the forecast carries the H-step path (not only the next step)
   */
  public void forecast(int symbol, long lastTickTimeMillis, long receivedNanos, boolean hasPath) {
    int i = symbol < 0 ? -1 : find(symbol, lastTickTimeMillis);
    if (i < 0) {
      unmatched.incrementAndGet();
      return;
    }
    if (forecasts.getAndIncrement(i) == 0) {
      latencyNanos.set(i, receivedNanos - sentNanos.get(i));
      if (hasPath) {
        withPath.set(i, 1);
        distinctWithPath.incrementAndGet();
      }
      distinct.incrementAndGet();
    } else {
      duplicates.incrementAndGet();
    }
  }

  /** The index of the sent tick of {@code symbol} with this event time, or -1. */
  private int find(int symbol, long time) {
    int sent = sentCount.get();
    // ticks of the symbol: symbol + k * symbols for k in [0, n)
    int n = sent <= symbol ? 0 : (sent - symbol - 1) / symbols + 1;
    int lo = 0;
    int hi = n - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long t = eventTime.get(symbol + mid * symbols);
      if (t < time) {
        lo = mid + 1;
      } else if (t > time) {
        hi = mid - 1;
      } else {
        return symbol + mid * symbols;
      }
    }
    return -1;
  }

  /** Ticks sent so far. */
  public int sent() {
    return sentCount.get();
  }

  /** Ticks with at least one forecast received. */
  public int distinctForecasts() {
    return distinct.get();
  }

  /** Ticks whose first forecast received carried the H-step path. */
  public int forecastsWithPath() {
    return distinctWithPath.get();
  }

  /** Whether tick {@code i} got a forecast and its first one carried the H-step path. */
  public boolean hasPath(int i) {
    return withPath.get(i) != 0;
  }

  /** Forecasts received for a tick that already had one (e.g. after a retried transaction). */
  public int duplicateForecasts() {
    return duplicates.get();
  }

  /** Forecasts that match no sent tick. */
  public int unmatchedForecasts() {
    return unmatched.get();
  }

  /**
   * Forecasts owed for the ticks sent so far if every tick is accepted: each tick whose symbol
   * has at least {@code w - 1} earlier ticks completes a window, so per symbol {@code max(0, n -
   * w + 1)} for its n ticks.
   *
   * @param w window length W
   * @param fromTick count only ticks with index {@code >= fromTick}
   */
  public long expectedForecasts(int w, int fromTick) {
    int sent = sentCount.get();
    long expected = 0;
    for (int i = Math.max(0, fromTick); i < sent; i++) {
      if (i / symbols >= w - 1) {
        expected++;
      }
    }
    return expected;
  }

  /** Ticks from {@code fromTick} on that completed a window but got no forecast. */
  public long missingForecasts(int w, int fromTick) {
    int sent = sentCount.get();
    long missing = 0;
    for (int i = Math.max(0, fromTick); i < sent; i++) {
      if (i / symbols >= w - 1 && forecasts.get(i) == 0) {
        missing++;
      }
    }
    return missing;
  }

  /**
   * End-to-end latencies, sorted: forecast received minus tick sent, nanoseconds, for the ticks
   * from {@code fromTick} on that got a forecast.
   */
  public long[] latenciesNanos(int fromTick) {
    int sent = sentCount.get();
    long[] out = new long[Math.max(0, sent - Math.max(0, fromTick))];
    int n = 0;
    for (int i = Math.max(0, fromTick); i < sent; i++) {
      if (forecasts.get(i) > 0) {
        out[n++] = latencyNanos.get(i);
      }
    }
    long[] result = Arrays.copyOf(out, n);
    Arrays.sort(result);
    return result;
  }

  /** Most ticks this ledger holds. */
  public int capacity() {
    return capacity;
  }
}
