package io.tickcast.trainer.config;

/**
 * How long and in what batches to train (the tutorial's {@code training} section). Every field
 * is optional; {@code null} takes the default.
 *
 * @param epochs passes over the training windows (default 1, as in the tutorial's runs)
 * @param batchSize windows per gradient step (default 512, as in the tutorial)
 * @param seed random seed for weight initialisation, dropout and shuffling (default 42), so a run
 *     is repeatable
 * @param earlyStoppingPatience stop after this many epochs without a lower validation loss
 *     (default: off); needs {@code data.validationFraction > 0}
 * @param walkForwardFolds after training, also run a walk-forward evaluation with this many
 *     expanding-window folds, each retrained from scratch (default: off; costs that many extra
 *     trainings)
 * @param walkForwardTail fraction of the windows covered by the walk-forward test blocks
 *     (default 0.4: the last 40%)
 */
public record TrainingConfig(
    Integer epochs, Integer batchSize, Long seed, Integer earlyStoppingPatience,
    Integer walkForwardFolds, Double walkForwardTail) {

  /** Default {@link #walkForwardTail}. */
  public static final double DEFAULT_WALK_FORWARD_TAIL = 0.4;

  /** Fills defaults for absent fields. */
  public TrainingConfig {
    epochs = epochs == null ? 1 : epochs;
    batchSize = batchSize == null ? 512 : batchSize;
    seed = seed == null ? 42L : seed;
    walkForwardTail = walkForwardTail == null ? DEFAULT_WALK_FORWARD_TAIL : walkForwardTail;
  }

  /** Without walk-forward evaluation. */
  public TrainingConfig(Integer epochs, Integer batchSize, Long seed,
      Integer earlyStoppingPatience) {
    this(epochs, batchSize, seed, earlyStoppingPatience, null, null);
  }

  /** All defaults. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(null, null, null, null, null, null);
  }

  /** A copy with another number of walk-forward folds ({@code null}: off). */
  public TrainingConfig withWalkForwardFolds(Integer folds) {
    return new TrainingConfig(epochs, batchSize, seed, earlyStoppingPatience, folds,
        walkForwardTail);
  }

  /** A copy with another number of epochs. */
  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(e, batchSize, seed, earlyStoppingPatience, walkForwardFolds, walkForwardTail);
  }

  /** A copy with another batch size. */
  public TrainingConfig withBatchSize(int b) {
    return new TrainingConfig(epochs, b, seed, earlyStoppingPatience, walkForwardFolds, walkForwardTail);
  }

  /** A copy with another seed. */
  public TrainingConfig withSeed(long s) {
    return new TrainingConfig(epochs, batchSize, s, earlyStoppingPatience, walkForwardFolds, walkForwardTail);
  }

  /** A copy with another early-stopping patience ({@code null}: off). */
  public TrainingConfig withEarlyStoppingPatience(Integer p) {
    return new TrainingConfig(epochs, batchSize, seed, p, walkForwardFolds, walkForwardTail);
  }
}
