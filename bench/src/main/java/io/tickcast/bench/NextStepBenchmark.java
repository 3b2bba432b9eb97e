package io.tickcast.bench;

import io.tickcast.core.forecast.Forecaster;
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
 * Next-step forecasts ({@link Forecaster#nextStep}: normalise, run the model, de-normalise) for one
 * batch of 50-tick windows of the tutorial-size model. Score: milliseconds per batch; windows/s =
 * batch × 1000 / score, latency per window at batch 1 = score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class NextStepBenchmark {
  /**
   * Inference engine ({@link BenchModels#forecaster}): {@code dl4j}; {@code java} (best kernel,
   * every processor), {@code java-1t} (best kernel, calling thread), {@code java-scalar}, {@code
   * java-scalar-1t} (the scalar kernel); {@code onnx} (ONNX Runtime, every processor), {@code
   * onnx-1t} (one intra-op thread).
   */
  @Param({"dl4j", "java-scalar-1t", "java-1t", "java-scalar", "java", "onnx-1t", "onnx"})
  public String engine;

  /** Windows per call. */
  @Param({"1", "8", "64", "256"})
  public int batch;

  private Forecaster forecaster;
  private double[][][] windows;

  /** Builds the model and the windows. */
  @Setup(Level.Trial)
  public void setUp() {
    forecaster = BenchModels.forecaster(engine, RollForward.SEED);
    windows = BenchModels.windows(batch, 1);
  }

  /** One batch of next-step forecasts. */
  @Benchmark
  public double[] nextStep() {
    return forecaster.nextStep(windows);
  }
}
