package io.tickcast.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engines' only contact with DL4J: checks that a {@link MultiLayerNetwork} is one Tickcast
 * serves ({@link SupportedNetworks}, plus what is DL4J's own: layer classes, NCW, weight shapes),
 * copies its weights into an {@link LstmNetwork}, and maps activations both ways.
 *
 * <p>Supported: one or more {@link LSTM} layers (NCW; activation and gate activation among
 * identity, tanh, sigmoid, plain relu), the last wrapped in {@link LastTimeStep}, then {@link
 * DenseLayer}s / an {@link OutputLayer} ending in exactly one output; {@link DropoutLayer}s
 * anywhere (no-ops at inference); layer dropout is ignored. DL4J's LSTM ({@code
 * LSTMHelpers.activateHelper}, 1.0.0-M2.1) keeps input weights {@code W [nIn, 4n]}, recurrent
 * weights {@code RW [n, 4n]} (GravesLSTM appends 3 peephole columns, not used by {@code LSTM}) and
 * bias {@code b [1, 4n]}, the four blocks of {@code n} in the order cell input, forget, output,
 * input gate, which {@link LstmNetwork.Lstm} keeps.
 */
public final class Dl4jImport {
  private Dl4jImport() {}

  /**
   * Checks that the engine runs {@code network}, from its configuration and parameter shapes
   * alone (copies nothing).
   *
   * @param network an initialised network
   * @param features F, input channels of the first LSTM
   * @throws IllegalArgumentException naming the first layer the engine does not support, or
   *     whose sizes do not chain
   */
  public static void check(MultiLayerNetwork network, int features) {
    walk(network, features, false);
  }

  /**
   * The network's weights in the engine's layout ({@code float} LSTM weights, {@code double}
   * dense ones); the network is not modified.
   *
   * @throws IllegalArgumentException as {@link #check}
   */
  public static LstmNetwork weights(MultiLayerNetwork network, int features) {
    return walk(network, features, true);
  }

