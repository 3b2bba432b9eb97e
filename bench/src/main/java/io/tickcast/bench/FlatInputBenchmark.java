package io.tickcast.bench;

import io.tickcast.core.engine.Dl4jImport;
import io.tickcast.core.engine.JavaLstmSequenceModel;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
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
 * The next step's input path, before and after the flat buffer: {@link #doubleWindows} is the
 * previous design (each window normalised into its own {@code double[W][F]}, the model reading
 * {@code double[][][]} and converting to float itself), {@link #flatBuffer} the current {@link
 * Forecaster#nextStep} (normalised once into one {@code float[batch·W·F]} the engine reads). Same
 * model, windows and de-normalisation. Score: milliseconds per batch; run with {@code -prof gc}
 * for bytes allocated per batch ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class FlatInputBenchmark {
  /**
   * Inference engine ({@link BenchModels#forecaster}), one thread; {@code java-tiny-1t}: the Java
   * engine on a 4-unit two-layer LSTM, so that the input path is a visible share of the call.
   */
  @Param({"java-1t", "onnx-1t", "java-tiny-1t"})
  public String engine;

  /** Windows per call. */
  @Param({"64"})
  public int batch;

  private Forecaster forecaster;
  private SequenceModel model;
  private ForecastSpec spec;
  private double[][][] windows;

  /** Builds the model and the windows. */
  @Setup(Level.Trial)
  public void setUp() {
    forecaster = BenchModels.forecaster(engine.equals("java-tiny-1t") ? "java-1t" : engine,
        RollForward.SEED);
    if (engine.equals("java-tiny-1t")) {
      forecaster = new Forecaster(new JavaLstmSequenceModel(
          Dl4jImport.weights(TestModels.tinyLstm(1, 4, 7), 1)), forecaster.spec());
    }
    model = forecaster.model();
    spec = forecaster.spec();
    windows = BenchModels.windows(batch, 1);
  }

  /** The previous design: per-window double arrays, converted by the engine. */
  @Benchmark
  public double[] doubleWindows() {
    Normalisation norm = spec.normalisation();
    int target = spec.targetColumn();
    double[][][] normalised = new double[windows.length][][];
    double[] base = new double[windows.length];
    for (int b = 0; b < windows.length; b++) {
      normalised[b] = norm.apply(windows[b]);
      base[b] = norm.base(windows[b])[target];
    }
    double[] out = model.predict(normalised);
    for (int b = 0; b < out.length; b++) {
      out[b] = norm.denormalise(out[b], base[b]);
    }
    return out;
  }

  /** The current next step: one flat float buffer, written once, read by the engine. */
  @Benchmark
  public double[] flatBuffer() {
    return forecaster.nextStep(windows);
  }
}
