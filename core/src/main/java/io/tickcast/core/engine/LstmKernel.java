package io.tickcast.core.engine;

import java.util.Locale;

/**
 * The arithmetic of one LSTM time step for a chunk of windows, on {@code float} arrays of rows
 * (one array per row keeps every row's loops on offset 0, which C2 vectorises): the matrix product with bias, and the cell update with its activations. Two
 * implementations, held to the same results by the parity suite: {@link ScalarKernel} (plain
 * loops that C2 auto-vectorises) and {@code VectorKernel} (register-blocked with the JDK Vector
 * API, {@code jdk.incubator.vector}), loaded only where that module is present.
 *
 * <p>Stateless and thread-safe.
 */
public interface LstmKernel {
  /** The kernel's name: {@code scalar} or {@code vector}. */
  String name();

  /**
   * {@code out[b][j] = bias[j] + Σ_kk in[b][kk] · w[kk][j]} for {@code b < rows}, {@code j <
   * n}, {@code kk < k}.
   *
   * @param in at least {@code rows} rows of at least {@code k}
   * @param w {@code [k][n]}
   * @param bias {@code [n]}
   * @param out at least {@code rows} rows of at least {@code n}, overwritten
   */
  void matmulBias(float[][] in, int rows, FloatMatrix w, float[] bias, float[][] out);

  /**
   * One LSTM cell update for {@code rows} windows from the pre-activations {@code z[b]} ({@code
   * 4n}, blocks g, f, o, i; overwritten): {@code c = f⊙c + i⊙act(g)}, {@code h = o⊙act(c)} with
   * the gates through {@code gate}. Writes c into {@code c[b]} and h into {@code in[b]} from
   * {@code tail} and, when {@code next} is not null, into {@code next[b]} from 0.
   */
  void cellUpdate(float[][] z, float[][] c, int rows, int n, Activation act, Activation gate,
      float[][] in, int tail, float[][] next);

  /** The scalar kernel. */
  static LstmKernel scalar() {
    return ScalarKernel.INSTANCE;
  }

  /**
   * The fastest kernel this JVM can run: the Vector API kernel when the module {@code
   * jdk.incubator.vector} is in the boot layer (the JVM started with {@code --add-modules
   * jdk.incubator.vector}) and its vectors are wider than 4 floats, else {@link #scalar()}. The
   * vector kernel's class is loaded reflectively, so nothing links against the module where it
   * is absent.
   */
  static LstmKernel best() {
    return VectorSupport.BEST;
  }

  /**
   * A kernel by name: {@code scalar}, {@code vector} or {@code auto} ({@link #best()}).
   *
   * @throws IllegalArgumentException for another name, or {@code vector} where the module is
   *     absent (the message says how to add it)
   */
  static LstmKernel named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "scalar" -> scalar();
      case "auto" -> best();
      case "vector" -> VectorSupport.vector().orElseThrow(() -> new IllegalArgumentException(
          "the vector kernel needs the JDK module jdk.incubator.vector: start the JVM with"
              + " --add-modules jdk.incubator.vector (" + VectorSupport.WHY_NOT + ")"));
      default -> throw new IllegalArgumentException("unknown kernel '" + name
          + "'; expected scalar, vector or auto");
    };
  }
}
