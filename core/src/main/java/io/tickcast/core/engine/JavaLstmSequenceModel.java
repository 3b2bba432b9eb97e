package io.tickcast.core.engine;

import io.tickcast.core.model.SequenceModel;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pure-Java inference engine for the networks Tickcast trains: stacked DL4J {@link LSTM} layers
 * (the last wrapped in {@link LastTimeStep}), optional {@link DropoutLayer}s (no-ops at
 * inference), then dense layers ending in one output. Weights are copied out of a DL4J {@link
 * MultiLayerNetwork} once; the LSTM matrix products run in {@code float} (as DL4J's float networks
 * do, and twice as wide per SIMD instruction as {@code double}), activations, cell state and dense
 * layers in {@code double}. DL4J stays the trainer and the reference, and a parity suite holds
 * this engine to its outputs.
 *
 * <p>DL4J's LSTM ({@code LSTMHelpers.activateHelper}, 1.0.0-M2.1): with input weights {@code W}
 * {@code [nIn, 4n]}, recurrent weights {@code RW} {@code [n, 4n]} (GravesLSTM appends 3 peephole
 * columns, not used by {@code LSTM}) and bias {@code b} {@code [1, 4n]}, the pre-activations
 * {@code z = x·W + h·RW + b} are split into four blocks of {@code n} in the order cell input
 * {@code g = act(z[0,n))}, forget {@code f = gate(z[n,2n))}, output {@code o = gate(z[2n,3n))},
 * input gate {@code i = gate(z[3n,4n))}; then {@code c = f⊙c + i⊙g} and {@code h = o⊙act(c)}, with
 * {@code act} the layer's activation (tanh) and {@code gate} its gate activation (sigmoid).
 *
 * <p>The batch is processed in chunks of {@value #CHUNK} windows, all layers advancing one time
 * step together, so that each weight row is loaded once per chunk and the working set stays in
 * cache; the inner loops are GEMM-shaped (rows of the concatenated {@code [W; RW]} scaled by the
 * concatenated {@code [x, h]} and summed) and written so that the JIT vectorises them.
 *
 * <p>Not thread-safe (it reuses scratch buffers); {@link #copy()} shares the immutable weights and
 * makes new buffers.
 */
public final class JavaLstmSequenceModel implements SequenceModel {
  /** Windows processed together; chosen so that a chunk's gate buffers fit in L1 (8 × 4n). */
  static final int CHUNK = 8;

  private final Weights weights;
  private final Scratch scratch;

  /**
   * Copies the weights of a DL4J network.
   *
   * @param network an initialised network: one or more {@link LSTM} layers (NCW, activation and
   *     gate activation among identity, tanh, sigmoid, relu), the last one wrapped in {@link
   *     LastTimeStep}, then dense / output layers ending in exactly one output; {@link
   *     DropoutLayer}s anywhere; layer dropout is ignored (inference)
   * @param features F, input channels of the first LSTM
   * @throws IllegalArgumentException if a layer type or activation is not supported, the layers
   *     are in an unsupported order, or sizes do not chain (the message names the layer)
   */
  public JavaLstmSequenceModel(MultiLayerNetwork network, int features) {
    this(Weights.of(network, features));
  }

  private JavaLstmSequenceModel(Weights weights) {
    this.weights = weights;
    this.scratch = new Scratch(weights);
  }

  @Override
  public int inputFeatures() {
    return weights.features;
  }

  @Override
  public SequenceModel copy() {
    return new JavaLstmSequenceModel(weights);
  }

  /** The LSTM layer sizes n, input side first (for descriptions and tests). */
  public int[] lstmUnits() {
    int[] out = new int[weights.lstms.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weights.lstms[i].n;
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a window is empty or its rows are not {@code F} wide
   */
  @Override
  public double[] predict(double[][][] normalisedWindows) {
    int batch = normalisedWindows.length;
    double[] out = new double[batch];
    for (int from = 0; from < batch; from += CHUNK) {
      int rows = Math.min(CHUNK, batch - from);
      runChunk(normalisedWindows, from, rows, out);
    }
    return out;
  }

  private void runChunk(double[][][] windows, int from, int rows, double[] out) {
    Lstm[] lstms = weights.lstms;
    int steps = windows[from].length;
    if (steps == 0) {
      throw new IllegalArgumentException("window " + from + " has no time steps");
    }
    for (int b = 0; b < rows; b++) {
      if (windows[from + b].length != steps) {
        throw new IllegalArgumentException("window " + (from + b) + " has "
            + windows[from + b].length + " time steps, window " + from + " has " + steps);
      }
    }
    // Zero state: h (the tail of each layer's input row) and c.
    for (int l = 0; l < lstms.length; l++) {
      for (int b = 0; b < rows; b++) {
        java.util.Arrays.fill(scratch.in[l][b], 0.0f);
        java.util.Arrays.fill(scratch.cell[l][b], 0.0);
      }
    }
    int f = weights.features;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < rows; b++) {
        double[] x = windows[from + b][t];
        if (x.length != f) {
          throw new IllegalArgumentException("window " + (from + b) + " step " + t + " has "
              + x.length + " features, the model takes " + f);
        }
        float[] row = scratch.in[0][b];
        for (int c = 0; c < f; c++) {
          row[c] = (float) x[c];
        }
      }
      for (int l = 0; l < lstms.length; l++) {
        Lstm layer = lstms[l];
        float[][] in = scratch.in[l];
        float[][] gates = scratch.gates[l];
        matmulBias(in, rows, layer.w, layer.bias, gates);
        float[][] next = l + 1 < lstms.length ? scratch.in[l + 1] : null;
        for (int b = 0; b < rows; b++) {
          cellUpdate(layer, gates[b], scratch.z[l], scratch.cell[l][b], in[b],
              next == null ? null : next[b]);
        }
      }
    }
    // The last LSTM's final h is the tail of its input row.
    Lstm top = lstms[lstms.length - 1];
    double[][] act = scratch.dense[0];
    for (int b = 0; b < rows; b++) {
      float[] h = scratch.in[lstms.length - 1][b];
      for (int u = 0; u < top.n; u++) {
        act[b][u] = h[top.nIn + u];
      }
    }
    for (int d = 0; d < weights.dense.length; d++) {
      Dense layer = weights.dense[d];
      double[][] o = scratch.dense[d + 1];
      matmulBias(act, rows, layer.w, layer.bias, o);
      for (int b = 0; b < rows; b++) {
        apply(layer.act, o[b], layer.nOut);
      }
      act = o;
    }
    for (int b = 0; b < rows; b++) {
      out[from + b] = act[b][0];
    }
  }

  /**
   * {@code out[b] = bias + in[b] · w} for {@code b < rows}; {@code w} is {@code [K][G]} as rows.
   * {@code float} operands, as DL4J's float networks use, for twice the SIMD width of {@code
   * double}.
   */
  static void matmulBias(float[][] in, int rows, float[][] w, float[] bias, float[][] out) {
    int k = w.length;
    int g = bias.length;
    for (int b = 0; b < rows; b++) {
      System.arraycopy(bias, 0, out[b], 0, g);
    }
    int kk = 0;
    for (; kk + 4 <= k; kk += 4) {
      float[] w0 = w[kk];
      float[] w1 = w[kk + 1];
      float[] w2 = w[kk + 2];
      float[] w3 = w[kk + 3];
      for (int b = 0; b < rows; b++) {
        float[] x = in[b];
        float s0 = x[kk];
        float s1 = x[kk + 1];
        float s2 = x[kk + 2];
        float s3 = x[kk + 3];
        float[] o = out[b];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j] + s1 * w1[j] + s2 * w2[j] + s3 * w3[j];
        }
      }
    }
    for (; kk < k; kk++) {
      float[] w0 = w[kk];
      for (int b = 0; b < rows; b++) {
        float s0 = in[b][kk];
        float[] o = out[b];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j];
        }
      }
    }
  }

  /**
   * {@code out[b] = bias + in[b] · w} for {@code b < rows}; {@code w} is {@code [K][G]} as rows.
   * Four rows of {@code w} per pass so that each output element is loaded and stored once per
   * four multiply-adds. (Dense layers; LSTM layers use the {@code float} twin.)
   */
  static void matmulBias(double[][] in, int rows, double[][] w, double[] bias, double[][] out) {
    int k = w.length;
    int g = bias.length;
    for (int b = 0; b < rows; b++) {
      System.arraycopy(bias, 0, out[b], 0, g);
    }
    int kk = 0;
    for (; kk + 4 <= k; kk += 4) {
      double[] w0 = w[kk];
      double[] w1 = w[kk + 1];
      double[] w2 = w[kk + 2];
      double[] w3 = w[kk + 3];
      for (int b = 0; b < rows; b++) {
        double[] x = in[b];
        double s0 = x[kk];
        double s1 = x[kk + 1];
        double s2 = x[kk + 2];
        double s3 = x[kk + 3];
        double[] o = out[b];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j] + s1 * w1[j] + s2 * w2[j] + s3 * w3[j];
        }
      }
    }
    for (; kk < k; kk++) {
      double[] w0 = w[kk];
      for (int b = 0; b < rows; b++) {
        double s0 = in[b][kk];
        double[] o = out[b];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j];
        }
      }
    }
  }

  /**
   * One LSTM step for one window from its pre-activations {@code zf} (blocks g, f, o, i; widened
   * into {@code z} and activated there in double): updates {@code c} and writes the new h into the recurrent tail of {@code in} and,
   * when there is a next layer, into the head of its input row. Array-at-a-time so the JIT
   * vectorises the activations.
   */
  private static void cellUpdate(
      Lstm layer, float[] zf, double[] z, double[] c, float[] in, float[] next) {
    int n = layer.n;
    for (int j = 0; j < 4 * n; j++) {
      z[j] = zf[j];
    }
    layer.act.applyInPlace(z, 0, n);
    layer.gate.applyInPlace(z, n, 4 * n);
    for (int u = 0; u < n; u++) {
      c[u] = z[n + u] * c[u] + z[3 * n + u] * z[u];
    }
    // h = o * act(c), computed in the g block (no longer needed) to keep c intact.
    System.arraycopy(c, 0, z, 0, n);
    layer.act.applyInPlace(z, 0, n);
    int tail = layer.nIn;
    for (int u = 0; u < n; u++) {
      in[tail + u] = (float) (z[2 * n + u] * z[u]);
    }
    if (next != null) {
      System.arraycopy(in, tail, next, 0, n);
    }
  }

  private static void apply(Act act, double[] v, int n) {
    act.applyInPlace(v, 0, n);
  }

  /** Element-wise activations DL4J layers may use here. */
  enum Act {
    IDENTITY,
    TANH,
    SIGMOID,
    RELU;

    /** Applies the activation to {@code v[from, to)}. */
    void applyInPlace(double[] v, int from, int to) {
      switch (this) {
        case IDENTITY -> { }
        case TANH -> {
          for (int i = from; i < to; i++) {
            v[i] = tanh(v[i]);
          }
        }
        case SIGMOID -> {
          for (int i = from; i < to; i++) {
            v[i] = sigmoid(v[i]);
          }
        }
        case RELU -> {
          for (int i = from; i < to; i++) {
            v[i] = Math.max(v[i], 0.0);
          }
        }
        default -> throw new IllegalStateException(name());
      }
    }

    static Act of(IActivation a, String where) {
      if (a instanceof ActivationTanH) {
        return TANH;
      }
      if (a instanceof ActivationSigmoid) {
        return SIGMOID;
      }
      if (a instanceof ActivationIdentity) {
        return IDENTITY;
      }
      if (a instanceof ActivationReLU r && isPlainRelu(r)) {
        return RELU;
      }
      throw new IllegalArgumentException(where + " uses activation " + a
          + "; the Java engine supports identity, tanh, sigmoid and relu");
    }

    private static boolean isPlainRelu(ActivationReLU r) {
      boolean zero = r.getThreshold() == null || r.getThreshold() == 0.0;
      boolean flat = r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0;
      return r.getMax() == null && zero && flat;
    }
  }

  /** Logistic sigmoid, {@code 1 / (1 + e^-x)}. */
  static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  /** tanh as {@code 2 sigmoid(2x) - 1}. */
  static double tanh(double x) {
    return 2.0 / (1.0 + exp(-2.0 * x)) - 1.0;
  }

  /**
   * {@code e^x} for {@code x} clamped to {@code [-40, 40]} (sigmoid and tanh are flat to 1e-17
   * beyond), without {@link Math#exp} so that loops over arrays vectorise: {@code e^x = (e^(x/256))
   * ^256}, with {@code e^y} for {@code |y| <= 0.16} from its Taylor polynomial of degree 9
   * (truncation below 3e-15 relative, so below 1e-12 after the 8 squarings).
   */
  static double exp(double x) {
    double y = Math.max(-40.0, Math.min(40.0, x)) * (1.0 / 256.0);
    double p = 1.0 + y * (1.0 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120
        + y * (1.0 / 720 + y * (1.0 / 5040 + y * (1.0 / 40320 + y * (1.0 / 362880)))))))));
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    return p;
  }

  /** One LSTM layer: {@code w} rows are {@code [W; RW]}, {@code (nIn + n)} rows of {@code 4n}. */
  private record Lstm(int nIn, int n, float[][] w, float[] bias, Act act, Act gate) {}

  /** One dense layer: {@code w} is {@code [nIn][nOut]}. */
  private record Dense(int nIn, int nOut, double[][] w, double[] bias, Act act) {}

  /** Immutable weights, shared between copies. */
  private record Weights(int features, Lstm[] lstms, Dense[] dense) {

    static Weights of(MultiLayerNetwork network, int features) {
      List<Lstm> lstms = new ArrayList<>();
      List<Dense> dense = new ArrayList<>();
      boolean sequenceDone = false;
      long width = features;
      int layers = network.getnLayers();
      for (int i = 0; i < layers; i++) {
        Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
        String where = "layer " + i + " (" + conf.getClass().getSimpleName() + ")";
        var params = network.getLayer(i).paramTable();
        if (conf instanceof DropoutLayer) {
          continue;
        }
        boolean lastStep = false;
        if (conf instanceof LastTimeStep lts) {
          conf = lts.getUnderlying();
          lastStep = true;
          where = "layer " + i + " (LastTimeStep(" + conf.getClass().getSimpleName() + "))";
        }
        if (conf.getClass() == LSTM.class) {
          LSTM lstm = (LSTM) conf;
          if (sequenceDone) {
            throw new IllegalArgumentException(where + " follows the layer that took the last"
                + " time step; the Java engine needs all LSTM layers before it");
          }
          if (lstm.getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException(where + " uses data format "
                + lstm.getRnnDataFormat() + "; the Java engine supports NCW");
          }
          int nIn = (int) lstm.getNIn();
          int n = (int) lstm.getNOut();
          if (nIn != width) {
            throw new IllegalArgumentException(where + " takes " + nIn + " inputs but receives "
                + width);
          }
          float[][] w = new float[nIn + n][];
          System.arraycopy(toFloat(matrix(params.get("W"), nIn, 4 * n, where + " W")), 0, w, 0, nIn);
          System.arraycopy(toFloat(matrix(params.get("RW"), n, 4 * n, where + " RW")), 0, w, nIn, n);
          float[] bias = toFloat(vector(params.get("b"), 4 * n, where + " b"));
          lstms.add(new Lstm(nIn, n, w, bias, Act.of(lstm.getActivationFn(), where),
              Act.of(lstm.getGateActivationFn(), where + " gate")));
          width = n;
          sequenceDone = lastStep;
        } else if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
          if (conf instanceof BaseOutputLayer && conf.getClass() != org.deeplearning4j.nn.conf
              .layers.OutputLayer.class) {
            throw new IllegalArgumentException(where + " is not supported by the Java engine"
                + " (supported output layer: OutputLayer)");
          }
          if (!sequenceDone) {
            throw new IllegalArgumentException(where + " is a dense layer before any LSTM that"
                + " takes the last time step (wrap the last LSTM in LastTimeStep)");
          }
          var ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
          int nIn = (int) ff.getNIn();
          int nOut = (int) ff.getNOut();
          if (nIn != width) {
            throw new IllegalArgumentException(where + " takes " + nIn + " inputs but receives "
                + width);
          }
          double[][] w = matrix(params.get("W"), nIn, nOut, where + " W");
          double[] bias = params.containsKey("b") ? vector(params.get("b"), nOut, where + " b")
              : new double[nOut];
          dense.add(new Dense(nIn, nOut, w, bias, Act.of(ff.getActivationFn(), where)));
          width = nOut;
        } else {
          throw new IllegalArgumentException(where + " is not supported by the Java engine"
              + " (supported: LSTM, LastTimeStep(LSTM), DropoutLayer, DenseLayer, OutputLayer)");
        }
      }
      if (lstms.isEmpty() || !sequenceDone) {
        throw new IllegalArgumentException("the network has no LSTM wrapped in LastTimeStep;"
            + " the Java engine needs stacked LSTM layers, the last one taking the last time step");
      }
      if (width != 1) {
        throw new IllegalArgumentException("the network outputs " + width
            + " values per window; the Java engine needs exactly 1");
      }
      return new Weights(features, lstms.toArray(Lstm[]::new), dense.toArray(Dense[]::new));
    }

    private static double[][] matrix(INDArray a, int rows, int cols, String what) {
      if (a == null || a.rank() != 2 || a.rows() != rows || a.columns() < cols) {
        throw new IllegalArgumentException(what + " has shape "
            + (a == null ? "none" : java.util.Arrays.toString(a.shape())) + ", expected ["
            + rows + ", " + cols + "]");
      }
      double[][] all = a.toDoubleMatrix();
      double[][] out = new double[rows][];
      for (int r = 0; r < rows; r++) {
        out[r] = java.util.Arrays.copyOf(all[r], cols);
      }
      return out;
    }

    private static float[][] toFloat(double[][] m) {
      float[][] out = new float[m.length][];
      for (int r = 0; r < m.length; r++) {
        out[r] = toFloat(m[r]);
      }
      return out;
    }

    private static float[] toFloat(double[] v) {
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) v[i];
      }
      return out;
    }

    private static double[] vector(INDArray a, int n, String what) {
      if (a == null || a.length() != n) {
        throw new IllegalArgumentException(what + " has "
            + (a == null ? "no values" : a.length() + " values") + ", expected " + n);
      }
      return a.reshape(n).toDoubleVector();
    }
  }

  /** Per-instance buffers for one chunk. */
  private static final class Scratch {
    /** Per LSTM layer, per row: {@code [x_t, h_{t-1}]}. */
    final float[][][] in;
    /** Per LSTM layer, per row: the 4n pre-activations. */
    final float[][][] gates;
    /** Per LSTM layer: the 4n activations of the row being updated, in double. */
    final double[][] z;
    /** Per LSTM layer, per row: the cell state c. */
    final double[][][] cell;
    /** Dense activations: index 0 the last LSTM's h, then one per dense layer. */
    final double[][][] dense;

    Scratch(Weights w) {
      int l = w.lstms.length;
      in = new float[l][][];
      gates = new float[l][][];
      z = new double[l][];
      cell = new double[l][][];
      for (int i = 0; i < l; i++) {
        Lstm layer = w.lstms[i];
        in[i] = new float[CHUNK][layer.nIn + layer.n];
        gates[i] = new float[CHUNK][4 * layer.n];
        z[i] = new double[4 * layer.n];
        cell[i] = new double[CHUNK][layer.n];
      }
      dense = new double[w.dense.length + 1][][];
      dense[0] = new double[CHUNK][w.lstms[l - 1].n];
      for (int i = 0; i < w.dense.length; i++) {
        dense[i + 1] = new double[CHUNK][w.dense[i].nOut];
      }
    }
  }
}
