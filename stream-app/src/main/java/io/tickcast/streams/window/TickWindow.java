package io.tickcast.streams.window;

import java.util.Arrays;

/**
 * The last ticks of one symbol, oldest first, and how many full windows of the symbol have been
 * queued for a forecast so far (which decides the ones that get an H-step path); immutable.
 * Volumes are {@code NaN} where a tick had none.
 */
public final class TickWindow {
  private static final TickWindow EMPTY = new TickWindow(new long[0], new double[0], new double[0]);

  private final long[] times;
  private final double[] prices;
  private final double[] volumes;
  private final long fullWindows;

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
   * @param times event times, epoch milliseconds, non-decreasing
   * @param prices prices, price units
   * @param volumes volumes, {@code NaN} when absent
   * @param fullWindows full windows of this symbol queued for a forecast so far, >= 0
   */
  public TickWindow(long[] times, double[] prices, double[] volumes, long fullWindows) {
    if (times.length != prices.length || times.length != volumes.length) {
      throw new IllegalArgumentException("times, prices and volumes differ in length");
    }
    if (fullWindows < 0) {
      throw new IllegalArgumentException("full-window count must be >= 0, was " + fullWindows);
    }
    this.times = times;
    this.prices = prices;
    this.volumes = volumes;
    this.fullWindows = fullWindows;
  }

  /** A window with no ticks. */
  public static TickWindow empty() {
    return EMPTY;
  }

  /** Ticks held. */
  public int size() {
    return times.length;
  }

  /** Whether no tick is held. */
  public boolean isEmpty() {
    return times.length == 0;
  }

  /** Event time of tick {@code i} (0 = oldest), epoch ms. */
  public long time(int i) {
    return times[i];
  }

  /** Price of tick {@code i}, price units. */
  public double price(int i) {
    return prices[i];
  }

  /** Volume of tick {@code i}, {@code NaN} when absent. */
  public double volume(int i) {
    return volumes[i];
  }

  /**
   * Full windows of this symbol queued for a forecast before this one (kept across appends, so it
   * survives restarts and rebalances with the window store's changelog).
   */
  public long fullWindows() {
    return fullWindows;
  }

  /** This window with another full-window count. */
  public TickWindow withFullWindows(long count) {
    return new TickWindow(times, prices, volumes, count);
  }

  /** Event time of the newest tick, epoch ms. */
  public long lastTime() {
    return times[times.length - 1];
  }

  /** Price of the newest tick, price units. */
  public double lastPrice() {
    return prices[prices.length - 1];
  }

  /**
   * This window with a tick appended and the oldest ticks dropped beyond {@code capacity}.
   *
   * @param capacity W, the most ticks kept
   */
  public TickWindow append(long time, double price, double volume, int capacity) {
    int keep = Math.min(times.length, capacity - 1);
    int from = times.length - keep;
    long[] t = new long[keep + 1];
    double[] p = new double[keep + 1];
    double[] v = new double[keep + 1];
    System.arraycopy(times, from, t, 0, keep);
    System.arraycopy(prices, from, p, 0, keep);
    System.arraycopy(volumes, from, v, 0, keep);
    t[keep] = time;
    p[keep] = price;
    v[keep] = volume;
    return new TickWindow(t, p, v, fullWindows);
  }

  /** This window with the newest tick's price and volume replaced (a correction). */
  public TickWindow replaceLast(double price, double volume) {
    double[] p = prices.clone();
    double[] v = volumes.clone();
    p[p.length - 1] = price;
    v[v.length - 1] = volume;
    return new TickWindow(times, p, v, fullWindows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TickWindow w && Arrays.equals(times, w.times)
        && Arrays.equals(prices, w.prices) && Arrays.equals(volumes, w.volumes)
        && fullWindows == w.fullWindows;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(times) * 31 + Arrays.hashCode(prices);
  }

  @Override
  public String toString() {
    return "TickWindow" + Arrays.toString(times) + Arrays.toString(prices);
  }
}
