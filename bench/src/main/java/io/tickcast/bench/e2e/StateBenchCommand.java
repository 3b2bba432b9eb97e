package io.tickcast.bench.e2e;

import io.tickcast.streams.state.BoundedMemoryRocksDBConfig;
import io.tickcast.testkit.TempDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickcast-bench state}: per-symbol window state size and the memory of many symbols held
 * in the stream app's RocksDB window store, with the app's memory bound on or off. See {@link
 * StateBench} for what is exercised and what is skipped.
 */
@Command(name = "state", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Holds full tick windows of many symbols in the stream app's RocksDB window "
        + "store (Kafka Streams' store code, the app's window policy, serde and memory bound) and "
        + "reports bytes per symbol, window-path ticks/s, RocksDB memory, heap and RSS.",
        "No broker, changelog or inference: see the report's first lines."},
    footer = {"", "Examples:", "  tickcast-bench state",
        "  tickcast-bench state --memory-bytes 0      (Kafka Streams' unbounded defaults)",
        "  tickcast-bench state --symbols 10000 --ticks 100000", "",
        "RSS includes the JVM heap (the launcher allows 3 GB):",
        "compare runs with TICKCAST_JAVA_OPTS=-Xmx512m."})
public final class StateBenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--symbols", paramLabel = "N", defaultValue = "1000000",
      description = "symbols held, each with a full window (default: ${DEFAULT-VALUE})")
  int symbols;

  @Option(names = "--window", paramLabel = "W", defaultValue = "50",
      description = "ticks per window, the model's window length (default: ${DEFAULT-VALUE})")
  int window;

  @Option(names = "--ticks", paramLabel = "N", defaultValue = "1000000",
      description = "steady-phase ticks to random symbols: store get, window policy, store put "
          + "(default: ${DEFAULT-VALUE})")
  long ticks;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
      description = "tasks of this instance, one window store each (default: ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--memory-bytes", paramLabel = "BYTES", defaultValue = "67108864",
      description = "RocksDB bound of the instance, as tickcast.state.rocksdb.memory.bytes; 0 = "
          + "Kafka Streams' per-store defaults, no bound (default: ${DEFAULT-VALUE})")
  long memoryBytes;

  @Option(names = "--write-buffer-ratio", paramLabel = "R", defaultValue = "0.5",
      description = "memtables' share of the bound, as tickcast.state.rocksdb.write.buffer.ratio "
          + "(default: ${DEFAULT-VALUE})")
  double writeBufferRatio;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "put the stores in this new or empty directory and keep it; default: a "
          + "temporary directory removed at the end")
  Path stateDir;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "random seed of prices and tick order (default: ${DEFAULT-VALUE})")
  long seed;

  /** Runs the bench and prints the report on stdout (progress on stderr). */
  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean temporary = stateDir == null;
    Path dir = temporary ? Files.createTempDirectory("tickcast-state-bench") : stateDir;
    if (!temporary) {
      Files.createDirectories(dir);
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--state-dir " + dir + " is not empty");
        }
      }
    }
    StateBench.Settings settings;
    try {
      settings = new StateBench.Settings(symbols, window, ticks, partitions, memoryBytes,
          writeBufferRatio, dir, seed);
    } catch (IllegalArgumentException e) {
      if (temporary) {
        TempDirs.deleteRecursively(dir);
      }
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String loadBefore = ProcessStats.loadAverages();
    Instant started = Instant.now();
    long[] lastReport = {System.nanoTime()};
    StateBench.Result r;
    try {
      r = new StateBench(settings, (phase, done, total) -> {
        if (System.nanoTime() - lastReport[0] > 10_000_000_000L) {
          lastReport[0] = System.nanoTime();
          err.printf(Locale.ROOT, "%s: %,d of %,d%n", phase, done, total);
          err.flush();
        }
      }).run();
    } finally {
      if (temporary) {
        TempDirs.deleteRecursively(dir);
      }
    }
    print(out, r, started, loadBefore, ProcessStats.loadAverages());
    return 0;
  }

  private static void print(PrintWriter out, StateBench.Result r, Instant started,
      String loadBefore, String loadAfter) {
    StateBench.Settings s = r.settings();
    out.printf(Locale.ROOT, "State bench, %s UTC, load average %s at start, %s at end (%d CPUs)%n",
        started.truncatedTo(ChronoUnit.SECONDS), loadBefore, loadAfter,
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "%,d symbols x %d-tick windows in %d window stores (tasks 1_0..1_%d), "
        + "%s%n", s.symbols(), s.window(), s.partitions(), s.partitions() - 1,
        s.memoryBytes() > 0
            ? String.format(Locale.ROOT, "RocksDB bounded to %s MiB (memtables %.2f of it) by %s",
                mib(s.memoryBytes()), s.writeBufferRatio(),
                BoundedMemoryRocksDBConfig.class.getSimpleName())
            : "no RocksDB bound (Kafka Streams' per-store defaults)");
    out.println("Exercises: Kafka Streams' persistent key-value store as the topology declares "
        + "tick-windows (metered String/TickWindowSerde store over RocksDB), "
        + (s.memoryBytes() > 0 ? "the app's RocksDB config setter, " : "")
        + "WindowPolicy.decide/apply per tick, murmur2 spread over tasks.");
    out.println("Skips: broker, changelog (logging off), validation, repartition, pending and "
        + "latest-forecast stores, inference, periodic commits (one commit per phase); the load "
        + "phase stores each full window once instead of after every tick.");
    out.println();
    out.printf(Locale.ROOT, "Per symbol: key %.1f B + value %,d B (TickWindowSerde, %d ticks)"
        + " = %.1f B serialized; %s%n",
        r.keyBytes(), r.valueBytes(), s.window(), r.keyBytes() + r.valueBytes(),
        Double.isNaN(r.sstBytesPerSymbol()) ? "all still in memtables, none in SST files yet"
            : String.format(Locale.ROOT, "%.1f B in SST files (over the %,d symbols flushed from "
                + "memtables)", r.sstBytesPerSymbol(), s.symbols() - r.afterLoad().memTableEntries()));
    out.printf(Locale.ROOT, "Load:   %,d ticks (decide/apply) + %,d puts in %.1f s: %,.0f ticks/s, "
        + "%,.0f symbols/s; bench thread CPU %.1f s (%.2f us per tick)%n", r.loadTicks(),
        s.symbols(), r.loadNanos() / 1e9, r.loadTicksPerSecond(), s.symbols() * 1e9 / r.loadNanos(),
        r.loadCpuNanos() / 1e9, r.loadCpuNanos() / 1e3 / r.loadTicks());
    if (s.steadyTicks() > 0) {
      out.printf(Locale.ROOT, "Steady: %,d ticks to random symbols (get, decide, apply, put) in "
          + "%.1f s: %,.0f ticks/s, %.1f us per tick (%,d appended); bench thread CPU %.1f us per "
          + "tick%n", s.steadyTicks(), r.steadyNanos() / 1e9, r.steadyTicksPerSecond(),
          r.steadyNanos() / 1e3 / s.steadyTicks(), r.steadyAppends(),
          r.steadyCpuNanos() / 1e3 / s.steadyTicks());
    }
    out.println();
    out.printf(Locale.ROOT, "%-44s %14s %14s %14s%n", "", "before", "after load", "after steady");
    row(out, "JVM heap used after GC", r, StateBench.Snapshot::heapUsedAfterGc);
    row(out, "JVM heap committed", r, StateBench.Snapshot::heapCommitted);
    row(out, "process RSS (VmRSS)", r, StateBench.Snapshot::rss);
    row(out, "process peak RSS (VmHWM)", r, StateBench.Snapshot::rssPeak);
    row(out, "rocksdb.block-cache-usage", r, StateBench.Snapshot::blockCacheUsage);
    row(out, "rocksdb.block-cache-capacity", r, StateBench.Snapshot::blockCacheCapacity);
    row(out, "rocksdb.cur-size-all-mem-tables", r, StateBench.Snapshot::memTables);
    row(out, "rocksdb.estimate-table-readers-mem", r, StateBench.Snapshot::tableReaders);
    row(out, "rocksdb.total-sst-files-size", r, StateBench.Snapshot::sstBytes);
    row(out, "state directory on disk", r, StateBench.Snapshot::diskBytes);
    out.printf(Locale.ROOT, "%-44s %14d %14d %14d%n", "rocksdb.estimate-num-keys",
        r.before().keys(), r.afterLoad().keys(), r.afterSteady().keys());
    out.printf(Locale.ROOT, "%-44s %14d %14d %14d%n", "entries in memtables",
        r.before().memTableEntries(), r.afterLoad().memTableEntries(),
        r.afterSteady().memTableEntries());
    out.println("(MiB; RocksDB figures summed over the stores, a shared cache counted once; "
        + "snapshots after a commit and once flushes and compactions have finished)");
    out.flush();
  }

  private static void row(PrintWriter out, String name, StateBench.Result r,
      ToLongFunction<StateBench.Snapshot> f) {
    out.printf(Locale.ROOT, "%-44s %14s %14s %14s%n", name, mib(f.applyAsLong(r.before())),
        mib(f.applyAsLong(r.afterLoad())), mib(f.applyAsLong(r.afterSteady())));
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
  }
}
