package io.tickcast.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateBenchTest {
  private static final long MIB = 1L << 20;

  @TempDir Path tmp;

  @Test
  void symbolsAreTenBytesAndSpreadLikeTheProducer() {
    assertThat(StateBench.symbol(0)).isEqualTo("SYM0000000");
    assertThat(StateBench.symbol(42)).isEqualTo("SYM0000042");
    assertThat(StateBench.symbol(9_999_999)).isEqualTo("SYM9999999");
    for (int i = 0; i < 1000; i++) {
      String s = StateBench.symbol(i * 7919);
      assertThat(StateBench.partition(s, 6)).isEqualTo(
          BuiltInPartitioner.partitionForKey(s.getBytes(StandardCharsets.UTF_8), 6));
    }
  }

  @Test
  void holdsEverySymbolsFullWindowWithinTheSharedCache() {
    StateBench.Settings settings = new StateBench.Settings(3000, 50, 2000, 2, 8 * MIB, 0.5,
        tmp.resolve("bounded"), 7);
    StateBench.Result r = new StateBench(settings, (phase, done, total) -> { }).run();

    assertThat(r.keyBytes()).isEqualTo(10.0);
    // A full window (TickWindowSerde v3): version byte, int tick count, 50 × (long time, double
    // price, double volume), int live-window start, long full-window count, int queued count (0
    // queued), scoring flag byte (no previous forecast) = 1 + 4 + 1200 + 4 + 8 + 4 + 1 = 1222.
    assertThat(r.valueBytes()).isEqualTo(1 + 4 + 50 * (8 + 8 + 8) + 4 + 8 + 4 + 1)
        .isEqualTo(1222);
    assertThat(r.loadTicks()).isEqualTo(3000L * 50);
    // Every steady tick is one interval after its symbol's newest tick: always an append.
    assertThat(r.steadyAppends()).isEqualTo(2000);
    // 3000 symbols (plus at most a few bookkeeping entries per store) are held.
    assertThat(r.afterLoad().keys()).isBetween(3000L, 3010L);
    // One 8 MiB cache shared by both stores, counted once.
    assertThat(r.afterLoad().blockCacheCapacity()).isEqualTo(8 * MIB);
    // RocksDB's LRU cache is not strict: an insert may briefly take it past its capacity (a run
    // with a 64 MiB bound showed 64.1 MiB in use), so allow 5 % over the bound.
    assertThat(r.afterSteady().blockCacheUsage()).isLessThanOrEqualTo(8 * MIB * 105 / 100);
  }

  @Test
  void withoutTheBoundEachStoreHasKafkaStreamsOwnCache() {
    StateBench.Settings settings = new StateBench.Settings(500, 50, 0, 3, 0, 0.5,
        tmp.resolve("unbounded"), 7);
    StateBench.Result r = new StateBench(settings, (phase, done, total) -> { }).run();
    // Kafka Streams' RocksDB store default: a 50 MiB block cache per store.
    assertThat(r.afterLoad().blockCacheCapacity()).isEqualTo(3 * 50 * MIB);
    assertThat(r.afterLoad().keys()).isBetween(500L, 510L);
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> new StateBench.Settings(10, 50, 0, 1, 1000, 0.5, tmp, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 4194304 bytes");
    assertThatThrownBy(() -> new StateBench.Settings(10, 50, 0, 1, 8 * MIB, 1.5, tmp, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("write buffer ratio");
  }
}
