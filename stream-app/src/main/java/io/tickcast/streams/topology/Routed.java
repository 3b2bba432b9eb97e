package io.tickcast.streams.topology;

/**
 * The validator's output: an accepted tick (with whether its record was keyed) or a dead letter.
 *
 * @param tick the accepted tick, or null
 * @param keyed whether the record had a key (false: repartition by symbol)
 * @param deadLetter the rejection, or null
 */
public record Routed(AcceptedTick tick, boolean keyed, DeadLetter deadLetter) {
  /** An accepted tick. */
  public static Routed accepted(AcceptedTick tick, boolean keyed) {
    return new Routed(tick, keyed, null);
  }

  /** A rejected record. */
  public static Routed rejected(DeadLetter deadLetter) {
    return new Routed(null, false, deadLetter);
  }

  /** Whether this is a rejection. */
  public boolean isRejected() {
    return deadLetter != null;
  }
}
