package io.tickcast.trainer.fit;

/**
 * One epoch's losses, in normalised units (the network's loss, e.g. MSE of normalised targets).
 *
 * @param epoch 1-based epoch; 0 is the untrained network (no training loss)
 * @param trainLoss mean of the minibatch losses during the epoch, dropout on (as Keras reports
 *     {@code loss}); {@code NaN} for epoch 0
 * @param validationLoss loss on the validation windows, dropout off; {@code NaN} without
 *     validation
 * @param elapsedMillis wall-clock time since training started, milliseconds
 */
public record EpochStats(int epoch, double trainLoss, double validationLoss, long elapsedMillis) {}
