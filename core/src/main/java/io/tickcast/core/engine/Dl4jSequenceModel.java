package io.tickcast.core.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link SequenceModel} backed by a Deeplearning4j {@link MultiLayerNetwork} whose input is
 * DL4J's default NCW layout {@code [batch, features, time]} and whose output is {@code [batch, 1]}.
 * Not thread-safe (DL4J networks are not); {@link #copy()} clones the network.
 */
public final class Dl4jSequenceModel implements SequenceModel {
  private final MultiLayerNetwork network;
  private final int features;

  /**
   * @param network an initialised network with a recurrent input of {@code features} channels
   * @param features F
   */
  public Dl4jSequenceModel(MultiLayerNetwork network, int features) {
    this.network = network;
    this.features = features;
  }

  /** The wrapped network. */
  public MultiLayerNetwork network() {
    return network;
  }

  @Override
  public int inputFeatures() {
    return features;
  }

  @Override
  public double[] predict(double[][][] normalisedWindows) {
    if (normalisedWindows.length == 0) {
      return new double[0];
    }
    INDArray out = network.output(toNcw(normalisedWindows, network.params().dataType()), false);
    return out.reshape(normalisedWindows.length).toDoubleVector();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The buffer is copied once into an ND4J array {@code [batch, W, F]} and permuted to NCW.
   */
  @Override
  public double[] predict(FloatWindows normalisedWindows) {
    normalisedWindows.checkRunnable(features);
    int batch = normalisedWindows.batch();
    if (batch == 0) {
      return new double[0];
    }
    INDArray nwc = Nd4j.create(normalisedWindows.data(),
        new long[] {batch, normalisedWindows.windowLength(), features}, 'c');
    INDArray ncw = nwc.permute(0, 2, 1).castTo(network.params().dataType()).dup('c');
    return network.output(ncw, false).reshape(batch).toDoubleVector();
  }

  /** Whether the network's data type is {@code FLOAT}. */
  @Override
  public boolean computesInFloat() {
    return network.params().dataType() == DataType.FLOAT;
  }

  @Override
  public SequenceModel copy() {
    return new Dl4jSequenceModel(network.clone(), features);
  }

  /**
   * Packs windows {@code [batch][W][features]} into DL4J's NCW layout {@code [batch, features, W]}.
   */
  public static INDArray toNcw(double[][][] windows, DataType type) {
    int batch = windows.length;
    int w = windows[0].length;
    int f = windows[0][0].length;
    double[] flat = new double[batch * f * w];
    int i = 0;
    for (int b = 0; b < batch; b++) {
      double[][] window = windows[b];
      for (int c = 0; c < f; c++) {
        for (int t = 0; t < w; t++) {
          flat[i++] = window[t][c];
        }
      }
    }
    return Nd4j.create(flat, new long[] {batch, f, w}, 'c').castTo(type);
  }
}
