package io.tickcast.bench;

import io.tickcast.core.engine.ChunkScheduler;
import io.tickcast.core.engine.Dl4jImport;
import io.tickcast.core.engine.JavaLstmSequenceModel;
import io.tickcast.core.engine.LstmKernel;
import io.tickcast.core.engine.LstmNetwork;
import io.tickcast.core.normalise.Normalisation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A/B comparison for a busy machine, where JMH's wall-clock scores are mostly other processes'
 * load: the calling thread's CPU time ({@code ThreadMXBean}) per operation, the candidates
 * interleaved round by round so that they see the same conditions, median over rounds. Compares
 * the ceiling's products ({@code nd4j} sgemm, and each engine kernel's {@code matmulBias}, at the
 * model's shapes, {@link BenchModels#LSTM_SHAPES}) with next-step inference on each kernel (one
 * thread), in FLOP per CPU-second and windows per CPU-second. Run: {@code OMP_NUM_THREADS=1 java
 * --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * io.tickcast.bench.CpuTimeComparison [batch ...]} (default 1 8 64).
 *
 * <p>CPU time still includes the cost of shared caches and cores under load; use it for ratios
 * within one run, as the JMH figures.
 */
public final class CpuTimeComparison {
  private static final int ROUNDS = 30;
  private static final int WARMUP_ROUNDS = 10;
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private CpuTimeComparison() {}

  /** Prints one line per candidate and batch. */
  public static void main(String[] args) {
    System.out.println("# CPU: " + CeilingBenchmark.cpuDescription());
    int[] batches = args.length == 0 ? new int[] {1, 8, 64}
        : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    LstmNetwork net = Dl4jImport.weights(BenchModels.tutorialNetwork(1), 1);
    List<LstmKernel> kernels = new ArrayList<>(List.of(LstmKernel.scalar()));
    if (LstmKernel.best() != LstmKernel.scalar()) {
      kernels.add(LstmKernel.best());
    }
    double windowFlops = BenchModels.stepFlops() * (double) BenchModels.WINDOW;
    for (int batch : batches) {
      List<String> names = new ArrayList<>();
      List<Runnable> ops = new ArrayList<>();
      List<Double> windowsPerOp = new ArrayList<>();
      names.add("sgemm nd4j (one step's products)");
      ops.add(BenchModels.nd4jStep(batch));
      windowsPerOp.add(batch / (double) BenchModels.WINDOW);
      for (LstmKernel k : kernels) {
        names.add("matmulBias " + k.name() + " (one step's products)");
        ops.add(BenchModels.kernelStep(k, batch));
        windowsPerOp.add(batch / (double) BenchModels.WINDOW);
      }
      double[][][] x = normalisedWindows(batch);
      for (LstmKernel k : kernels) {
        JavaLstmSequenceModel m = new JavaLstmSequenceModel(net, k, ChunkScheduler.CALLER_ONLY);
        names.add("next step, " + k.name() + " kernel, 1 thread");
        ops.add(() -> m.predict(x));
        windowsPerOp.add((double) batch);
      }
      double[] medianNs = measure(ops, Math.max(1, 512 / batch));
      double best = 0;
      for (int i = 0; i < ops.size(); i++) {
        best = Math.max(best, names.get(i).startsWith("next") ? 0 : windowsPerOp.get(i) / medianNs[i]);
      }
      for (int i = 0; i < ops.size(); i++) {
        double windowsPerCpuS = windowsPerOp.get(i) / medianNs[i] * 1e9;
        System.out.printf("batch %3d  %-42s %10.1f µs CPU/op  %6.1f GFLOP/CPU-s  %7.0f windows/CPU-s"
                + "  (%3.0f%% of the fastest product)%n", batch, names.get(i), medianNs[i] / 1e3,
            windowsPerCpuS * windowFlops / 1e9, windowsPerCpuS,
            100 * windowsPerOp.get(i) / medianNs[i] / best);
      }
    }
  }

  /** Median thread CPU ns per operation of each op, interleaved over rounds. */
  private static double[] measure(List<Runnable> ops, int reps) {
    List<List<Double>> times = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      times.add(new ArrayList<>());
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < ops.size(); i++) {
        long c0 = MX.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
          ops.get(i).run();
        }
        long c1 = MX.getCurrentThreadCpuTime();
        if (round >= WARMUP_ROUNDS) {
          times.get(i).add((c1 - c0) / (double) reps);
        }
      }
    }
    double[] out = new double[ops.size()];
    for (int i = 0; i < out.length; i++) {
      List<Double> t = times.get(i);
      Collections.sort(t);
      out[i] = t.get(t.size() / 2);
    }
    return out;
  }

  private static double[][][] normalisedWindows(int batch) {
    double[][][] raw = BenchModels.windows(batch, 1);
    double[][][] x = new double[batch][][];
    for (int i = 0; i < batch; i++) {
      x[i] = Normalisation.FIRST_PRICE.apply(raw[i]);
    }
    return x;
  }

}
