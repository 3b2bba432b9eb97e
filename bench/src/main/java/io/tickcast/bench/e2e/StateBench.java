package io.tickcast.bench.e2e;

import io.tickcast.streams.state.BoundedMemoryRocksDBConfig;
import io.tickcast.streams.topology.ForecastTopology;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.TickWindowSerde;
import io.tickcast.streams.window.WindowPolicy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The state bench: holds many symbols' full tick windows in the stream app's window store and
 * measures their size and memory.
 *
 * <p>What it exercises: the app's window store as the topology declares it ({@code
 * Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("tick-windows"), Serdes.String(),
 * new TickWindowSerde())}: metered store over Kafka Streams' own RocksDB store), one store per
 * task ({@code partitions} tasks; symbols spread by the producer's murmur2 key hash as the
 * repartition topic spreads them), initialised by Kafka Streams' own store code with the app's
 * {@link BoundedMemoryRocksDBConfig} (unless the bound is 0); the real {@link WindowPolicy} and
 * {@link TickWindowSerde}. Phase 1 (load) runs W ticks per symbol through {@code
 * WindowPolicy.decide/apply} and puts the full window once; phase 2 (steady) sends ticks to random
 * symbols through exactly the per-tick path of {@code ForecastProcessor}: store get, decide, apply,
 * store put.
 *
 * <p>What it skips: the broker, the changelog topic (logging disabled; the changelog holds one
 * compacted record per symbol on the broker), validation and repartitioning, the pending and
 * latest-forecast stores, inference, periodic commits (stores are committed once after each
 * phase), and the load phase's 49 intermediate store writes per symbol (their final state
 * is the same). The stores are initialised through {@code MockProcessorContext} (Kafka Streams'
 * test utilities), which records store metrics at DEBUG level, a little more work per operation
 * than the app's INFO.
 */
public final class StateBench {
  /** The metrics group of Kafka Streams' RocksDB store metrics. */
  static final String STATE_METRICS_GROUP = "stream-state-metrics";
  /** Longest wait for RocksDB's background compactions after a phase. */
  static final long SETTLE_TIMEOUT_MS = 60_000;
  /** Sub-topology id of the forecast processor (after the repartition topic) in the task ids. */
  private static final int SUBTOPOLOGY = 1;
  /** Topic name handed to the serde (it ignores it). */
  private static final String STORE_TOPIC = ForecastTopology.WINDOW_STORE;
  private static final long TICK_INTERVAL_MS = 1_000;
  private static final long START_TIME_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  /**
   * What to run.
   *
   * @param symbols symbols held
   * @param window W, ticks per window
   * @param steadyTicks ticks of the steady phase, to random symbols
   * @param partitions tasks, one window store each
   * @param memoryBytes the RocksDB bound of the instance ({@code
   *     tickcast.state.rocksdb.memory.bytes}); 0 runs Kafka Streams' per-store defaults
   * @param writeBufferRatio {@code tickcast.state.rocksdb.write.buffer.ratio}
   * @param stateDir an empty or new directory for the stores
   * @param seed random seed of prices and tick order
   */
  public record Settings(int symbols, int window, long steadyTicks, int partitions, long memoryBytes,
      double writeBufferRatio, Path stateDir, long seed) {
    /** @throws IllegalArgumentException naming the bad value */
    public Settings {
      if (symbols < 1 || window < 2 || steadyTicks < 0 || partitions < 1) {
        throw new IllegalArgumentException("symbols and partitions must be >= 1, window >= 2, "
            + "steady ticks >= 0");
      }
      if (memoryBytes != 0) {
        String problem = BoundedMemoryRocksDBConfig.memoryBytesProblem(memoryBytes);
        if (problem != null) {
          throw new IllegalArgumentException("memory bytes " + problem + ", or 0 for no bound");
        }
      }
      String ratioProblem = BoundedMemoryRocksDBConfig.writeBufferRatioProblem(writeBufferRatio);
      if (ratioProblem != null) {
        throw new IllegalArgumentException("write buffer ratio " + ratioProblem);
      }
    }
  }

