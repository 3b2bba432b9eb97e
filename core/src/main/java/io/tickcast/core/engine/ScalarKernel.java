package io.tickcast.core.engine;

/**
 * The LSTM step in plain loops written so that C2 auto-vectorises them: the product as rank-4
 * updates over contiguous rows of {@code w} (each output element loaded and stored once per four
 * multiply-adds), activations one array pass each (a single fused loop over the units ran 2.5
 * times slower, scalar).
 */
final class ScalarKernel implements LstmKernel {
  static final ScalarKernel INSTANCE = new ScalarKernel();

  private ScalarKernel() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void matmulBias(float[][] in, int rows, FloatMatrix matrix, float[] bias,
      float[][] out) {
    float[][] w = matrix.rows();
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

  @Override
  public void cellUpdate(float[][] zs, float[][] cs, int rows, int n, Activation act,
      Activation gate, float[][] ins, int tail, float[][] next) {
    for (int b = 0; b < rows; b++) {
      float[] z = zs[b];
      float[] c = cs[b];
      float[] in = ins[b];
      act.applyInPlace(z, 0, n);
      gate.applyInPlace(z, n, 4 * n);
      for (int u = 0; u < n; u++) {
        c[u] = z[n + u] * c[u] + z[3 * n + u] * z[u];
      }
      // h = o * act(c), computed in the g block (no longer needed) to keep c intact.
      System.arraycopy(c, 0, z, 0, n);
      act.applyInPlace(z, 0, n);
      for (int u = 0; u < n; u++) {
        in[tail + u] = z[2 * n + u] * z[u];
      }
      if (next != null) {
        System.arraycopy(in, tail, next[b], 0, n);
      }
    }
  }
}
