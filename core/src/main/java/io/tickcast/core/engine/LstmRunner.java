package io.tickcast.core.engine;

import java.util.Arrays;

/**
 * Runs an {@link LstmNetwork} on one chunk of windows at a time with a {@link LstmKernel}: all
 * layers advance one time step together, so each weight row is loaded once per chunk per step
 * and the working set stays in cache. The dense layers run in {@code double}.
 *
 * <p>Stateless apart from the network and kernel; all per-call state is in a {@link Scratch}.
 */
final class LstmRunner {
  private final LstmNetwork net;
  private final LstmKernel kernel;
  private final int chunk;

  LstmRunner(LstmNetwork net, LstmKernel kernel, int chunk) {
    this.net = net;
    this.kernel = kernel;
    this.chunk = chunk;
  }

  LstmNetwork network() {
    return net;
  }

  LstmKernel kernel() {
    return kernel;
  }

  /** Buffers for one chunk of up to {@code chunk} windows. */
  Scratch newScratch() {
    return new Scratch(net, chunk);
  }

  /** Runs windows {@code [from, from + rows)} from zero state; the state is left in {@code s}. */
  void runWindow(double[][][] windows, int from, int rows, Scratch s) {
    clearState(s, rows);
    int steps = windows[from].length;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < rows; b++) {
        setInput(s, b, windows[from + b][t]);
      }
      step(s, rows);
    }
  }

  /**
   * As {@link #runWindow(double[][][], int, int, Scratch)} on the flat buffer: each step's F
   * values are read straight from it into the first layer's input.
   */
  void runWindow(FloatWindows windows, int from, int rows, Scratch s) {
    clearState(s, rows);
    float[] data = windows.data();
    int steps = windows.windowLength();
    int f = windows.features();
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < rows; b++) {
        // F is a few columns: a plain loop rather than a System.arraycopy call per row and step
        float[] row = s.in[0][b];
        int at = windows.offset(from + b) + t * f;
        for (int c = 0; c < f; c++) {
          row[c] = data[at + c];
        }
      }
      step(s, rows);
    }
  }

  /** Zero h (in every layer's input tail) and c for the chunk's rows. */
  private void clearState(Scratch s, int rows) {
    for (int l = 0; l < net.lstms().length; l++) {
      for (int b = 0; b < rows; b++) {
        Arrays.fill(s.in[l][b], 0.0f);
        Arrays.fill(s.cell[l][b], 0.0f);
      }
    }
  }

  /** Puts one input row (F values) into the first layer's input of chunk row {@code b}. */
  void setInput(Scratch s, int b, double[] x) {
    float[] row = s.in[0][b];
    for (int c = 0; c < x.length; c++) {
      row[c] = (float) x[c];
    }
  }

  /** Overwrites one input value of chunk row {@code b} (the fed-back prediction). */
  void setInput(Scratch s, int b, int column, double value) {
    s.in[0][b][column] = (float) value;
  }

  /** One time step of every LSTM layer for the chunk's rows. */
  void step(Scratch s, int rows) {
    LstmNetwork.Lstm[] lstms = net.lstms();
    for (int l = 0; l < lstms.length; l++) {
      LstmNetwork.Lstm layer = lstms[l];
      kernel.matmulBias(s.in[l], rows, layer.w(), layer.bias(), s.gates[l]);
      kernel.cellUpdate(s.gates[l], s.cell[l], rows, layer.n(), layer.act(), layer.gate(),
          s.in[l], layer.nIn(), l + 1 == lstms.length ? null : s.in[l + 1]);
    }
  }

  /** The dense layers on the last LSTM's h: {@code out[at + b]} for the chunk's rows. */
  void readout(Scratch s, int rows, double[] out, int at) {
    LstmNetwork.Lstm[] lstms = net.lstms();
    LstmNetwork.Lstm top = lstms[lstms.length - 1];
    double[][] act = s.dense[0];
    for (int b = 0; b < rows; b++) {
      float[] h = s.in[lstms.length - 1][b];
      for (int u = 0; u < top.n(); u++) {
        act[b][u] = h[top.nIn() + u];
      }
    }
    for (int d = 0; d < net.dense().length; d++) {
      LstmNetwork.Dense layer = net.dense()[d];
      double[][] o = s.dense[d + 1];
      for (int b = 0; b < rows; b++) {
        System.arraycopy(layer.bias(), 0, o[b], 0, layer.nOut());
        for (int kk = 0; kk < layer.nIn(); kk++) {
          double x = act[b][kk];
          double[] w = layer.w()[kk];
          for (int j = 0; j < layer.nOut(); j++) {
            o[b][j] += x * w[j];
          }
        }
        layer.act().applyInPlace(o[b], 0, layer.nOut());
      }
      act = o;
    }
    for (int b = 0; b < rows; b++) {
      out[at + b] = act[b][0];
    }
  }

  /** One caller's buffers for one chunk. */
  static final class Scratch {
    /** Per LSTM layer, per row: {@code [x_t, h_{t-1}]}. */
    final float[][][] in;
    /** Per LSTM layer, per row: the 4n pre-activations. */
    final float[][][] gates;
    /** Per LSTM layer, per row: the cell state c. */
    final float[][][] cell;
    /** Dense activations: index 0 the last LSTM's h, then one per dense layer. */
    final double[][][] dense;

    Scratch(LstmNetwork w, int chunk) {
      int l = w.lstms().length;
      in = new float[l][][];
      gates = new float[l][][];
      cell = new float[l][][];
      for (int i = 0; i < l; i++) {
        LstmNetwork.Lstm layer = w.lstms()[i];
        in[i] = new float[chunk][layer.k()];
        gates[i] = new float[chunk][4 * layer.n()];
        cell[i] = new float[chunk][layer.n()];
      }
      dense = new double[w.dense().length + 1][][];
      dense[0] = new double[chunk][w.lstms()[l - 1].n()];
      for (int i = 0; i < w.dense().length; i++) {
        dense[i + 1] = new double[chunk][w.dense()[i].nOut()];
      }
    }
  }
}
