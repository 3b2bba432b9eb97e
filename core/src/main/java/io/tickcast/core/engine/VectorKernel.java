package io.tickcast.core.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The LSTM step with the JDK Vector API ({@code jdk.incubator.vector}) at the CPU's preferred
 * float width (8 lanes with AVX2, 16 with AVX-512). The product is register-blocked: 4 rows × 2
 * vectors of outputs stay in 8 accumulator registers across the whole K loop, each step loading
 * 2 weight vectors and broadcasting 4 inputs for 8 fused multiply-adds, so outputs are stored
 * once instead of once per K; the weights are read from their flat layout ({@link FloatMatrix}).
 * The cell update vectorises the tanh/sigmoid approximation ({@link Activation#tanh}) with the
 * Vector API in one array pass per activation.
 *
 * <p>Only loaded through {@link LstmKernel#best()} / {@link LstmKernel#named} when the module is
 * present; nothing else links against this class.
 */
final class VectorKernel implements LstmKernel, VectorSupport.VectorKernelInfo {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Public no-argument constructor for the reflective load. */
  public VectorKernel() {}

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public int lanes() {
    return L;
  }

  @Override
  public void matmulBias(float[][] in, int rows, FloatMatrix matrix, float[] bias,
      float[][] out) {
    float[] w = matrix.flat();
    int k = matrix.k();
    int n = matrix.n();
    int full = rows - rows % 4;
    int j = 0;
    for (; j + 2 * L <= n; j += 2 * L) {
      for (int b = 0; b < full; b += 4) {
        block4x2(in, b, w, k, n, bias, out, j);
      }
    }
    // Leftover rows (all rows at batch 1): one row × 8 vectors keeps 8 independent
    // multiply-add chains in flight, where 1 × 2 would wait on the FMA latency.
    for (int b = full; b < rows; b++) {
      int jj = 0;
      for (; jj + 8 * L <= j; jj += 8 * L) {
        block1x8(in[b], w, k, n, bias, out[b], jj);
      }
      for (; jj < j; jj += 2 * L) {
        block1x2(in[b], w, k, n, bias, out[b], jj);
      }
    }
    for (; j + L <= n; j += L) {
      for (int b = 0; b < rows; b++) {
        block1x1(in[b], w, k, n, bias, out[b], j);
      }
    }
    for (; j < n; j++) {
      for (int b = 0; b < rows; b++) {
        float[] x = in[b];
        float acc = bias[j];
        for (int kk = 0; kk < k; kk++) {
          acc = Math.fma(x[kk], w[kk * n + j], acc);
        }
        out[b][j] = acc;
      }
    }
  }

  /** Rows {@code b..b+3}, columns {@code [j, j + 2L)}; {@code w} flat {@code [k][n]}. */
  private static void block4x2(float[][] in, int b, float[] w, int k, int n, float[] bias,
      float[][] out, int j) {
    float[] x0 = in[b];
    float[] x1 = in[b + 1];
    float[] x2 = in[b + 2];
    float[] x3 = in[b + 3];
    FloatVector c00 = FloatVector.fromArray(S, bias, j);
    FloatVector c01 = FloatVector.fromArray(S, bias, j + L);
    FloatVector c10 = c00;
    FloatVector c11 = c01;
    FloatVector c20 = c00;
    FloatVector c21 = c01;
    FloatVector c30 = c00;
    FloatVector c31 = c01;
    for (int kk = 0, at = j; kk < k; kk++, at += n) {
      FloatVector w0 = FloatVector.fromArray(S, w, at);
      FloatVector w1 = FloatVector.fromArray(S, w, at + L);
      FloatVector a = FloatVector.broadcast(S, x0[kk]);
      c00 = a.fma(w0, c00);
      c01 = a.fma(w1, c01);
      a = FloatVector.broadcast(S, x1[kk]);
      c10 = a.fma(w0, c10);
      c11 = a.fma(w1, c11);
      a = FloatVector.broadcast(S, x2[kk]);
      c20 = a.fma(w0, c20);
      c21 = a.fma(w1, c21);
      a = FloatVector.broadcast(S, x3[kk]);
      c30 = a.fma(w0, c30);
      c31 = a.fma(w1, c31);
    }
    c00.intoArray(out[b], j);
    c01.intoArray(out[b], j + L);
    c10.intoArray(out[b + 1], j);
    c11.intoArray(out[b + 1], j + L);
    c20.intoArray(out[b + 2], j);
    c21.intoArray(out[b + 2], j + L);
    c30.intoArray(out[b + 3], j);
    c31.intoArray(out[b + 3], j + L);
  }

  /** One row, columns {@code [j, j + 2L)}: the same arithmetic as one row of {@link #block4x2}. */
  private static void block1x2(float[] x, float[] w, int k, int n, float[] bias, float[] out,
      int j) {
    FloatVector c0 = FloatVector.fromArray(S, bias, j);
    FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
    for (int kk = 0, at = j; kk < k; kk++, at += n) {
      FloatVector a = FloatVector.broadcast(S, x[kk]);
      c0 = a.fma(FloatVector.fromArray(S, w, at), c0);
      c1 = a.fma(FloatVector.fromArray(S, w, at + L), c1);
    }
    c0.intoArray(out, j);
    c1.intoArray(out, j + L);
  }

  /** One row, columns {@code [j, j + 8L)}: the same arithmetic per element as the others. */
  private static void block1x8(float[] x, float[] w, int k, int n, float[] bias, float[] out,
      int j) {
    FloatVector c0 = FloatVector.fromArray(S, bias, j);
    FloatVector c1 = FloatVector.fromArray(S, bias, j + L);
    FloatVector c2 = FloatVector.fromArray(S, bias, j + 2 * L);
    FloatVector c3 = FloatVector.fromArray(S, bias, j + 3 * L);
    FloatVector c4 = FloatVector.fromArray(S, bias, j + 4 * L);
    FloatVector c5 = FloatVector.fromArray(S, bias, j + 5 * L);
    FloatVector c6 = FloatVector.fromArray(S, bias, j + 6 * L);
    FloatVector c7 = FloatVector.fromArray(S, bias, j + 7 * L);
    for (int kk = 0, at = j; kk < k; kk++, at += n) {
      FloatVector a = FloatVector.broadcast(S, x[kk]);
      c0 = a.fma(FloatVector.fromArray(S, w, at), c0);
      c1 = a.fma(FloatVector.fromArray(S, w, at + L), c1);
      c2 = a.fma(FloatVector.fromArray(S, w, at + 2 * L), c2);
      c3 = a.fma(FloatVector.fromArray(S, w, at + 3 * L), c3);
      c4 = a.fma(FloatVector.fromArray(S, w, at + 4 * L), c4);
      c5 = a.fma(FloatVector.fromArray(S, w, at + 5 * L), c5);
      c6 = a.fma(FloatVector.fromArray(S, w, at + 6 * L), c6);
      c7 = a.fma(FloatVector.fromArray(S, w, at + 7 * L), c7);
    }
    c0.intoArray(out, j);
    c1.intoArray(out, j + L);
    c2.intoArray(out, j + 2 * L);
    c3.intoArray(out, j + 3 * L);
    c4.intoArray(out, j + 4 * L);
    c5.intoArray(out, j + 5 * L);
    c6.intoArray(out, j + 6 * L);
    c7.intoArray(out, j + 7 * L);
  }

  /** One row, columns {@code [j, j + L)}. */
  private static void block1x1(float[] x, float[] w, int k, int n, float[] bias, float[] out,
      int j) {
    FloatVector c0 = FloatVector.fromArray(S, bias, j);
    for (int kk = 0, at = j; kk < k; kk++, at += n) {
      c0 = FloatVector.broadcast(S, x[kk]).fma(FloatVector.fromArray(S, w, at), c0);
    }
    c0.intoArray(out, j);
  }

  /**
   * The cell update in array passes, one activation each: the Vector API's tanh over the cell
   * input block, sigmoid over the three gate blocks, then the cell and h loops (which C2
   * vectorises). Other activations than tanh/sigmoid go to {@link ScalarKernel}.
   */
  @Override
  public void cellUpdate(float[][] zs, float[][] cs, int rows, int n, Activation act,
      Activation gate, float[][] ins, int tail, float[][] next) {
    if (act != Activation.TANH || gate != Activation.SIGMOID) {
      ScalarKernel.INSTANCE.cellUpdate(zs, cs, rows, n, act, gate, ins, tail, next);
      return;
    }
    for (int b = 0; b < rows; b++) {
      float[] z = zs[b];
      float[] c = cs[b];
      float[] in = ins[b];
      tanhInPlace(z, 0, n);
      sigmoidInPlace(z, n, 4 * n);
      for (int u = 0; u < n; u++) {
        c[u] = z[n + u] * c[u] + z[3 * n + u] * z[u];
      }
      // h = o * tanh(c), computed in the g block (no longer needed) to keep c intact.
      System.arraycopy(c, 0, z, 0, n);
      tanhInPlace(z, 0, n);
      for (int u = 0; u < n; u++) {
        in[tail + u] = z[2 * n + u] * z[u];
      }
      if (next != null) {
        System.arraycopy(in, tail, next[b], 0, n);
      }
    }
  }

  /** {@code v[i] = tanh(v[i])} for {@code i} in {@code [from, to)}. */
  private static void tanhInPlace(float[] v, int from, int to) {
    int i = from;
    for (; i + L <= to; i += L) {
      tanh(FloatVector.fromArray(S, v, i)).intoArray(v, i);
    }
    for (; i < to; i++) {
      v[i] = Activation.tanh(v[i]);
    }
  }

  /** {@code v[i] = sigmoid(v[i])} for {@code i} in {@code [from, to)}. */
  private static void sigmoidInPlace(float[] v, int from, int to) {
    int i = from;
    for (; i + L <= to; i += L) {
      sigmoid(FloatVector.fromArray(S, v, i)).intoArray(v, i);
    }
    for (; i < to; i++) {
      v[i] = Activation.sigmoid(v[i]);
    }
  }

  /** {@link Activation#tanh} lane-wise (Horner with fused multiply-adds). */
  static FloatVector tanh(FloatVector x) {
    FloatVector c = x.max(-Activation.TANH_CLAMP).min(Activation.TANH_CLAMP);
    FloatVector x2 = c.mul(c);
    FloatVector p = x2.fma(Activation.P13, Activation.P11);
    p = p.fma(x2, FloatVector.broadcast(S, Activation.P9));
    p = p.fma(x2, FloatVector.broadcast(S, Activation.P7));
    p = p.fma(x2, FloatVector.broadcast(S, Activation.P5));
    p = p.fma(x2, FloatVector.broadcast(S, Activation.P3));
    p = p.fma(x2, FloatVector.broadcast(S, Activation.P1));
    FloatVector q = x2.fma(Activation.Q6, Activation.Q4);
    q = q.fma(x2, FloatVector.broadcast(S, Activation.Q2));
    q = q.fma(x2, FloatVector.broadcast(S, Activation.Q0));
    return c.mul(p).div(q);
  }

  /** {@link Activation#sigmoid} lane-wise: {@code (1 + tanh(x / 2)) / 2}. */
  static FloatVector sigmoid(FloatVector x) {
    return tanh(x.mul(0.5f)).fma(0.5f, 0.5f);
  }
}
