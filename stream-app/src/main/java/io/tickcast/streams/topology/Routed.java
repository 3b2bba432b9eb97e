package io.tickcast.streams.topology;

/**
 * The validator's output, one of two types: an {@link Accepted} tick or a {@link DeadLetter}.
 */
public sealed interface Routed permits Routed.Accepted, DeadLetter {
  /**
   * An accepted tick.
   *
   * @param tick the tick
   * @param keyed whether the record had a key (false: repartition by symbol)
   */
  record Accepted(AcceptedTick tick, boolean keyed) implements Routed {}
}
