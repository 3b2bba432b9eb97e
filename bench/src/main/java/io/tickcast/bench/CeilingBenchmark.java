package io.tickcast.bench;

import io.tickcast.core.engine.LstmKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ceiling the inference figures are read against: the matrix products of one LSTM time step
 * of the benchmarked model at its shapes, {@code [batch, 4n] = [batch, nIn + n] × [nIn + n, 4n]}
 * for each LSTM layer ({@link BenchModels#LSTM_SHAPES}), with nothing else (no bias, no
 * activations). One operation is one such step for {@code batch} windows: {@link
 * BenchModels#stepFlops} FLOPs per window, so windows/s ceiling = GFLOP/s × 10⁹ / ({@link
 * BenchModels#WINDOW} × that). {@code bench/results-table.py} takes the best GFLOP/s over the
 * products and batches, per thread count, as the ceiling of the run (and prints the native
 * BLAS's best beside it).
 *
 * <p>{@code gemm}: {@code nd4j} is {@code Nd4j.gemm} on float arrays, the native BLAS (OpenBLAS
 * {@code sgemm}) the trainer's DL4J runs on, single-threaded as {@code OMP_NUM_THREADS=1} sets it;
 * {@code java-loop} is the best plain Java float loop for this shape (the rank-4 update the scalar
 * kernel uses, which C2 auto-vectorises, on arrays of rows); {@code scalar} and {@code vector}
 * are the engine's own kernels ({@code LstmKernel}), with a zero bias. {@link #oneThread} runs on one JMH thread, {@link
 * #allThreads} on one per processor, each with its own operands.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class CeilingBenchmark {
  /**
   * Which GEMM: {@code nd4j} (native BLAS), {@code java-loop}, or the engine's kernels {@code
   * scalar} and {@code vector} ({@code LstmKernel.matmulBias}).
   */
  @Param({"nd4j", "java-loop", "scalar", "vector"})
  public String gemm;

  /** Windows (rows) per product. */
  @Param({"8", "64", "256"})
  public int batch;

  private Runnable step;

  /** One LSTM time step's products, each layer's operands made once. */
  /** Prints the CPU and its vector extensions (into JMH's log), then makes the operands. */
  @Setup(Level.Trial)
  public void setUp() {
    printCpuOnce();
    Random r = new Random(7);
    int layers = BenchModels.LSTM_SHAPES.length;
    switch (gemm) {
      case "nd4j" -> step = BenchModels.nd4jStep(batch);
      case "java-loop" -> {
        float[][][] a = new float[layers][][];
        float[][][] b = new float[layers][][];
        float[][][] c = new float[layers][][];
        for (int l = 0; l < layers; l++) {
          int k = BenchModels.LSTM_SHAPES[l][0] + BenchModels.LSTM_SHAPES[l][1];
          int n = 4 * BenchModels.LSTM_SHAPES[l][1];
          a[l] = BenchModels.random(r, batch, k);
          b[l] = BenchModels.random(r, k, n);
          c[l] = new float[batch][n];
        }
        step = () -> {
          for (int l = 0; l < layers; l++) {
            plainLoop(a[l], b[l], c[l]);
          }
        };
      }
      // The engine's kernels: matmulBias with a zero bias.
      default -> step = BenchModels.kernelStep(LstmKernel.named(gemm), batch);
    }
  }

  /** One time step's products on one thread. */
  @Benchmark
  @Threads(1)
  public void oneThread() {
    step.run();
  }

  /** One time step's products on each of one thread per processor at once. */
  @Benchmark
  @Threads(Threads.MAX)
  public void allThreads() {
    step.run();
  }

  /**
   * {@code c = a × b}, {@code a [m][k]}, {@code b [k][n]} as rows: for each output row, rank-4
   * updates over contiguous rows of {@code b}, the shape C2 vectorises best (its innermost loop is
   * one fused multiply-add chain per element over four rows of {@code b}).
   */
  static void plainLoop(float[][] a, float[][] b, float[][] c) {
    int k = b.length;
    int n = b[0].length;
    for (float[] o : c) {
      java.util.Arrays.fill(o, 0f);
    }
    int kk = 0;
    for (; kk + 4 <= k; kk += 4) {
      float[] b0 = b[kk];
      float[] b1 = b[kk + 1];
      float[] b2 = b[kk + 2];
      float[] b3 = b[kk + 3];
      for (int i = 0; i < a.length; i++) {
        float[] x = a[i];
        float s0 = x[kk];
        float s1 = x[kk + 1];
        float s2 = x[kk + 2];
        float s3 = x[kk + 3];
        float[] o = c[i];
        for (int j = 0; j < n; j++) {
          o[j] += s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j];
        }
      }
    }
    for (; kk < k; kk++) {
      float[] b0 = b[kk];
      for (int i = 0; i < a.length; i++) {
        float s0 = a[i][kk];
        float[] o = c[i];
        for (int j = 0; j < n; j++) {
          o[j] += s0 * b0[j];
        }
      }
    }
  }


  private static volatile boolean printed;

  /** The CPU model, processors and SIMD flags of {@code /proc/cpuinfo}, once per fork. */
  private static synchronized void printCpuOnce() {
    if (printed) {
      return;
    }
    printed = true;
    System.out.println("# CPU: " + cpuDescription());
  }

  /** {@code model; N processors; flags avx2 fma ...} from {@code /proc/cpuinfo}, or why not. */
  static String cpuDescription() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      String model = field(lines, "model name");
      List<String> flags = List.of(field(lines, "flags").split("\\s+"));
      String simd = String.join(" ", flags.stream()
          .filter(f -> f.startsWith("avx") || f.startsWith("sse4") || f.equals("fma")
              || f.startsWith("amx"))
          .toList());
      return model + "; " + Runtime.getRuntime().availableProcessors() + " processors; " + simd;
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e + ")";
    }
  }

  private static String field(List<String> lines, String name) {
    return lines.stream().filter(l -> l.startsWith(name)).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
  }
}
