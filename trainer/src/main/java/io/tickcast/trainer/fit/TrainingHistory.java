package io.tickcast.trainer.fit;

import java.util.List;

/**
 * What happened while training.
 *
 * @param epochs per-epoch losses, starting with epoch 0 (the untrained network's validation loss)
 * @param bestEpoch the epoch whose weights the network holds at the end: the lowest validation
 *     loss, or the last epoch without validation
 * @param stoppedEarly whether early stopping ended training before the configured epochs
 * @param elapsedMillis total training time, milliseconds
 */
public record TrainingHistory(
    List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly, long elapsedMillis) {

  /** The number of epochs trained (excluding epoch 0). */
  public int epochsRun() {
    return epochs.size() - 1;
  }

  /** The stats of the kept epoch. */
  public EpochStats best() {
    return epochs.get(bestEpoch);
  }
}