  /**
   * Memory and state at one moment. RocksDB figures are over all window stores: the shared cache
   * is counted once, per-store caches are summed.
   *
   * @param heapUsedAfterGc JVM heap in use after a full GC, bytes
   * @param heapCommitted JVM heap committed, bytes
   * @param rss process resident set size ({@code VmRSS}), bytes; -1 where {@code /proc} is absent
   * @param rssPeak peak resident set size so far ({@code VmHWM}), bytes; -1 if unknown
   * @param blockCacheUsage {@code rocksdb.block-cache-usage} (with the bound: data, index and
   *     filter blocks and the memtables' reservations), bytes
   * @param blockCacheCapacity {@code rocksdb.block-cache-capacity}, bytes
   * @param memTables {@code rocksdb.cur-size-all-mem-tables}, bytes
   * @param tableReaders {@code rocksdb.estimate-table-readers-mem} (index and filter blocks held
   *     outside the cache), bytes
   * @param sstBytes {@code rocksdb.total-sst-files-size}, bytes
   * @param diskBytes all files under the state directory, bytes
   * @param keys {@code rocksdb.estimate-num-keys}
   * @param memTableEntries entries still in memtables ({@code rocksdb.num-entries-active-mem-table}
   *     + {@code rocksdb.num-entries-imm-mem-tables}), not yet in SST files
   */
  public record Snapshot(long heapUsedAfterGc, long heapCommitted, long rss, long rssPeak,
      long blockCacheUsage, long blockCacheCapacity, long memTables, long tableReaders,
      long sstBytes, long diskBytes, long keys, long memTableEntries) {}

  /**
   * The outcome.
   *
   * @param settings what ran
   * @param keyBytes serialized key bytes per symbol (UTF-8 symbol), mean
   * @param valueBytes serialized {@link TickWindow} bytes per symbol, full window
   * @param loadTicks ticks through decide/apply in the load phase (symbols × W)
   * @param loadNanos wall time of the load phase (window path + one put per symbol), ns
   * @param steadyNanos wall time of the steady phase, ns
   * @param loadCpuNanos CPU time of the bench thread in the load phase, ns (RocksDB's background
   *     flushes and compactions run on other threads and are not included)
   * @param steadyCpuNanos CPU time of the bench thread in the steady phase, ns
   * @param steadyAppends steady-phase ticks appended (all, unless the policy disagrees)
   * @param before after opening the empty stores
   * @param afterLoad after the load phase, flushed and compacted
   * @param afterSteady after the steady phase, flushed and compacted
   */
  public record Result(Settings settings, double keyBytes, int valueBytes, long loadTicks,
      long loadNanos, long steadyNanos, long loadCpuNanos, long steadyCpuNanos, long steadyAppends,
      Snapshot before, Snapshot afterLoad, Snapshot afterSteady) {
    /** Load-phase ticks per second (decide/apply of every tick plus one put per symbol). */
    public double loadTicksPerSecond() {
      return loadTicks * 1e9 / loadNanos;
    }

    /**
     * SST bytes per symbol after the load phase: SST file bytes over the symbols already flushed
     * from memtables (Kafka Streams 4.3 commits write offsets, they do not flush memtables).
     */
    public double sstBytesPerSymbol() {
      long flushed = settings.symbols() - afterLoad.memTableEntries();
      return flushed <= 0 ? Double.NaN : (double) afterLoad.sstBytes() / flushed;
    }

    /** Steady-phase ticks per second (get, decide, apply, put). */
    public double steadyTicksPerSecond() {
      return settings.steadyTicks() == 0 ? 0 : settings.steadyTicks() * 1e9 / steadyNanos;
    }
  }

  private final Settings settings;
  private final Progress progress;

