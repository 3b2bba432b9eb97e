package io.tickcast.core.forecast;

import io.tickcast.core.config.EnumNames;

/**
 * How a multi-step path is rolled forward: each prediction is appended to the window, as in the
 * tutorial's {@code predict_sequence_full}. {@link #SEED} and {@link #RENORMALISE} are exact (each
 * step recomputes the whole shifted window) and differ in the space the shifted windows live in;
 * with {@code NONE} normalisation they coincide. {@link #CARRY_STATE} is the cheap approximation:
 * the window is never shifted, the recurrent state is carried through the predicted steps.
 */
public enum RollForward {
  /**
   * The tutorial's exact arithmetic: normalise the first window once, append normalised
   * predictions and stay in that first window's normalised space; de-normalise every prediction
   * on the first window's base.
   */
  SEED,
  /**
   * Work in price units: append the de-normalised prediction and re-base every shifted window on
   * its own first row, so the network always sees inputs distributed as in training.
   */
  RENORMALISE,
  /**
   * The cheap approximation: after the window, feed each prediction back as the next input step while
   * the LSTM state (h, c) is carried on, so the oldest rows are never dropped and the network
   * sees sequences of W, W+1, ..., W+H-1 steps. An incremental engine does W + H - 1 LSTM steps
   * per path instead of the exact variants' H·W (25 times less for W = H = 50). Lives in the first window's normalised space like
   * {@link #SEED}: normalise once, de-normalise every step on the first window's base. Not the
   * tutorial's arithmetic (the path differs from {@code seed} after the first step); see {@link
   * io.tickcast.core.engine.SequenceModel#predictCarryingState}.
   */
  CARRY_STATE;

  /** The configuration name: {@code seed}, {@code renormalise} or {@code carry-state}. */
  public String configName() {
    return EnumNames.of(this);
  }

  /**
   * Whether the variant recomputes every shifted window (the tutorial's {@code
   * predict_sequence_full}): {@link #SEED} and {@link #RENORMALISE}; {@link #CARRY_STATE} is an
   * opt-in approximation.
   */
  public boolean exact() {
    return this != CARRY_STATE;
  }

  /**
   * Parses a configuration name ({@code seed}, {@code renormalise}, {@code carry-state}; case and
   * {@code _}/{@code -} insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static RollForward fromConfig(String name) {
    return EnumNames.parse(RollForward.class, name);
  }
}
