package io.tickcast.bench;

import io.tickcast.core.normalise.Normalisation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * First-price normalisation of one 50-tick window ({@code n_i = p_i / p_0 - 1} and the base
 * {@code p_0}, as {@link io.tickcast.core.forecast.Forecaster#nextStep} does per window). Score:
 * microseconds per window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class NormalisationBenchmark {
  private static final int WINDOWS = 256;
  private final double[][][] windows = BenchModels.windows(WINDOWS, 3);

  /** Normalises 256 windows; the score is per window. */
  @Benchmark
  @OperationsPerInvocation(WINDOWS)
  public void firstPrice(Blackhole bh) {
    for (double[][] w : windows) {
      bh.consume(Normalisation.FIRST_PRICE.apply(w));
      bh.consume(Normalisation.FIRST_PRICE.base(w));
    }
  }
}
