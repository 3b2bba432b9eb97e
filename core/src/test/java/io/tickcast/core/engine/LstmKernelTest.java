package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both kernels against a double-precision reference written out here from the formulas, at shapes
 * that exercise every code path (4-row blocks and leftover rows, 2-vector and 1-vector column
 * blocks and scalar leftover columns, units not a multiple of the vector width), and the
 * fallback to the scalar kernel in a JVM without the Vector API module.
 */
class LstmKernelTest {
  private static final int[][] SHAPES = {{1, 1, 1}, {3, 7, 12}, {5, 51, 200}, {8, 150, 400},
      {9, 13, 44}, {2, 4, 16}, {7, 30, 36}};

  @Test
  void matmulBiasMatchesTheDefinition() {
    Random r = new Random(3);
    for (LstmKernel kernel : JavaLstmParityTest.KERNELS) {
      for (int[] shape : SHAPES) {
        int rows = shape[0];
        int k = shape[1];
        int n = shape[2];
        float[][] in = random(r, rows, k);
        float[][] w = random(r, k, n);
        float[] bias = random(r, 1, n)[0];
        float[][] out = new float[rows][n];
        kernel.matmulBias(in, rows, FloatMatrix.of(w), bias, out);
        for (int b = 0; b < rows; b++) {
          for (int j = 0; j < n; j++) {
            double expected = bias[j];
            for (int kk = 0; kk < k; kk++) {
              expected += (double) in[b][kk] * w[kk][j];
            }
            // float sums of k products of magnitude < 1: a few ulps of k
            assertThat((double) out[b][j]).as("%s %s", kernel.name(), List.of(rows, k, n))
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6 * k));
          }
        }
      }
    }
  }

  @Test
  void cellUpdateMatchesTheLstmEquations() {
    Random r = new Random(5);
    for (LstmKernel kernel : JavaLstmParityTest.KERNELS) {
      for (int n : new int[] {1, 3, 8, 13, 50, 100}) {
        int rows = 5;
        int tail = 2;
        float[][] z = random(r, rows, 4 * n);
        for (float[] row : z) {
          for (int i = 0; i < row.length; i++) {
            row[i] *= 12; // beyond the tanh clamp too
          }
        }
        float[][] c = random(r, rows, n);
        float[][] zCopy = copy(z);
        float[][] cBefore = copy(c);
        float[][] in = new float[rows][tail + n];
        float[][] next = new float[rows][n + 1];
        kernel.cellUpdate(z, c, rows, n, Activation.TANH, Activation.SIGMOID, in, tail, next);
        for (int b = 0; b < rows; b++) {
          for (int u = 0; u < n; u++) {
            double g = Math.tanh(zCopy[b][u]);
            double f = sigmoid(zCopy[b][n + u]);
            double o = sigmoid(zCopy[b][2 * n + u]);
            double i = sigmoid(zCopy[b][3 * n + u]);
            double cn = f * cBefore[b][u] + i * g;
            double h = o * Math.tanh(cn);
            assertThat((double) c[b][u]).as("%s c n=%d", kernel.name(), n).isCloseTo(cn,
                org.assertj.core.data.Offset.offset(2e-6));
            assertThat((double) in[b][tail + u]).as("%s h n=%d", kernel.name(), n).isCloseTo(h,
                org.assertj.core.data.Offset.offset(2e-6));
            assertThat(next[b][u]).isEqualTo(in[b][tail + u]);
          }
          assertThat(in[b][0]).isZero();
          assertThat(next[b][n]).isZero();
        }
      }
    }
  }

  @Test
  void namesAndBest() {
    assertThat(LstmKernel.named("scalar").name()).isEqualTo("scalar");
    // This JVM has the module (surefire's argLine), so the vector kernel is the best on a CPU
    // with vectors wider than 4 floats.
    assertThat(LstmKernel.named("auto")).isSameAs(LstmKernel.best());
    assertThat(LstmKernel.named("vector").name()).isEqualTo("vector");
    assertThatThrownBy(() -> LstmKernel.named("gpu"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scalar, vector");
  }

  @Test
  void aJvmWithoutTheVectorModuleFallsBackToScalar() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KernelProbe.class.getName()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("best=scalar")
        .contains("vector: the vector kernel needs the JDK module jdk.incubator.vector");
  }

  /** Prints the best kernel and why {@code vector} is unavailable, for the fallback test. */
  public static final class KernelProbe {
    public static void main(String[] args) throws IOException {
      System.out.println("best=" + LstmKernel.best().name());
      try {
        LstmKernel.named("vector");
        System.out.println("vector: available");
      } catch (IllegalArgumentException e) {
        System.out.println("vector: " + e.getMessage());
      }
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static float[][] random(Random r, int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = 2 * r.nextFloat() - 1;
      }
    }
    return m;
  }

  private static float[][] copy(float[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
