package io.tickcast.bench;

import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.streams.inference.FeatureMapping;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.TickWindowSerde;
import io.tickcast.streams.window.WindowPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stream app's per-tick CPU work around a symbol's window, apart from RocksDB itself, on full
 * 50-tick windows of 1,024 symbols in turn (as ticks of many symbols interleave). Scores:
 * nanoseconds per tick (per window for {@link #modelInput}).
 *
 * <ul>
 *   <li>{@link #decideApply}: {@code WindowPolicy.decide} and {@code apply} of a later tick (an
 *       append: the oldest tick dropped, the new one added);
 *   <li>{@link #serdeRoundTrip}: {@code TickWindowSerde} serialize and deserialize of a full
 *       window (the window store's put and get);
 *   <li>{@link #tick}: the window store path of {@code ForecastProcessor.process} without the
 *       store: deserialize the stored window, decide, apply, serialize the new one;
 *   <li>{@link #modelInput}: a full window to the model's input rows ({@code FeatureMapping.rows},
 *       one price column) and first-price normalisation ({@code n_i = p_i / p_0 - 1} and the base
 *       {@code p_0}), as each batched window is prepared.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class WindowUpdateBenchmark {
  private static final int SYMBOLS = 1024;
  private static final String STORE = "tick-windows";
  private static final long TICK_MS = 1_000;

  private final TickWindow[] windows = new TickWindow[SYMBOLS];
  private final byte[][] stored = new byte[SYMBOLS][];
  /** Price multipliers of the next ticks, cycled (random walk steps of ±0.05 %). */
  private final double[] steps = new double[4096];
  private Serializer<TickWindow> serializer;
  private Deserializer<TickWindow> deserializer;
  private FeatureMapping features;
  private int symbol;
  private int step;

  /** Full windows of random-walk prices near 100 price units, one tick a second. */
  @Setup
  public void setUp() {
    TickWindowSerde serde = new TickWindowSerde();
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < steps.length; i++) {
      steps[i] = 1 + 0.001 * (r.nextDouble() - 0.5);
    }
    for (int s = 0; s < SYMBOLS; s++) {
      TickWindow w = TickWindow.empty();
      double p = 50 + 100 * r.nextDouble();
      for (int t = 0; t < BenchModels.WINDOW; t++) {
        p *= steps[r.nextInt(steps.length)];
        w = w.append(1_767_225_600_000L + t * TICK_MS, p, 100 + r.nextInt(900),
            BenchModels.WINDOW);
      }
      windows[s] = w;
      stored[s] = serializer.serialize(STORE, w);
    }
    features = FeatureMapping.of(new ModelMetadata(1, "bench", BenchModels.WINDOW,
        BenchModels.HORIZON, List.of("close"), "close", "first-price", "seed", List.of(), Map.of(),
        null, null, Instant.EPOCH, Map.of()));
  }

  private int nextSymbol() {
    symbol = (symbol + 1) & (SYMBOLS - 1);
    return symbol;
  }

  private double nextStep() {
    step = (step + 1) & (steps.length - 1);
    return steps[step];
  }

  /** Window policy of one later tick on a full window. */
  @Benchmark
  public TickWindow decideApply() {
    int s = nextSymbol();
    TickWindow w = windows[s];
    long time = w.lastTime() + TICK_MS;
    double price = w.lastPrice() * nextStep();
    WindowPolicy.Decision d = WindowPolicy.decide(w, time, price);
    TickWindow next = WindowPolicy.apply(d, w, time, price, 500, BenchModels.WINDOW);
    windows[s] = next;
    return next;
  }

  /** Serialize and deserialize one full window. */
  @Benchmark
  public TickWindow serdeRoundTrip() {
    return deserializer.deserialize(STORE, serializer.serialize(STORE, windows[nextSymbol()]));
  }

  /** Stored bytes in, stored bytes out: deserialize, decide, apply, serialize. */
  @Benchmark
  public byte[] tick() {
    int s = nextSymbol();
    TickWindow w = deserializer.deserialize(STORE, stored[s]);
    long time = w.lastTime() + TICK_MS;
    double price = w.lastPrice() * nextStep();
    WindowPolicy.Decision d = WindowPolicy.decide(w, time, price);
    byte[] out = serializer.serialize(STORE,
        WindowPolicy.apply(d, w, time, price, 500, BenchModels.WINDOW));
    stored[s] = out;
    return out;
  }

  /** Model input rows of one full window, first-price normalised, and its base. */
  @Benchmark
  public void modelInput(Blackhole bh) {
    double[][] rows = features.rows(windows[nextSymbol()]);
    bh.consume(Normalisation.FIRST_PRICE.apply(rows));
    bh.consume(Normalisation.FIRST_PRICE.base(rows));
  }
}
