package io.tickcast.core.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What {@link InferenceEngine#AUTO} picked for a model and why: every engine that can run the
 * network is timed on next-step batches of the served shape, and the fastest wins.
 *
 * <p>The measurement: per engine, untimed calls for {@link #BUDGET_NANOS} (native set-up, the
 * first JIT compilations), then calls on the same batch until {@link #BUDGET_NANOS} have passed
 * again (at least {@value #MIN_CALLS}); the figure is windows per second over the timed calls.
 * The JIT is still warming at start-up, so the pure-Java engine's figure is below its steady
 * state (the JMH benchmarks give that); a native engine is favoured when the two are close. The windows are fixed random walks in normalised
 * space (seed 17), so only the timing varies between runs.
 *
 * @param engine the fastest engine
 * @param windowsPerSecond each measured engine's next-step windows/s, in measurement order
 * @param batch windows per call
 * @param windowLength W of each window
 */
public record EngineChoice(InferenceEngine engine, Map<InferenceEngine, Double> windowsPerSecond,
    int batch, int windowLength) {
  /** Warm-up, then timed part, per engine: 40 ms each. */
  public static final long BUDGET_NANOS = 40_000_000L;
  /** Timed calls per engine at least. */
  public static final int MIN_CALLS = 2;

  /** Immutable copy. */
  public EngineChoice {
    windowsPerSecond = Collections.unmodifiableMap(new LinkedHashMap<>(windowsPerSecond));
  }

  /**
   * Times every engine that can run {@code network} and picks the fastest.
   *
   * @param network the served network; not modified
   * @param features F
   * @param windowLength W of the served windows
   * @param batch windows per call (the configured batch size)
   * @param scheduler the scheduler the Java and ONNX engines would serve with
   * @return the choice and the figures
   * @throws IllegalArgumentException if {@code windowLength} or {@code batch} is below 1
   */
  public static EngineChoice measure(MultiLayerNetwork network, int features, int windowLength,
      int batch, ChunkScheduler scheduler) {
    if (windowLength < 1 || batch < 1) {
      throw new IllegalArgumentException("window length and batch must be at least 1, got "
          + windowLength + " and " + batch);
    }
    double[][][] windows = windows(batch, windowLength, features);
    Map<InferenceEngine, Double> rates = new LinkedHashMap<>();
    for (InferenceEngine e : candidates(network, features)) {
      SequenceModel model = e.create(network, features, scheduler);
      long warm = System.nanoTime();
      do {
        model.predict(windows);
      } while (System.nanoTime() - warm < BUDGET_NANOS);
      int calls = 0;
      long start = System.nanoTime();
      long elapsed;
      do {
        model.predict(windows);
        calls++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < BUDGET_NANOS || calls < MIN_CALLS);
      rates.put(e, calls * (double) batch * 1e9 / elapsed);
    }
    InferenceEngine best = rates.entrySet().stream().max(Map.Entry.comparingByValue())
        .orElseThrow().getKey();
    return new EngineChoice(best, rates, batch, windowLength);
  }

  /** The engines that can run the network: DL4J always, Java and ONNX when they support it. */
  static List<InferenceEngine> candidates(MultiLayerNetwork network, int features) {
    List<InferenceEngine> out = new ArrayList<>();
    for (InferenceEngine e : List.of(InferenceEngine.JAVA, InferenceEngine.ONNX)) {
      try {
        e.resolve(network, features);
        out.add(e);
      } catch (IllegalArgumentException unsupported) {
        // not a candidate
      }
    }
    out.add(InferenceEngine.DL4J);
    return out;
  }

  /** One line for the log: the choice and every figure. */
  public String describe() {
    return "chose " + engine.configName() + " (next-step windows/s at batch " + batch + ", W "
        + windowLength + ": " + windowsPerSecond.entrySet().stream()
            .map(e -> e.getKey().configName() + " " + String.format(Locale.ROOT, "%.0f", e.getValue()))
            .collect(Collectors.joining(", ")) + ")";
  }

  private static double[][][] windows(int batch, int w, int features) {
    Random r = new Random(17);
    double[][][] out = new double[batch][w][features];
    for (double[][] window : out) {
      for (int c = 0; c < features; c++) {
        double v = 0;
        for (double[] row : window) {
          row[c] = v;
          v += 0.01 * r.nextGaussian();
        }
      }
    }
    return out;
  }
}
