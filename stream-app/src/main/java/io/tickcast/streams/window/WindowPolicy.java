package io.tickcast.streams.window;

/**
 * What happens to a valid tick arriving at a symbol's window. Only the newest tick's time and
 * price are compared:
 *
 * <ul>
 *   <li>time earlier than the newest: {@link Decision#OUT_OF_ORDER}, rejected to the dead-letter
 *       topic (a window is a sequence in event time; late ticks cannot be inserted without
 *       invalidating forecasts already published);
 *   <li>same time and same price: {@link Decision#DUPLICATE}, dropped and counted (a producer
 *       retry or a replay);
 *   <li>same time, another price: {@link Decision#CORRECTION}, replaces the newest tick and yields
 *       a new forecast for the corrected window;
 *   <li>later time: {@link Decision#APPEND}.
 * </ul>
 */
public final class WindowPolicy {
  /** The outcome for one tick. */
  public enum Decision {
    /** Appended as the newest tick. */
    APPEND,
    /** Replaces the newest tick (same event time, another price). */
    CORRECTION,
    /** Same event time and price as the newest tick: dropped. */
    DUPLICATE,
    /** Older than the newest tick: rejected. */
    OUT_OF_ORDER
  }

  private WindowPolicy() {}

  /**
   * Decides what to do with a tick.
   *
   * @param window the symbol's window before the tick
   * @param time the tick's event time, epoch ms
   * @param price the tick's price, price units
   */
  public static Decision decide(TickWindow window, long time, double price) {
    if (window.isEmpty() || time > window.lastTime()) {
      return Decision.APPEND;
    }
    if (time < window.lastTime()) {
      return Decision.OUT_OF_ORDER;
    }
    return Double.compare(price, window.lastPrice()) == 0 ? Decision.DUPLICATE : Decision.CORRECTION;
  }

  /**
   * Applies a decision.
   *
   * @param capacity W
   * @return the window after the tick (unchanged for duplicates and out-of-order ticks)
   */
  public static TickWindow apply(
      Decision decision, TickWindow window, long time, double price, double volume, int capacity) {
    return switch (decision) {
      case APPEND -> window.append(time, price, volume, capacity);
      case CORRECTION -> window.replaceLast(price, volume);
      case DUPLICATE, OUT_OF_ORDER -> window;
    };
  }
}
