package io.tickcast.bench;

import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 50-step path ({@link Forecaster#forecast}) for one batch: exact (50 model calls over the
 * sliding window, each recomputing the whole window) in both exact roll-forward variants, and the
 * carry-state approximation. Score:
 * milliseconds per batch; paths/s = batch × 1000 / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 2, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class PathBenchmark {
  /**
   * Inference engine ({@link BenchModels#forecaster}): {@code dl4j}; {@code java} (best kernel,
   * every processor), {@code java-1t} (best kernel, calling thread), {@code java-scalar}, {@code
   * java-scalar-1t} (the scalar kernel); {@code onnx} (ONNX Runtime, every processor), {@code
   * onnx-1t} (one intra-op thread).
   */
  @Param({"dl4j", "java-scalar-1t", "java-1t", "java-scalar", "java", "onnx-1t", "onnx"})
  public String engine;

  /** Windows per call. */
  @Param({"1", "64"})
  public int batch;

  /**
   * Roll-forward variant: {@code seed} or {@code renormalise} (exact), or {@code carry-state} (the
   * cheaper approximation; DL4J computes it on growing sequences, its reference form).
   */
  @Param({"seed", "renormalise", "carry-state"})
  public String rollForward;

  private Forecaster forecaster;
  private double[][][] windows;

  /** Builds the model and the windows. */
  @Setup(Level.Trial)
  public void setUp() {
    forecaster = BenchModels.forecaster(engine, RollForward.fromConfig(rollForward));
    windows = BenchModels.windows(batch, 2);
  }

  /** One batch of 50-step paths. */
  @Benchmark
  public PathForecast[] path() {
    return forecaster.forecast(windows);
  }
}
