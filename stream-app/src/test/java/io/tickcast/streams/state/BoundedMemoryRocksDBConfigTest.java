package io.tickcast.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.streams.StreamApp;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.config.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedMemoryRocksDBConfigTest {
  private static final long MIB = 1L << 20;

  @TempDir Path tmp;

  /** Options as Kafka Streams hands them to a config setter: a block-based table config set. */
  private static Options streamsLikeOptions() {
    Options o = new Options();
    o.setCreateIfMissing(true);
    o.setTableFormatConfig(new BlockBasedTableConfig());
    return o;
  }

  @Test
  void everyStoreGetsTheSharedCacheAndWriteBufferManager() throws Exception {
    // 40 MiB with memtables at 0.5: a 20 MiB write buffer manager, 5 MiB memtables per store
    // (a quarter of 20 MiB, under Kafka Streams' 16 MiB), 3 of them.
    Map<String, Object> configs = Map.of(
        BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, 40 * MIB,
        BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, "0.5");
    BoundedMemoryRocksDBConfig setter = new BoundedMemoryRocksDBConfig();
    try (Options a = streamsLikeOptions(); Options b = streamsLikeOptions()) {
      setter.setConfig("tick-windows", a, configs);
      setter.setConfig("pending-windows", b, configs);

      assertThat(a.writeBufferManager()).isNotNull().isSameAs(b.writeBufferManager());
      assertThat(a.writeBufferSize()).isEqualTo(5 * MIB);
      assertThat(a.maxWriteBufferNumber()).isEqualTo(3);
      BlockBasedTableConfig table = (BlockBasedTableConfig) a.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
      assertThat(table.indexType()).isEqualTo(IndexType.kTwoLevelIndexSearch);

      // Real databases opened with these options: one cache of the configured capacity, and
      // memtable memory of one store charged to the cache every store sees.
      try (RocksDB dbA = RocksDB.open(a, tmp.resolve("a").toString());
           RocksDB dbB = RocksDB.open(b, tmp.resolve("b").toString())) {
        assertThat(dbA.getLongProperty("rocksdb.block-cache-capacity")).isEqualTo(40 * MIB);
        assertThat(dbB.getLongProperty("rocksdb.block-cache-capacity")).isEqualTo(40 * MIB);
        long before = dbB.getLongProperty("rocksdb.block-cache-usage");
        byte[] value = new byte[1024];
        for (int i = 0; i < 3 * 1024; i++) {
          dbA.put(("key-" + i).getBytes(StandardCharsets.UTF_8), value);
        }
        // 3 MiB of values, no flush yet (5 MiB memtable).
        assertThat(dbA.getLongProperty("rocksdb.cur-size-all-mem-tables")).isGreaterThan(3 * MIB);
        assertThat(dbB.getLongProperty("rocksdb.block-cache-usage"))
            .isGreaterThanOrEqualTo(before + 2 * MIB)
            .isLessThanOrEqualTo(40 * MIB);
      }
    }
  }

  @Test
  void aDifferentBudgetGetsItsOwnCacheAndTheSameBudgetShares() {
    BoundedMemoryRocksDBConfig setter = new BoundedMemoryRocksDBConfig();
    try (Options a = streamsLikeOptions(); Options b = streamsLikeOptions();
         Options c = streamsLikeOptions()) {
      setter.setConfig("s", a, Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, "8388608"));
      setter.setConfig("s", b, Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, 8 * MIB));
      setter.setConfig("s", c, Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, 16 * MIB));
      assertThat(a.writeBufferManager()).isSameAs(b.writeBufferManager());
      assertThat(c.writeBufferManager()).isNotSameAs(a.writeBufferManager());
      // 8 MiB × 0.5 (default) / 4 = 1 MiB per store; 16 MiB × 0.5 / 4 = 2 MiB.
      assertThat(a.writeBufferSize()).isEqualTo(MIB);
      assertThat(c.writeBufferSize()).isEqualTo(2 * MIB);
    }
  }

  @Test
  void badValuesAreRejectedWithTheKeyAndTheRange() {
    BoundedMemoryRocksDBConfig setter = new BoundedMemoryRocksDBConfig();
    try (Options o = streamsLikeOptions()) {
      assertThatThrownBy(() -> setter.setConfig("s", o,
          Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, "1000")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("tickcast.state.rocksdb.memory.bytes")
          .hasMessageContaining("1000")
          .hasMessageContaining("at least 4194304 bytes");
      assertThatThrownBy(() -> setter.setConfig("s", o,
          Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, "64MB")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("not a whole number of bytes");
      assertThatThrownBy(() -> setter.setConfig("s", o,
          Map.of(BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG, "1.0")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("tickcast.state.rocksdb.write.buffer.ratio")
          .hasMessageContaining("must be above 0 and below 1");
      // Nothing was applied by a rejected call.
      assertThat(o.writeBufferManager()).isNull();
    }
  }

  @Test
  void theAppConfiguresTheSetterByDefaultAndValidatesTheKeys() {
    AppConfig defaults = AppConfig.of(Map.of(AppConfig.MODEL_DIR, "/m"));
    Properties p = StreamApp.streamsProperties(defaults);
    assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo(BoundedMemoryRocksDBConfig.class);
    assertThat(p.get(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG)).isEqualTo(64 * MIB);
    assertThat(p.get(BoundedMemoryRocksDBConfig.WRITE_BUFFER_RATIO_CONFIG)).isEqualTo(0.5);

    AppConfig off = defaults.with(Map.of(AppConfig.STATE_ROCKSDB_MEMORY_BYTES, "0"));
    assertThat(off.rocksDbMemoryBytes()).isEmpty();
    assertThat(StreamApp.streamsProperties(off))
        .doesNotContainKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);

    assertThatThrownBy(() -> defaults.with(Map.of(AppConfig.STATE_ROCKSDB_MEMORY_BYTES, "1024")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.state.rocksdb.memory.bytes=1024")
        .hasMessageContaining("or 0 for no bound");
    assertThatThrownBy(() -> defaults.with(Map.of(AppConfig.STATE_ROCKSDB_WRITE_BUFFER_RATIO, "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("tickcast.state.rocksdb.write.buffer.ratio=0")
        .hasMessageContaining("TICKCAST_STATE_ROCKSDB_WRITE_BUFFER_RATIO");
  }
}