  /** Told how far a phase has got, now and then. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param phase {@code load} (count: symbols) or {@code steady} (count: ticks)
     * @param done done so far
     * @param total the phase's total
     */
    void report(String phase, long done, long total);
  }

  /**
   * A bench of the given settings; nothing is opened until {@link #run}.
   *
   * @param settings what to run
   * @param progress told how far each phase has got
   */
  public StateBench(Settings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** The symbol of index {@code i}: {@code SYM} and 7 digits (10 bytes), as long as tickers get. */
  static String symbol(int i) {
    if (i >= 10_000_000) {
      return "SYM" + i;
    }
    char[] c = {'S', 'Y', 'M', '0', '0', '0', '0', '0', '0', '0'};
    for (int k = c.length - 1, v = i; v > 0; k--, v /= 10) {
      c[k] = (char) ('0' + v % 10);
    }
    return new String(c);
  }

  /** The task (window store) of a symbol: the default producer partitioner's murmur2 hash. */
  static int partition(String symbol, int partitions) {
    return Utils.toPositive(Utils.murmur2(symbol.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /**
   * Runs both phases, then closes the stores. The state directory is left for the caller.
   *
   * @throws UncheckedIOException if the state directory cannot be created or read
   */
  public Result run() {
    int n = settings.symbols();
    int w = settings.window();
    List<MockProcessorContext<Object, Object>> contexts = new ArrayList<>();
    List<KeyValueStore<String, TickWindow>> stores = new ArrayList<>();
    try {
      for (int p = 0; p < settings.partitions(); p++) {
        TaskId task = new TaskId(SUBTOPOLOGY, p);
        File taskDir = settings.stateDir().resolve(task.toString()).toFile();
        if (!taskDir.mkdirs() && !taskDir.isDirectory()) {
          throw new UncheckedIOException(new IOException("cannot create " + taskDir));
        }
        MockProcessorContext<Object, Object> ctx =
            new MockProcessorContext<>(streamsProperties(), task, taskDir);
        KeyValueStore<String, TickWindow> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ForecastTopology.WINDOW_STORE), Serdes.String(),
                new TickWindowSerde())
            .withLoggingDisabled()
            .build();
        store.init(ctx.getStateStoreContext(), store);
        contexts.add(ctx);
        stores.add(store);
      }
      Snapshot before = snapshot(contexts, stores);

      // Phase 1: every symbol's W ticks through the window policy, then its full window stored.
      SplittableRandom random = new SplittableRandom(settings.seed());
      long keyBytes = 0;
      int valueBytes = 0;
      var threads = ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String sym = symbol(i);
        double price = 20 + 180 * random.nextDouble();
        TickWindow win = TickWindow.empty();
        for (int k = 0; k < w; k++) {
          long time = START_TIME_MS + k * TICK_INTERVAL_MS;
          price *= 1 + 0.001 * (random.nextDouble() - 0.5);
          WindowPolicy.Decision d = WindowPolicy.decide(win, time, price);
          win = WindowPolicy.apply(d, win, time, price, 100 + random.nextInt(900), w);
        }
        stores.get(partition(sym, settings.partitions())).put(sym, win);
        keyBytes += sym.length();
        if (i == 0) {
          valueBytes = new TickWindowSerde().serializer().serialize(STORE_TOPIC, win).length;
        }
        if ((i & 0xFFFF) == 0xFFFF) {
          progress.report("load", i + 1L, n);
        }
      }
      long loadNanos = System.nanoTime() - start;
      long loadCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
      Snapshot afterLoad = settle(contexts, stores);

      // Phase 2: ticks to random symbols, the per-tick path of ForecastProcessor.process.
      long appends = 0;
      cpuStart = threads.getCurrentThreadCpuTime();
      start = System.nanoTime();
      for (long t = 0; t < settings.steadyTicks(); t++) {
        String sym = symbol(random.nextInt(n));
        KeyValueStore<String, TickWindow> store = stores.get(partition(sym, settings.partitions()));
        TickWindow win = store.get(sym);
        if (win == null) {
          win = TickWindow.empty();
        }
        long time = win.isEmpty() ? START_TIME_MS : win.lastTime() + TICK_INTERVAL_MS;
        double price = (win.isEmpty() ? 100 : win.lastPrice())
            * (1 + 0.001 * (random.nextDouble() - 0.5));
        WindowPolicy.Decision d = WindowPolicy.decide(win, time, price);
        TickWindow next = WindowPolicy.apply(d, win, time, price, 100 + random.nextInt(900), w);
        if (d == WindowPolicy.Decision.APPEND) {
          appends++;
        }
        store.put(sym, next);
        if ((t & 0xFFFF) == 0xFFFF) {
          progress.report("steady", t + 1, settings.steadyTicks());
        }
      }
      long steadyNanos = System.nanoTime() - start;
      long steadyCpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
      Snapshot afterSteady = settle(contexts, stores);
      return new Result(settings, (double) keyBytes / n, valueBytes, (long) n * w, loadNanos,
          steadyNanos, loadCpuNanos, steadyCpuNanos, appends, before, afterLoad, afterSteady);
    } finally {
      for (KeyValueStore<String, TickWindow> s : stores) {
        s.close();
      }
    }
  }

  private Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tickcast-state-bench");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    if (settings.memoryBytes() > 0) {
      // As StreamApp.streamsProperties passes them.
      p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
      p.put(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, settings.memoryBytes());
      p.put(BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, settings.writeBufferRatio());
    }
    return p;
  }

  /**
   * Commits the stores (as a task commit does; in Kafka Streams 4.3 that records offsets and does
   * not flush memtables), waits for flushes and compactions, then takes a snapshot.
   */
  private Snapshot settle(List<MockProcessorContext<Object, Object>> contexts,
      List<KeyValueStore<String, TickWindow>> stores) {
    // No changelog, so no offsets to record; the memtables stay as they are (RocksDB flushes them
    // on its own when they fill, and the wait below lets such flushes finish).
    stores.forEach(s -> s.commit(Map.of()));
    long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline
        && (sum(contexts, "num-running-compactions") > 0 || sum(contexts, "compaction-pending") > 0
            || sum(contexts, "num-running-flushes") > 0)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return snapshot(contexts, stores);
  }

  private Snapshot snapshot(List<MockProcessorContext<Object, Object>> contexts,
      List<KeyValueStore<String, TickWindow>> stores) {
    System.gc();
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    boolean shared = settings.memoryBytes() > 0;
    return new Snapshot(heap.getUsed(), heap.getCommitted(),
        ProcessStats.procStatusBytes("VmRSS"), ProcessStats.procStatusBytes("VmHWM"),
        shared ? max(contexts, "block-cache-usage") : sum(contexts, "block-cache-usage"),
        shared ? max(contexts, "block-cache-capacity") : sum(contexts, "block-cache-capacity"),
        sum(contexts, "cur-size-all-mem-tables"), sum(contexts, "estimate-table-readers-mem"),
        sum(contexts, "total-sst-files-size"), directoryBytes(settings.stateDir()),
        sum(contexts, "estimate-num-keys"),
        sum(contexts, "num-entries-active-mem-table") + sum(contexts, "num-entries-imm-mem-tables"));
  }

  private static long sum(List<MockProcessorContext<Object, Object>> contexts, String name) {
    long total = 0;
    for (MockProcessorContext<Object, Object> c : contexts) {
      total += metric(c, name);
    }
    return total;
  }

  private static long max(List<MockProcessorContext<Object, Object>> contexts, String name) {
    long m = 0;
    for (MockProcessorContext<Object, Object> c : contexts) {
      m = Math.max(m, metric(c, name));
    }
    return m;
  }

  /** A RocksDB property metric of the context's window store (Kafka Streams reads it live). */
  private static long metric(MockProcessorContext<Object, Object> c, String name) {
    for (Map.Entry<MetricName, ? extends Metric> e : c.metrics().metrics().entrySet()) {
      if (e.getKey().group().equals(STATE_METRICS_GROUP) && e.getKey().name().equals(name)
          && e.getValue().metricValue() instanceof Number v) {
        return v.longValue();
      }
    }
    throw new IllegalStateException("Kafka Streams reports no state store metric " + name);
  }

  private static long directoryBytes(Path dir) {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).mapToLong(f -> {
          try {
            return Files.size(f);
          } catch (IOException e) {
            return 0; // a file RocksDB deleted meanwhile
          }
        }).sum();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 3) { // a directory RocksDB deleted during the walk, three times running
          throw new UncheckedIOException("cannot read the state directory " + dir,
              e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
      }
    }
  }
}
