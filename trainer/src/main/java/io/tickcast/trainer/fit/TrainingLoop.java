package io.tickcast.trainer.fit;

import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.data.NormalisedWindows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minibatch training with per-epoch progress, optional early stopping on the validation loss and
 * the best epoch's weights restored at the end.
 *
 * <p>A small hand-written loop rather than DL4J's {@code EarlyStoppingTrainer}: it needs only
 * {@code params().dup()} to keep the best weights, and it shuffles exactly the fit windows of a
 * {@link ChronologicalSplit} with a seeded {@link Random}, once per epoch.
 */
public final class TrainingLoop {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

  private TrainingLoop() {}

  /**
   * Trains {@code network} in place.
   *
   * @param network an initialised network; on return it holds the best epoch's weights
   * @param data normalised windows {@code 0 .. split.trainEnd()-1} (fit, purged, validation)
   * @param split which of them are fit and which validation windows
   * @param epochs maximum number of epochs, at least 1
   * @param batchSize windows per gradient step
   * @param patience stop after this many epochs without a lower validation loss; {@code null}: off
   * @param seed seed of the shuffling and of ND4J's random generator (dropout)
   * @return per-epoch losses and the kept epoch
   */
  public static TrainingHistory train(MultiLayerNetwork network, NormalisedWindows data,
      ChronologicalSplit split, int epochs, int batchSize, Integer patience, long seed) {
    if (data.size() < split.trainEnd()) {
      throw new IllegalArgumentException("need " + split.trainEnd() + " training windows, got "
          + data.size());
    }
    Random random = new Random(seed);
    Nd4j.getRandom().setSeed(seed);
    boolean validating = split.validationCount() > 0;
    DataSet validation = validating ? data.batch(split.validationStart(), split.trainEnd()) : null;
    long start = System.nanoTime();
    List<EpochStats> history = new ArrayList<>();
    double initialVal = validating ? validationLoss(network, validation, batchSize) : Double.NaN;
    history.add(new EpochStats(0, Double.NaN, initialVal, 0));
    LOG.info("training on {} windows ({} validation, {} held out, {} purged at the boundaries),"
            + " {} epochs of batches of {}{}",
        split.fitCount(), split.validationCount(), split.testCount(), split.purgedCount(), epochs,
        batchSize,
        validating ? String.format(Locale.ROOT, "; initial validation loss %.6g", initialVal) : "");

    // Only trained epochs compete: the untrained weights are never "kept".
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    INDArray bestParams = null;
    boolean stoppedEarly = false;
    for (int epoch = 1; epoch <= epochs; epoch++) {
      int[] order = split.shuffledFitOrder(random);
      double lossSum = 0;
      int lossCount = 0;
      for (int from = 0; from < order.length; from += batchSize) {
        int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
        network.fit(data.batch(idx));
        // score() is the minibatch loss of that step; weight it by the batch size.
        lossSum += network.score() * idx.length;
        lossCount += idx.length;
      }
      // fit(DataSet) does not count epochs; an epoch-based learning-rate schedule needs it.
      network.incrementEpochCount();
      double trainLoss = lossSum / lossCount;
      double valLoss = validating ? validationLoss(network, validation, batchSize) : Double.NaN;
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      history.add(new EpochStats(epoch, trainLoss, valLoss, elapsed));

      boolean improved = false;
      if (!validating || valLoss < bestLoss) {
        bestLoss = valLoss;
        bestEpoch = epoch;
        bestParams = validating ? network.params().dup() : null;
        improved = validating;
      }
      long eta = elapsed / epoch * (epochs - epoch);
      LOG.info(String.format(Locale.ROOT,
          "epoch %d/%d  loss %.6g  val_loss %s%s  elapsed %s  eta %s", epoch, epochs, trainLoss,
          validating ? String.format(Locale.ROOT, "%.6g", valLoss) : "n/a",
          improved ? " (best)" : "", seconds(elapsed), seconds(eta)));
      if (patience != null && validating && epoch - bestEpoch >= patience && epoch < epochs) {
        LOG.info("early stopping: no lower validation loss for {} epochs; keeping epoch {}",
            patience, bestEpoch);
        stoppedEarly = true;
        break;
      }
    }
    if (validating && bestParams == null) {
      // A NaN validation loss never compares lower: keep the last weights and say so.
      bestEpoch = history.size() - 1;
      LOG.warn("the validation loss was never a finite number; keeping the last epoch's weights");
    } else if (validating && bestEpoch != history.size() - 1) {
      network.setParams(bestParams);
      LOG.info("restored the weights of epoch {} (validation loss {})", bestEpoch,
          String.format(Locale.ROOT, "%.6g", bestLoss));
    }
    long total = (System.nanoTime() - start) / 1_000_000;
    return new TrainingHistory(List.copyOf(history), bestEpoch, stoppedEarly, total);
  }

  /**
   * The mean loss over a data set, dropout off, computed in chunks of {@code batchSize}.
   *
   * @return the example-weighted mean of the chunk losses
   */
  public static double validationLoss(MultiLayerNetwork network, DataSet data, int batchSize) {
    int n = data.numExamples();
    double sum = 0;
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      DataSet chunk = n <= batchSize ? data : new DataSet(
          data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)),
          data.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)));
      sum += network.score(chunk, false) * (to - from);
    }
    return sum / n;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
