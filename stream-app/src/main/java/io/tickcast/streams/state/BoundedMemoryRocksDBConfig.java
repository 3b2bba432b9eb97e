package io.tickcast.streams.state;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB state store of the stream app in this JVM, following
 * Kafka Streams' "bounded memory" recipe (developer guide, memory management, RocksDB): one shared
 * {@link LRUCache} holds the data blocks of all stores, their index and filter blocks (cached at
 * high priority, top-level partitions pinned) and, through one {@link WriteBufferManager} charged
 * against the same cache, their memtables. Block cache + memtables + index and filters together
 * stay near {@value #MEMORY_BYTES_CONFIG} however many stores (tasks × 3) the instance holds;
 * without it each store has its own 50 MiB cache, up to 3 × 16 MiB of memtables and unbounded
 * index/filter memory.
 *
 * <p>Settings are read from the Kafka Streams configuration map ({@code StreamApp} passes them):
 * {@value #MEMORY_BYTES_CONFIG} (bytes, at least {@value #MIN_MEMORY_BYTES}) and {@value
 * #WRITE_BUFFER_RATIO_CONFIG} (the share of it memtables may take, {@code (0, 1)}). The cache is
 * not strict: a read never fails for lack of cache, so pinned blocks can briefly exceed the bound.
 * Memory not covered: iterator-pinned blocks beyond the cache, RocksDB's own small allocations,
 * and the OS page cache of the SST files.
 *
 * <p>The cache and the write buffer manager are created once per distinct setting and shared for
 * the life of the JVM (as the recipe does): they must outlive every store that uses them, so
 * {@link #close} releases nothing.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {
  /** Total off-heap bytes for block cache, index/filter blocks and memtables of all stores. */
  public static final String MEMORY_BYTES_CONFIG = "tickcast.state.rocksdb.memory.bytes";
  /** Share of {@link #MEMORY_BYTES_CONFIG} that memtables (write buffers) may take. */
  public static final String WRITE_BUFFER_RATIO_CONFIG = "tickcast.state.rocksdb.write.buffer.ratio";
  /** Default of {@link #MEMORY_BYTES_CONFIG}: 64 MiB. */
  public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
  /** Default of {@link #WRITE_BUFFER_RATIO_CONFIG}. */
  public static final double DEFAULT_WRITE_BUFFER_RATIO = 0.5;
  /** Smallest accepted {@link #MEMORY_BYTES_CONFIG}: 4 MiB. */
  public static final long MIN_MEMORY_BYTES = 4L << 20;

  /** Share of the cache reserved for index and filter blocks (high-priority pool). */
  static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
  /** Kafka Streams' own per-store memtable size, kept as the ceiling. */
  static final long MAX_WRITE_BUFFER_BYTES = 16L << 20;
  /** Memtables per store (Kafka Streams' default), so a flush never blocks writes. */
  static final int WRITE_BUFFERS_PER_STORE = 3;
  /** Data block size: Kafka Streams' default (4 KiB holds about three 1.2 KB windows). */
  static final long BLOCK_SIZE = 4096;

  private static final Map<Budget, Shared> SHARED = new HashMap<>();

  /** The validated settings. */
  record Budget(long memoryBytes, double writeBufferRatio) {
    long writeBufferBytes() {
      return (long) (memoryBytes * writeBufferRatio);
    }

    /** Per-store memtable size: a quarter of the memtable budget, at most Kafka Streams' 16 MiB. */
    long writeBufferSize() {
      return Math.min(MAX_WRITE_BUFFER_BYTES, Math.max(1L << 20, writeBufferBytes() / 4));
    }
  }

  /** The per-JVM shared cache and write buffer manager of one budget. */
  record Shared(Cache cache, WriteBufferManager writeBufferManager) {}

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Budget budget = budget(configs);
    Shared shared = shared(budget);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    // The three settings that bound memory: data, index and filter blocks in the one cache, and
    // memtables charged against it.
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    options.setWriteBufferManager(shared.writeBufferManager());
    // Recommended with them: index/filter blocks in the high-priority pool so data blocks do not
    // evict them; partitioned index and filters so only their small top level is pinned.
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setIndexType(IndexType.kTwoLevelIndexSearch);
    table.setPartitionFilters(true);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_SIZE);
    options.setWriteBufferSize(budget.writeBufferSize());
    options.setMaxWriteBufferNumber(WRITE_BUFFERS_PER_STORE);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // Nothing was created per store; the shared cache and write buffer manager outlive the store.
  }

  /**
   * The settings in a Kafka Streams configuration map, defaults where absent.
   *
   * @throws ConfigException naming the key, the value and the accepted range
   */
  static Budget budget(Map<String, ?> configs) {
    Object rawBytes = configs.get(MEMORY_BYTES_CONFIG);
    long bytes;
    if (rawBytes == null) {
      bytes = DEFAULT_MEMORY_BYTES;
    } else {
      try {
        bytes = rawBytes instanceof Number n ? n.longValue() : Long.parseLong(rawBytes.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(MEMORY_BYTES_CONFIG, rawBytes, "not a whole number of bytes");
      }
    }
    Object rawRatio = configs.get(WRITE_BUFFER_RATIO_CONFIG);
    double ratio;
    if (rawRatio == null) {
      ratio = DEFAULT_WRITE_BUFFER_RATIO;
    } else {
      try {
        ratio = rawRatio instanceof Number n ? n.doubleValue()
            : Double.parseDouble(rawRatio.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(WRITE_BUFFER_RATIO_CONFIG, rawRatio, "not a number");
      }
    }
    String bytesProblem = memoryBytesProblem(bytes);
    if (bytesProblem != null) {
      throw new ConfigException(MEMORY_BYTES_CONFIG, rawBytes, bytesProblem);
    }
    String ratioProblem = writeBufferRatioProblem(ratio);
    if (ratioProblem != null) {
      throw new ConfigException(WRITE_BUFFER_RATIO_CONFIG, rawRatio, ratioProblem);
    }
    return new Budget(bytes, ratio);
  }

  /**
   * Why a memory budget is not accepted, or null if it is.
   *
   * @param bytes total off-heap bytes
   */
  public static String memoryBytesProblem(long bytes) {
    return bytes < MIN_MEMORY_BYTES
        ? "must be at least " + MIN_MEMORY_BYTES + " bytes (4 MiB)" : null;
  }

  /**
   * Why a write buffer ratio is not accepted, or null if it is.
   *
   * @param ratio share of the budget for memtables
   */
  public static String writeBufferRatioProblem(double ratio) {
    return ratio > 0 && ratio < 1 ? null
        : "must be above 0 and below 1 (the share of the memory for memtables), e.g. "
            + String.format(Locale.ROOT, "%.1f", DEFAULT_WRITE_BUFFER_RATIO);
  }

  /** The shared cache and write buffer manager of a budget, created on first use. */
  static synchronized Shared shared(Budget budget) {
    return SHARED.computeIfAbsent(budget, b -> {
      Cache cache = new LRUCache(b.memoryBytes(), -1, false, INDEX_FILTER_BLOCK_RATIO);
      return new Shared(cache, new WriteBufferManager(b.writeBufferBytes(), cache));
    });
  }
}
