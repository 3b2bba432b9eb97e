package io.tickcast.bench.e2e;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.tickcast.cli.ForecastReader;
import io.tickcast.cli.replay.Rate;
import io.tickcast.cli.replay.TickPublisher;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.RunningApp;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.TickWindowSerde;
import io.tickcast.testkit.LatencyStats;
import io.tickcast.testkit.LocalPipeline;
import io.tickcast.testkit.TempDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end stream benchmark, in one JVM: an embedded KRaft broker and the stream app
 * started by a {@link LocalPipeline} (production entry point, topology, serdes, model loading and
 * metrics), a producer of {@link SyntheticTicks} (Avro, through {@link TickPublisher}) and a consumer of the
 * forecasts topic ({@link ForecastReader}). Measures steady-state throughput after a warm-up,
 * tick-to-forecast latency two ways, memory and state size, and checks that every tick completing
 * a window got a forecast; repeated, with the engine's own batched rate measured in the same
 * process. Everything it starts is stopped, and its temporary directories are deleted, before
 * {@link #run} returns, also on failure.
 */
public final class StreamBench {
  private static final Logger LOG = LoggerFactory.getLogger(StreamBench.class);
  /** Longest wait for the stream app to reach RUNNING. */
  static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  /** How often counters are sampled for the steady-state rates. */
  static final Duration SAMPLE_INTERVAL = Duration.ofMillis(10);
  private static final Duration THREAD_EXIT_WAIT = Duration.ofSeconds(10);

  /**
   * What to run.
   *
   * @param model a model artifact directory (or a directory of them, the newest is used), or
   *     null for an {@link UntrainedModel} of the tutorial's default shape
   * @param symbols symbols, round-robin, at least 1
   * @param ticks ticks to send, more than the warm-up
   * @param rate the producer's pace
   * @param warmupTicks first ticks left out of the steady-state figures; null for symbols × W
   *     (until every symbol has a full window and its first forecast)
   * @param partitions partitions of every topic, at least 1
   * @param streamThreads stream threads; null for the app's default
   * @param engine inference engine ({@code auto}, {@code java}, {@code dl4j}); null for the app's
   *     default
   * @param batchMaxSize most windows per inference call; null for the app's default
   * @param batchMaxDelay longest a window waits for its batch; null for the app's default
   * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}; null for the
   *     app's default
   * @param pathEvery compute the H-step path every k-th tick per symbol; null for the app's
   *     default
   * @param seed seed of the random walks and the untrained weights
   * @param idleTimeout stop waiting for forecasts after this long without progress
   * @param appSettings more stream-app settings ({@code tickcast.*} keys, e.g. {@code
   *     tickcast.streams.commit.interval.ms}); they override the ones above
   * @param repeats runs, each on a fresh broker and app in this JVM, at least 1
   * @param engineTime how long the engine's batched rate is measured after the runs (as long
   *     again warming up); zero skips it
   */
  public record Options(
      Path model,
      int symbols,
      int ticks,
      Rate rate,
      Integer warmupTicks,
      int partitions,
      Integer streamThreads,
      String engine,
      Integer batchMaxSize,
      Duration batchMaxDelay,
      String processingGuarantee,
      Integer pathEvery,
      long seed,
      Duration idleTimeout,
      Map<String, String> appSettings,
      int repeats,
      Duration engineTime) {
    /** @throws IllegalArgumentException naming the bad option */
    public Options {
      Objects.requireNonNull(rate, "rate");
      Objects.requireNonNull(engineTime, "engineTime");
      if (repeats < 1) {
        throw new IllegalArgumentException("--repeats must be at least 1, was " + repeats);
      }
      if (engineTime.isNegative()) {
        throw new IllegalArgumentException("--engine-time must not be negative");
      }
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      appSettings = appSettings == null ? Map.of() : Map.copyOf(appSettings);
      if (symbols < 1) {
        throw new IllegalArgumentException("--symbols must be at least 1, was " + symbols);
      }
      if (ticks < 1) {
        throw new IllegalArgumentException("--ticks must be at least 1, was " + ticks);
      }
      if (warmupTicks != null && (warmupTicks < 0 || warmupTicks >= ticks)) {
        throw new IllegalArgumentException("--warmup-ticks must be 0.." + (ticks - 1)
            + " (less than --ticks), was " + warmupTicks);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
      }
      if (pathEvery != null && pathEvery < 1) {
        throw new IllegalArgumentException("--path-every must be at least 1, was " + pathEvery);
      }
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("--idle-timeout must be positive");
      }
    }
  }

  private StreamBench() {}

  /**
   * Runs the benchmark {@link Options#repeats} times, each on a fresh broker and app in this JVM
   * (so later repeats run JIT-compiled code), then measures the engine's batched next-step rate
   * on the same model in this process ({@link EngineRate}).
   *
   * @param o what to run
   * @param out progress lines
   * @param stop polled throughout; true ends sending early and shuts everything down
   * @return the figures of every repeat and their spread
   * @throws io.tickcast.streams.config.InvalidConfigException if an app setting is invalid
   *     (before anything starts)
   * @throws IllegalArgumentException if the options or the model directory are unusable
   * @throws io.tickcast.streams.StartupException if the stream app cannot start
   * @throws io.tickcast.broker.EmbeddedKafkaException if the broker cannot start
   * @throws IllegalStateException if the app does not start in time or stream processing fails
   * @throws InterruptedException if interrupted
   */
  public static StreamBenchReport run(Options o, PrintWriter out, BooleanSupplier stop)
      throws InterruptedException {
    return run(o, out, stop, ledger -> { });
  }

  /**
   * Like {@link #run(Options, PrintWriter, BooleanSupplier)}, and hands each repeat's tick ledger
   * (every tick sent and the forecasts received for it) to {@code inspect} once its forecasts are
   * in, before its app stops; for tests that check forecasts one by one.
   */
  static StreamBenchReport run(Options o, PrintWriter out, BooleanSupplier stop,
      Consumer<TickLedger> inspect) throws InterruptedException {
    long t0 = System.nanoTime();
    Path work;
    try {
      work = Files.createTempDirectory("tickcast-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try {
      // The model: the given artifact, or an untrained one of the default shape.
      Path modelDir;
      boolean untrained = o.model() == null;
      if (untrained) {
        modelDir = work.resolve("model");
        UntrainedModel.save(modelDir, o.seed());
      } else {
        modelDir = ModelArtifact.latest(o.model()).orElseThrow(() -> new IllegalArgumentException(
            "no model artifact (model.json) in " + o.model()));
      }
      // App config, validated before anything starts.
      AppConfig.of(settings(o, modelDir));
      List<StreamBenchResult> runs = new ArrayList<>();
      InferenceEngine engine = null;
      for (int k = 1; k <= o.repeats() && !stop.getAsBoolean(); k++) {
        out.printf(Locale.ROOT, "== repeat %d of %d%n", k, o.repeats());
        out.flush();
        InferenceEngine[] resolved = new InferenceEngine[1];
        runs.add(runOnce(o, modelDir, untrained, out, stop, inspect, resolved));
        engine = resolved[0];
      }
      EngineRate rate = null;
      if (engine != null && !stop.getAsBoolean() && !o.engineTime().isZero()) {
        StreamBenchResult.Setup s = runs.get(0).setup();
        out.printf(Locale.ROOT, "== engine: batched next step, %s engine, batch %d, %d s warm-up"
                + " + %d s measured, in this process%n", engine.configName(), s.batchMaxSize(),
            o.engineTime().toSeconds(), o.engineTime().toSeconds());
        out.flush();
        rate = EngineRate.measure(modelDir, engine, s.batchMaxSize(), o.engineTime(), o.seed());
      }
      return StreamBenchReport.of(runs, rate, (System.nanoTime() - t0) / 1e9);
    } finally {
      TempDirs.deleteRecursively(work);
    }
  }

  /** One repeat on a fresh {@link LocalPipeline}; {@code engine[0]} gets the engine it ran. */
  private static StreamBenchResult runOnce(Options o, Path modelDir, boolean untrained,
      PrintWriter out, BooleanSupplier stop, Consumer<TickLedger> inspect,
      InferenceEngine[] engineUsed) throws InterruptedException {
    long t0 = System.nanoTime();
    Instant startedAt = Instant.now();
    double loadStart = ProcessStats.loadAverage();
    Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
    ModelMetadata meta = readMetadata(modelDir);
    int w = meta.windowLength();
    int warmup = o.warmupTicks() != null ? o.warmupTicks()
        : (int) Math.min((long) o.symbols() * w, o.ticks() - 1L);
    try (LocalPipeline pipeline = LocalPipeline.builder().settings(settings(o, modelDir))
        .partitions(o.partitions()).startupTimeout(STARTUP_TIMEOUT)
        .stateDirPrefix("tickcast-bench-state-").start()) {
      AppConfig config = pipeline.config();
      RunningApp app = pipeline.app();
      out.printf("[1/4] Kafka broker (embedded, KRaft) at %s; %d partition%s per topic%n",
          pipeline.bootstrapServers(), o.partitions(), o.partitions() == 1 ? "" : "s");
      // What the app actually serves: the engine with auto resolved, the roll-forward override.
      engineUsed[0] = app.model().engine();
      String engine = engineUsed(config.inferenceEngine(), app.model().engine());
      String rollForward = app.model().rollForward().configName();
      out.printf(Locale.ROOT, "[2/4] stream app running: model %s%s (W %d, H %d, %s, roll-forward"
              + " %s), engine %s, %d stream thread%s, %s, H-step path every %d tick%s%n",
          app.modelVersion().substring(0, 12),
          untrained ? ", UNTRAINED weights of the tutorial's default shape" : "", w,
          meta.horizon(), meta.normalisation(), rollForward, engine, config.numStreamThreads(),
          config.numStreamThreads() == 1 ? "" : "s", config.processingGuarantee(),
          config.pathEveryTicks(), config.pathEveryTicks() == 1 ? "" : "s");
      out.flush();
      AppMeters meters = new AppMeters(app.registry());

      // Consumer, sampler, producer.
      SyntheticTicks generator = new SyntheticTicks(o.symbols(), o.seed());
      TickLedger ledger = new TickLedger(o.symbols(), o.ticks());
      ForecastReader listener = pipeline.open(new ForecastReader(pipeline.bootstrapServers(),
          config.forecastsTopic(), config.forecastFormat(), "tickcast-bench-forecasts",
          (f, now) -> ledger.forecast(generator.indexOf(f.getSymbol()),
              f.getLastTickTime().toEpochMilli(), now, !f.getPath().isEmpty())));
      listener.start();
      long forecastsBeforeWarmup = Math.max(0, warmup - (long) o.symbols() * (w - 1));
      Sampler sampler = pipeline.open(new Sampler(meters, ledger, forecastsBeforeWarmup, out));
      sampler.start();
      long expectedAll = 0;
      for (int i = 0; i < o.ticks(); i++) {
        expectedAll += i / o.symbols() >= w - 1 ? 1 : 0;
      }
      out.printf(Locale.ROOT, "[3/4] sending %d ticks (%d symbols, round-robin) at %s; warm-up"
              + " %d ticks; expecting %d forecasts%n", o.ticks(), o.symbols(), o.rate(), warmup,
          expectedAll);
      out.flush();
      long sendStart = System.nanoTime();
      try (TickPublisher publisher = TickPublisher.create(pipeline.bootstrapServers(),
          config.ticksTopic(), config.tickFormat(), Map.of("client.id", "tickcast-bench"))) {
        publisher.publish(o.ticks(), i -> generator.next(i, System.currentTimeMillis()), o.rate(),
            () -> stop.getAsBoolean() || app.hasFailed(),
            (i, tick, nanos) -> ledger.sent(i, tick.getTimestamp().toEpochMilli(), nanos));
      }
      double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
      awaitCompletion(app, meters, ledger, w, o.idleTimeout(), stop, out);
      if (app.hasFailed()) {
        throw new IllegalStateException("stream processing failed; see the log above");
      }

      // Figures, before anything stops.
      sampler.close();
      inspect.accept(ledger);
      StreamBenchResult.Memory memory = memory();
      HistogramSnapshot appLatencyEnd = meters.tickToForecast().takeSnapshot();
      StreamBenchResult.Completeness completeness = new StreamBenchResult.Completeness(
          ledger.sent(), meters.received(), meters.accepted(), meters.rejected(),
          meters.duplicates(), ledger.expectedForecasts(w, 0), ledger.distinctForecasts(),
          ledger.forecastsWithPath(), ledger.missingForecasts(w, 0), ledger.duplicateForecasts(),
          ledger.unmatchedForecasts(), meters.failed());
      StreamBenchResult.Throughput throughput = new StreamBenchResult.Throughput(
          sampler.ticksPerSecond(warmup, meters.accepted()),
          sampler.forecastsPerSecond(forecastsBeforeWarmup, ledger.distinctForecasts()),
          sendSeconds);
      LatencyStats endToEnd = LatencyStats.ofNanos(ledger.latenciesNanos(warmup));
      LatencyStats inApp = LatencyStats.ofHistogram(sampler.appLatencyAtWarmup(), appLatencyEnd);
      StreamBenchResult.Setup setup = new StreamBenchResult.Setup(o.symbols(), o.ticks(),
          o.rate().toString(), warmup, o.partitions(), config.numStreamThreads(),
          engine, config.batchMaxSize(), config.batchMaxDelay().toMillis(),
          config.processingGuarantee(), config.pathEveryTicks(), modelDir.toString(),
          app.modelVersion(), untrained, w, meta.horizon(), meta.normalisation(), rollForward,
          new TreeMap<>(o.appSettings()));

      // Stop the consumer and the app (a clean close flushes the stores), then size them.
      out.println("[4/4] stopping the stream app and measuring its state directory ...");
      out.flush();
      listener.close();
      app.close();
      StreamBenchResult.State state = stateSize(pipeline.stateDir(), w);
      StreamBenchResult.Machine machine = new StreamBenchResult.Machine(
          Runtime.getRuntime().availableProcessors(), loadStart, ProcessStats.loadAverage(),
          System.getProperty("java.version"), Runtime.getRuntime().maxMemory(),
          startedAt.toString());
      return new StreamBenchResult(setup, machine, throughput, endToEnd, inApp, memory, state,
          completeness, (System.nanoTime() - t0) / 1e9);
    } finally {
      reportLeftoverThreads(threadsBefore);
    }
  }

  /** The stream-app settings of a run. */
  static Map<String, String> settings(Options o, Path modelDir) {
    Map<String, String> s = new HashMap<>();
    s.put(AppConfig.APPLICATION_ID, "tickcast-bench");
    s.put(AppConfig.TICK_FORMAT, WireFormat.AVRO.configName());
    s.put(AppConfig.FORECAST_FORMAT, WireFormat.AVRO.configName());
    s.put(AppConfig.MODEL_DIR, modelDir.toString());
    s.put(AppConfig.MODEL_POLL_INTERVAL_MS, "0");
    s.put(AppConfig.HTTP_PORT, "-1");
    s.put(AppConfig.TOPICS_PARTITIONS, Integer.toString(o.partitions()));
    putIfSet(s, AppConfig.NUM_STREAM_THREADS, o.streamThreads());
    putIfSet(s, AppConfig.INFERENCE_ENGINE, o.engine());
    putIfSet(s, AppConfig.BATCH_MAX_SIZE, o.batchMaxSize());
    putIfSet(s, AppConfig.BATCH_MAX_DELAY_MS,
        o.batchMaxDelay() == null ? null : o.batchMaxDelay().toMillis());
    putIfSet(s, AppConfig.PROCESSING_GUARANTEE, o.processingGuarantee());
    putIfSet(s, AppConfig.FORECAST_PATH_EVERY_TICKS, o.pathEvery());
    s.putAll(o.appSettings());
    return s;
  }

  /**
   * The engine as reported: the concrete one, with the setting in front when that was {@code
   * auto} (e.g. {@code auto (java)}).
   */
  static String engineUsed(InferenceEngine configured, InferenceEngine resolved) {
    return configured == resolved ? resolved.configName()
        : configured.configName() + " (" + resolved.configName() + ")";
  }

  private static void putIfSet(Map<String, String> s, String key, Object value) {
    if (value != null) {
      s.put(key, value.toString());
    }
  }

  private static ModelMetadata readMetadata(Path modelDir) {
    Path file = modelDir.resolve(ModelArtifact.METADATA_FILE);
    try {
      return ModelArtifact.json().readValue(file.toFile(), ModelMetadata.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model metadata " + file + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Waits until the app has read every tick sent and the consumer has a forecast for every tick
   * that completed a window; gives up after {@code idle} without progress.
   */
  private static void awaitCompletion(RunningApp app, AppMeters meters, TickLedger ledger, int w,
      Duration idle, BooleanSupplier stop, PrintWriter out) throws InterruptedException {
    long expected = ledger.expectedForecasts(w, 0);
    long lastProgress = System.nanoTime();
    long lastSeen = -1;
    while (!stop.getAsBoolean() && !app.hasFailed()) {
      long read = meters.received();
      long forecasts = ledger.distinctForecasts();
      if (read >= ledger.sent() && forecasts >= expected) {
        return;
      }
      long seen = read + forecasts;
      if (seen != lastSeen) {
        lastSeen = seen;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > idle.toNanos()) {
        out.printf("      no progress for %d s: the app read %d of %d ticks, %d of %d forecasts"
            + " arrived; reporting what there is%n", idle.toSeconds(), read, ledger.sent(),
            forecasts, expected);
        out.flush();
        return;
      }
      Thread.sleep(20);
    }
  }

  /** Heap after a full GC, and the process's resident set from {@code /proc/self/status}. */
  private static StreamBenchResult.Memory memory() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new StreamBenchResult.Memory(heap, ProcessStats.procStatusBytes("VmRSS"),
        ProcessStats.procStatusBytes("VmHWM"));
  }

  /** Bytes of one full window of W ticks in the app's store format. */
  static int serializedWindowBytes(int w) {
    long[] times = new long[w];
    double[] prices = new double[w];
    double[] volumes = new double[w];
    for (int i = 0; i < w; i++) {
      times[i] = 1_700_000_000_000L + i;
      prices[i] = 100.0;
      volumes[i] = Double.NaN;
    }
    try (TickWindowSerde serde = new TickWindowSerde()) {
      return serde.serializer().serialize("tick-windows",
          new TickWindow(times, prices, volumes)).length;
    }
  }

  /**
   * Sizes a Kafka Streams state directory: {@code *.sst} files below a {@code rocksdb} directory
   * count for the store directory that follows it; every other file is overhead.
   */
  static StreamBenchResult.State stateSize(Path stateDir, int w) {
    Map<String, Long> sst = new TreeMap<>();
    long[] total = new long[2]; // all bytes, overhead bytes
    if (Files.isDirectory(stateDir)) {
      try (Stream<Path> files = Files.walk(stateDir)) {
        files.filter(Files::isRegularFile).forEach(f -> {
          long size;
          try {
            size = Files.size(f);
          } catch (IOException e) {
            size = 0; // removed while walking
          }
          total[0] += size;
          Path rel = stateDir.relativize(f);
          String store = null;
          for (int i = 0; i + 2 < rel.getNameCount(); i++) {
            if (rel.getName(i).toString().equals("rocksdb")) {
              store = rel.getName(i + 1).toString();
              break;
            }
          }
          if (store != null && f.getFileName().toString().endsWith(".sst")) {
            sst.merge(store, size, Long::sum);
          } else {
            total[1] += size;
          }
        });
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("could not size the state directory {}: {}", stateDir, e.toString());
      }
    }
    return new StreamBenchResult.State(total[0], sst, total[1], serializedWindowBytes(w));
  }

  /**
   * Threads started during the run that are still alive after shutdown, waiting up to {@link
   * #THREAD_EXIT_WAIT} for them to end; logged as a warning when there are any.
   *
   * @return their names
   */
  static List<String> reportLeftoverThreads(Set<Thread> before) {
    long deadline = System.nanoTime() + THREAD_EXIT_WAIT.toNanos();
    List<String> left;
    do {
      left = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(t) && t.isAlive() && !t.isDaemon()
            && t != Thread.currentThread()) {
          left.add(t.getName());
        }
      }
      if (left.isEmpty()) {
        return left;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    LOG.warn("threads still running after the benchmark stopped: {}", left);
    return left;
  }

  /** The app's meters read by the benchmark. */
  static final class AppMeters {
    private final MeterRegistry registry;
    private final Counter received;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter emitted;
    private final Counter failed;
    private final Timer tickToForecast;

    AppMeters(MeterRegistry registry) {
      this.registry = registry;
      this.received = registry.get("tickcast.ticks.received").counter();
      this.accepted = registry.get("tickcast.ticks.accepted").counter();
      this.duplicates = registry.get("tickcast.ticks.duplicates").counter();
      this.emitted = registry.get("tickcast.forecasts.emitted").counter();
      this.failed = registry.get("tickcast.forecasts.failed").counter();
      this.tickToForecast = registry.get("tickcast.tick.to.forecast.latency").timer();
    }

    long received() {
      return (long) received.count();
    }

    long accepted() {
      return (long) accepted.count();
    }

    long duplicates() {
      return (long) duplicates.count();
    }

    long emitted() {
      return (long) emitted.count();
    }

    long failed() {
      return (long) failed.count();
    }

    long rejected() {
      double sum = 0;
      for (Counter c : registry.find("tickcast.ticks.rejected").counters()) {
        sum += c.count();
      }
      return (long) sum;
    }

    Timer tickToForecast() {
      return tickToForecast;
    }
  }
}
