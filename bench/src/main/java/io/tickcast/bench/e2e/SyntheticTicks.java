package io.tickcast.bench.e2e;

import io.tickcast.schemas.Tick;
import java.time.Instant;
import java.util.Random;

/**
 * Synthetic ticks for the benchmark: {@code symbols} independent geometric random walks starting
 * at 100 price units (steps of 0.1 % standard deviation, so prices stay near 100 and positive, as
 * first-price and last-price normalisation require), published round-robin: tick {@code i} belongs
 * to symbol {@code i % symbols}.
 *
 * <p>A tick's event time is the wall-clock time at which it is made (epoch ms), raised to one
 * millisecond after the symbol's previous tick when two ticks of a symbol fall into the same
 * millisecond, so every symbol's times strictly increase and no tick is taken for a correction or
 * duplicate. Not thread-safe: one publisher thread calls {@link #next}.
 */
public final class SyntheticTicks {
  /** Standard deviation of one step's log return. */
  static final double STEP_SIGMA = 0.001;
  /** Price of every symbol's first tick, price units. */
  static final double START_PRICE = 100.0;

  private final int symbols;
  private final String[] names;
  private final double[] price;
  private final long[] lastTime;
  private final Random random;

  /**
   * @param symbols how many symbols, at least 1
   * @param seed seed of the random walks
   * @throws IllegalArgumentException if {@code symbols < 1}
   */
  public SyntheticTicks(int symbols, long seed) {
    if (symbols < 1) {
      throw new IllegalArgumentException("symbols must be at least 1, was " + symbols);
    }
    this.symbols = symbols;
    this.names = new String[symbols];
    int digits = Integer.toString(symbols - 1).length();
    for (int s = 0; s < symbols; s++) {
      names[s] = "B" + String.format("%0" + digits + "d", s);
    }
    this.price = new double[symbols];
    java.util.Arrays.fill(price, START_PRICE);
    this.lastTime = new long[symbols];
    java.util.Arrays.fill(lastTime, Long.MIN_VALUE);
    this.random = new Random(seed);
  }

  /** How many symbols. */
  public int symbols() {
    return symbols;
  }

  /** The name of symbol {@code s} ({@code B0}, {@code B1}, ... zero-padded to equal width). */
  public String symbol(int s) {
    return names[s];
  }

  /**
   * The index of a symbol name made here.
   *
   * @return the index, or -1 if the name is not one of these symbols
   */
  public int indexOf(String name) {
    if (name == null || name.length() != names[0].length() || name.charAt(0) != 'B') {
      return -1;
    }
    try {
      int s = Integer.parseInt(name, 1, name.length(), 10);
      return s >= 0 && s < symbols ? s : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Makes tick {@code i}: symbol {@code i % symbols}, the next step of its random walk, event
   * time {@code max(nowMillis, previous time of the symbol + 1)}.
   *
   * @param i the tick's position in the stream, 0-based; calls come in order
   * @param nowMillis the wall-clock time now, epoch ms
   * @return the tick (no volume)
   */
  public Tick next(int i, long nowMillis) {
    int s = i % symbols;
    if (lastTime[s] != Long.MIN_VALUE) {
      price[s] *= Math.exp(STEP_SIGMA * random.nextGaussian());
    }
    long time = lastTime[s] == Long.MIN_VALUE ? nowMillis : Math.max(nowMillis, lastTime[s] + 1);
    lastTime[s] = time;
    return Tick.newBuilder()
        .setSymbol(names[s])
        .setTimestamp(Instant.ofEpochMilli(time))
        .setPrice(price[s])
        .setVolume(null)
        .build();
  }
}
