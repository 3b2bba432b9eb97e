package io.tickcast.streams.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One symbol's state in the window store, immutable: its live window (the last ticks, oldest
 * first, at most W), the full windows queued for a forecast and not yet forecast, how many full
 * windows the symbol has queued so far (which decides the ones that get an H-step path) and the
 * previous forecast's scoring state.
 *
 * <p>The queued windows share the ticks: the value retains ticks back to the oldest queued
 * window's first tick, and a {@link Queued} entry names its window by position (so a window is
 * serialised once, in this value, however many forecasts wait on it). The accessors {@link
 * #size}, {@link #time}, {@link #price}, {@link #volume} see the live window only. Volumes are
 * {@code NaN} where a tick had none.
 */
public final class TickWindow {
  private static final TickWindow EMPTY = new TickWindow(new long[0], new double[0], new double[0]);

  private final long[] times;
  private final double[] prices;
  private final double[] volumes;
  private final int liveFrom;
  private final long fullWindows;
  private final List<Queued> queued;
  private final Scoring previous;

  /**
   * A full window waiting for its forecast.
   *
   * @param sequence the task's queue position (forecasts go out in sequence order)
   * @param from index of its oldest tick in the retained ticks
   * @param end index after its newest tick in the retained ticks
   * @param lastPrice the newest tick's price as queued (a later correction changes the retained
   *     tick, not this window), price units
   * @param lastVolume the newest tick's volume as queued, {@code NaN} when absent
   * @param arrivalEpochNanos wall-clock arrival of the newest tick, epoch nanoseconds
   * @param recordTimestamp Kafka timestamp of the newest tick's record (given to the forecast)
   * @param withPath whether the forecast includes the H-step path (else next step only)
   */
  public record Queued(long sequence, int from, int end, double lastPrice, double lastVolume,
      long arrivalEpochNanos, long recordTimestamp, boolean withPath) {
    Queued shifted(int by) {
      return new Queued(sequence, from - by, end - by, lastPrice, lastVolume, arrivalEpochNanos,
          recordTimestamp, withPath);
    }
  }

  /**
   * What scoring the next window needs of the symbol's previous forecast (an ok one).
   *
   * @param lastTickTime the newest tick of the forecast's window, epoch ms
   * @param lastTickPrice its price, price units
   * @param nextStep the next-step forecast, price units
   * @param levels the prediction interval levels (empty without intervals)
   * @param nextLower each level's next-step lower bound, price units
   * @param nextUpper each level's next-step upper bound, price units
   */
  public record Scoring(long lastTickTime, double lastTickPrice, double nextStep, double[] levels,
      double[] nextLower, double[] nextUpper) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Scoring s && lastTickTime == s.lastTickTime
          && Double.compare(lastTickPrice, s.lastTickPrice) == 0
          && Double.compare(nextStep, s.nextStep) == 0 && Arrays.equals(levels, s.levels)
          && Arrays.equals(nextLower, s.nextLower) && Arrays.equals(nextUpper, s.nextUpper);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(lastTickTime) * 31 + Double.hashCode(nextStep);
    }
  }

  /**
   * A window with no full window counted yet.
   *
   * @param times event times, epoch milliseconds, non-decreasing
   * @param prices prices, price units
   * @param volumes volumes, {@code NaN} when absent
   */
  public TickWindow(long[] times, double[] prices, double[] volumes) {
    this(times, prices, volumes, 0L);
  }

  /**
   * A live window with nothing queued.
   *
   * @param times event times, epoch milliseconds, non-decreasing
   * @param prices prices, price units
   * @param volumes volumes, {@code NaN} when absent
   * @param fullWindows full windows of this symbol queued for a forecast so far, >= 0
   */
  public TickWindow(long[] times, double[] prices, double[] volumes, long fullWindows) {
    this(times, prices, volumes, 0, fullWindows, List.of(), null);
  }

  /**
   * The full state.
   *
   * @param times retained event times, epoch milliseconds, non-decreasing
   * @param prices retained prices, price units
   * @param volumes retained volumes, {@code NaN} when absent
   * @param liveFrom index of the live window's oldest tick (= length: empty live window)
   * @param fullWindows full windows of this symbol queued for a forecast so far, >= 0
   * @param queued windows waiting for their forecast, in sequence order, inside the ticks
   * @param previous the previous ok forecast's scoring state, or null
   * @throws IllegalArgumentException if the arrays differ in length or an index is out of range
   */
  public TickWindow(long[] times, double[] prices, double[] volumes, int liveFrom,
      long fullWindows, List<Queued> queued, Scoring previous) {
    if (times.length != prices.length || times.length != volumes.length) {
      throw new IllegalArgumentException("times, prices and volumes differ in length");
    }
    if (fullWindows < 0) {
      throw new IllegalArgumentException("full-window count must be >= 0, was " + fullWindows);
    }
    if (liveFrom < 0 || liveFrom > times.length) {
      throw new IllegalArgumentException("live window start " + liveFrom + " outside 0.."
          + times.length);
    }
    for (Queued q : queued) {
      if (q.from() < 0 || q.end() > times.length || q.from() >= q.end()) {
        throw new IllegalArgumentException("queued window [" + q.from() + ", " + q.end()
            + ") outside the " + times.length + " retained ticks");
      }
    }
    this.times = times;
    this.prices = prices;
    this.volumes = volumes;
    this.liveFrom = liveFrom;
    this.fullWindows = fullWindows;
    this.queued = List.copyOf(queued);
    this.previous = previous;
  }

  /** A window with no ticks. */
  public static TickWindow empty() {
    return EMPTY;
  }

  /** Ticks in the live window. */
  public int size() {
    return times.length - liveFrom;
  }

  /** Whether the live window holds no tick. */
  public boolean isEmpty() {
    return size() == 0;
  }

  /** Event time of live tick {@code i} (0 = oldest), epoch ms. */
  public long time(int i) {
    return times[liveFrom + i];
  }

  /** Price of live tick {@code i}, price units. */
  public double price(int i) {
    return prices[liveFrom + i];
  }

  /** Volume of live tick {@code i}, {@code NaN} when absent. */
  public double volume(int i) {
    return volumes[liveFrom + i];
  }

  /**
   * Full windows of this symbol queued for a forecast before this one (kept across appends, so it
   * survives restarts and rebalances with the window store's changelog).
   */
  public long fullWindows() {
    return fullWindows;
  }

  /** The windows waiting for their forecast, in sequence order. */
  public List<Queued> queued() {
    return queued;
  }

  /** The previous ok forecast's scoring state, or null. */
  public Scoring previous() {
    return previous;
  }

  /** Ticks retained: the live window's and those the queued windows still need. */
  public int retained() {
    return times.length;
  }

  /** Index of the live window's oldest tick among the retained ticks. */
  public int liveFrom() {
    return liveFrom;
  }

  /** Retained tick {@code i}'s time, epoch ms (for the serde). */
  public long retainedTime(int i) {
    return times[i];
  }

  /** Retained tick {@code i}'s price, price units (for the serde). */
  public double retainedPrice(int i) {
    return prices[i];
  }

  /** Retained tick {@code i}'s volume (for the serde). */
  public double retainedVolume(int i) {
    return volumes[i];
  }

  /** This window with another full-window count. */
  public TickWindow withFullWindows(long count) {
    return new TickWindow(times, prices, volumes, liveFrom, count, queued, previous);
  }

  /** This window with another previous-forecast scoring state (null: none). */
  public TickWindow withPrevious(Scoring scoring) {
    return new TickWindow(times, prices, volumes, liveFrom, fullWindows, queued, scoring);
  }

  /** Event time of the newest tick, epoch ms. */
  public long lastTime() {
    return time(size() - 1);
  }

  /** Price of the newest tick, price units. */
  public double lastPrice() {
    return price(size() - 1);
  }

  /**
   * This window with a tick appended and the oldest live ticks dropped beyond {@code capacity}
   * (retained while a queued window needs them).
   *
   * @param capacity W, the most ticks in the live window
   */
  public TickWindow append(long time, double price, double volume, int capacity) {
    int n = times.length;
    long[] t = Arrays.copyOf(times, n + 1);
    double[] p = Arrays.copyOf(prices, n + 1);
    double[] v = Arrays.copyOf(volumes, n + 1);
    t[n] = time;
    p[n] = price;
    v[n] = volume;
    int live = Math.max(liveFrom, n + 1 - capacity);
    return trimmed(t, p, v, live, fullWindows, queued, previous);
  }

  /** This window with the newest tick's price and volume replaced (a correction). */
  public TickWindow replaceLast(double price, double volume) {
    double[] p = prices.clone();
    double[] v = volumes.clone();
    p[p.length - 1] = price;
    v[v.length - 1] = volume;
    return new TickWindow(times, p, v, liveFrom, fullWindows, queued, previous);
  }

  /**
   * This window with an empty live window (a restart after a jump or a gap), the full-window
   * count, the queued windows and the scoring state kept.
   */
  public TickWindow restarted() {
    return trimmed(times, prices, volumes, times.length, fullWindows, queued, previous);
  }

  /**
   * This window with the live window (full) queued for a forecast.
   *
   * @param sequence the task's queue position
   * @param arrivalEpochNanos wall-clock arrival of the newest tick, epoch nanoseconds
   * @param recordTimestamp Kafka timestamp of the newest tick's record
   * @param withPath whether the forecast includes the H-step path
   */
  public TickWindow enqueue(long sequence, long arrivalEpochNanos, long recordTimestamp,
      boolean withPath) {
    int n = times.length;
    List<Queued> q = new ArrayList<>(queued.size() + 1);
    q.addAll(queued);
    q.add(new Queued(sequence, liveFrom, n, prices[n - 1], volumes[n - 1], arrivalEpochNanos,
        recordTimestamp, withPath));
    return new TickWindow(times, prices, volumes, liveFrom, fullWindows, q, previous);
  }

  /** This window without its oldest {@code count} queued windows (forecast), ticks trimmed. */
  public TickWindow dequeue(int count) {
    return trimmed(times, prices, volumes, liveFrom, fullWindows,
        queued.subList(count, queued.size()), previous);
  }

  /**
   * The ticks of a queued window as a plain window (nothing queued), its newest tick as queued.
   *
   * @param q one of {@link #queued()}
   */
  public TickWindow window(Queued q) {
    long[] t = Arrays.copyOfRange(times, q.from(), q.end());
    double[] p = Arrays.copyOfRange(prices, q.from(), q.end());
    double[] v = Arrays.copyOfRange(volumes, q.from(), q.end());
    p[p.length - 1] = q.lastPrice();
    v[v.length - 1] = q.lastVolume();
    return new TickWindow(t, p, v);
  }

  /** Drops the ticks before both the live window and every queued window. */
  private static TickWindow trimmed(long[] t, double[] p, double[] v, int live, long full,
      List<Queued> queued, Scoring previous) {
    int keepFrom = live;
    for (Queued q : queued) {
      keepFrom = Math.min(keepFrom, q.from());
    }
    if (keepFrom == 0) {
      return new TickWindow(t, p, v, live, full, queued, previous);
    }
    List<Queued> q = new ArrayList<>(queued.size());
    for (Queued e : queued) {
      q.add(e.shifted(keepFrom));
    }
    return new TickWindow(Arrays.copyOfRange(t, keepFrom, t.length),
        Arrays.copyOfRange(p, keepFrom, p.length), Arrays.copyOfRange(v, keepFrom, v.length),
        live - keepFrom, full, q, previous);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TickWindow w && Arrays.equals(times, w.times)
        && Arrays.equals(prices, w.prices) && Arrays.equals(volumes, w.volumes)
        && liveFrom == w.liveFrom && fullWindows == w.fullWindows && queued.equals(w.queued)
        && Objects.equals(previous, w.previous);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(times) * 31 + Arrays.hashCode(prices);
  }

  @Override
  public String toString() {
    return "TickWindow" + Arrays.toString(Arrays.copyOfRange(times, liveFrom, times.length))
        + Arrays.toString(Arrays.copyOfRange(prices, liveFrom, prices.length))
        + (queued.isEmpty() ? "" : " queued " + queued.size());
  }
}