  /** Validates every layer; with {@code copy}, also builds the weights (else returns null). */
  private static LstmNetwork walk(MultiLayerNetwork network, int features, boolean copy) {
    List<LstmNetwork.Lstm> lstms = new ArrayList<>();
    List<LstmNetwork.Dense> dense = new ArrayList<>();
    // The layers as SupportedNetworks sees them, and where each is in the DL4J network.
    List<SupportedNetworks.Layer> shape = new ArrayList<>();
    List<String> places = new ArrayList<>();
    long width = features;
    int layers = network.getnLayers();
    for (int i = 0; i < layers; i++) {
      Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
      String where = "layer " + i + " (" + conf.getClass().getSimpleName() + ")";
      if (conf instanceof DropoutLayer) {
        continue;
      }
      Map<String, INDArray> params = network.getLayer(i).paramTable();
      boolean lastStep = false;
      if (conf instanceof LastTimeStep lts) {
        conf = lts.getUnderlying();
        lastStep = true;
        where = "layer " + i + " (LastTimeStep(" + conf.getClass().getSimpleName() + "))";
      }
      if (conf.getClass() == LSTM.class) {
        LSTM lstm = (LSTM) conf;
        if (lstm.getRnnDataFormat() != RNNFormat.NCW) {
          throw new IllegalArgumentException(where + " uses data format "
              + lstm.getRnnDataFormat() + "; Tickcast supports NCW");
        }
        int nIn = (int) lstm.getNIn();
        int n = (int) lstm.getNOut();
        if (nIn != width) {
          throw new IllegalArgumentException(where + " takes " + nIn + " inputs but receives "
              + width);
        }
        INDArray w = matrix(params.get("W"), nIn, 4 * n, where + " W");
        INDArray rw = matrix(params.get("RW"), n, 4 * n, where + " RW");
        INDArray b = vector(params.get("b"), 4 * n, where + " b");
        Activation act = activation(lstm.getActivationFn(), where);
        Activation gate = activation(lstm.getGateActivationFn(), where + " gate");
        if (copy) {
          float[][] all = new float[nIn + n][];
          copyRows(w, nIn, 4 * n, all, 0);
          copyRows(rw, n, 4 * n, all, nIn);
          float[] bias = b.reshape(4L * n).toFloatVector();
          lstms.add(new LstmNetwork.Lstm(nIn, n, FloatMatrix.of(all), bias, act, gate));
        }
        shape.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.LSTM, n, lastStep));
        places.add(where);
        width = n;
      } else if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
        if (conf instanceof BaseOutputLayer && conf.getClass() != OutputLayer.class) {
          throw new IllegalArgumentException(where + " is not supported by Tickcast"
              + " (supported output layer: OutputLayer)");
        }
        FeedForwardLayer ff = (FeedForwardLayer) conf;
        int nIn = (int) ff.getNIn();
        int nOut = (int) ff.getNOut();
        if (nIn != width) {
          throw new IllegalArgumentException(where + " takes " + nIn + " inputs but receives "
              + width);
        }
        INDArray w = matrix(params.get("W"), nIn, nOut, where + " W");
        INDArray b = params.containsKey("b") ? vector(params.get("b"), nOut, where + " b") : null;
        Activation act = activation(ff.getActivationFn(), where);
        if (copy) {
          double[][] all = w.toDoubleMatrix();
          double[][] wd = new double[nIn][];
          for (int r = 0; r < nIn; r++) {
            wd[r] = Arrays.copyOf(all[r], nOut);
          }
          double[] bias = b == null ? new double[nOut] : b.reshape(nOut).toDoubleVector();
          dense.add(new LstmNetwork.Dense(nIn, nOut, wd, bias, act));
        }
        shape.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.DENSE, nOut, false));
        places.add(where);
        width = nOut;
      } else {
        throw new IllegalArgumentException(where + " is not supported by Tickcast"
            + " (supported: LSTM, LastTimeStep(LSTM), DropoutLayer, DenseLayer, OutputLayer)");
      }
    }
    try {
      SupportedNetworks.check(shape);
    } catch (SupportedNetworks.Violation v) {
      throw new IllegalArgumentException((v.layer() < 0 ? "the network" : places.get(v.layer()))
          + ": " + v.getMessage() + " (in DL4J: the last LSTM wrapped in LastTimeStep)", v);
    }
    return copy ? new LstmNetwork(features, lstms.toArray(LstmNetwork.Lstm[]::new),
        dense.toArray(LstmNetwork.Dense[]::new)) : null;
  }

  /**
   * The DL4J activation for one of Tickcast's (what the trainer builds with).
   *
   * @param a an activation of the vocabulary
   * @return DL4J's, the inverse of the import's mapping
   */
  public static org.nd4j.linalg.activations.Activation toDl4j(Activation a) {
    return switch (a) {
      case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY;
      case TANH -> org.nd4j.linalg.activations.Activation.TANH;
      case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
      case RELU -> org.nd4j.linalg.activations.Activation.RELU;
    };
  }

  /** Maps a DL4J activation to the engine's. */
  private static Activation activation(IActivation a, String where) {
    if (a instanceof ActivationTanH) {
      return Activation.TANH;
    }
    if (a instanceof ActivationSigmoid) {
      return Activation.SIGMOID;
    }
    if (a instanceof ActivationIdentity) {
      return Activation.IDENTITY;
    }
    if (a instanceof ActivationReLU r && isPlainRelu(r)) {
      return Activation.RELU;
    }
    throw new IllegalArgumentException(where + " uses activation " + a
        + "; Tickcast supports " + Activation.configNames() + " (identity as linear)");
  }

  private static boolean isPlainRelu(ActivationReLU r) {
    boolean zero = r.getThreshold() == null || r.getThreshold() == 0.0;
    boolean flat = r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0;
    return r.getMax() == null && zero && flat;
  }

  /** {@code a} if it is at least {@code [rows, cols]} (extra columns are ignored). */
  private static INDArray matrix(INDArray a, int rows, int cols, String what) {
    if (a == null || a.rank() != 2 || a.rows() != rows || a.columns() < cols) {
      throw new IllegalArgumentException(what + " has shape "
          + (a == null ? "none" : Arrays.toString(a.shape())) + ", expected ["
          + rows + ", " + cols + "]");
    }
    return a;
  }

  private static INDArray vector(INDArray a, int n, String what) {
    if (a == null || a.length() != n) {
      throw new IllegalArgumentException(what + " has "
          + (a == null ? "no values" : a.length() + " values") + ", expected " + n);
    }
    return a;
  }

  /** The first {@code cols} columns of {@code a}'s rows into {@code out} from row {@code at}, as float. */
  private static void copyRows(INDArray a, int rows, int cols, float[][] out, int at) {
    double[][] m = a.toDoubleMatrix();
    for (int r = 0; r < rows; r++) {
      out[at + r] = new float[cols];
      for (int c = 0; c < cols; c++) {
        out[at + r][c] = (float) m[r][c];
      }
    }
  }
}
