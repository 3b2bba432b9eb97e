package io.tickcast.bench.e2e;

import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * The engine's batched next-step rate measured in the benchmark's own process, beside the
 * end-to-end rate: {@link Forecaster#nextStep} (normalise, run the model, de-normalise) on full
 * batches of random-walk windows of the served model, on the calling thread's scheduler, after a
 * warm-up of the same length that is not counted.
 *
 * @param engine the engine measured ({@code java}, {@code dl4j}, ...)
 * @param batch windows per call (the app's {@code tickcast.batch.max.size})
 * @param windowsPerSecond windows forecast per second of wall time
 * @param windows windows forecast in the measured interval
 * @param seconds length of the measured interval, s
 */
public record EngineRate(String engine, int batch, double windowsPerSecond, long windows,
    double seconds) {

  /**
   * Measures the rate.
   *
   * @param modelDir the model artifact served
   * @param engine the engine the app resolved to
   * @param batch windows per call, at least 1
   * @param time measured time; the same again is spent warming up first
   * @param seed seed of the windows
   * @return the rate
   * @throws io.tickcast.core.model.ModelLoadException if the model cannot be loaded
   */
  public static EngineRate measure(Path modelDir, InferenceEngine engine, int batch,
      Duration time, long seed) {
    LoadedModel model = ModelArtifact.load(modelDir);
    Forecaster forecaster = model.newForecaster(engine);
    double[][][] windows = windows(batch, model.metadata().windowLength(),
        model.metadata().features().size(), seed);
    run(forecaster, windows, time.toNanos()); // warm-up, not counted
    long start = System.nanoTime();
    long calls = run(forecaster, windows, time.toNanos());
    double seconds = (System.nanoTime() - start) / 1e9;
    long n = calls * batch;
    return new EngineRate(engine.configName(), batch, n / seconds, n, seconds);
  }

  private static long run(Forecaster forecaster, double[][][] windows, long nanos) {
    long end = System.nanoTime() + nanos;
    long calls = 0;
    double sink = 0;
    do {
      sink += forecaster.nextStep(windows)[0];
      calls++;
    } while (System.nanoTime() < end);
    if (Double.isNaN(sink)) { // keeps the results live; a NaN forecast is worth knowing about
      throw new IllegalStateException("the engine returned NaN on random-walk windows");
    }
    return calls;
  }

  /**
   * {@code batch} random-walk windows near 100 price units (the first feature; the others near
   * 1,000, a volume's scale), shape {@code [batch][w][features]}.
   */
  static double[][][] windows(int batch, int w, int features, long seed) {
    Random r = new Random(seed);
    double[][][] out = new double[batch][w][features];
    for (int b = 0; b < batch; b++) {
      double p = 50 + 100 * r.nextDouble();
      for (int t = 0; t < w; t++) {
        p *= 1 + 0.01 * r.nextGaussian();
        out[b][t][0] = p;
        for (int f = 1; f < features; f++) {
          out[b][t][f] = 1000 * (1 + 0.1 * r.nextDouble());
        }
      }
    }
    return out;
  }
}
