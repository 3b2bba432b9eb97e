package io.tickcast.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.state.BoundedMemoryRocksDBConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology tests run on the production Kafka Streams properties: exactly-once, the 60 s
 * transaction timeout and the bounded-memory RocksDB config setter, with a forecast out.
 */
class ProductionWiringTest {
  @TempDir Path tmp;

  @Test
  void theFixtureRunsOnTheProductionStreamsProperties() {
    Models.lastValuePlus(tmp.resolve("model"), 3, 2, Normalisation.NONE, RollForward.SEED, 1.0);
    try (TopologyFixture fx = new TopologyFixture(tmp.resolve("model"), tmp.resolve("state"),
        WireFormat.AVRO, 1, Duration.ofMillis(100))) {
      assertThat(fx.streamsProperties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
          .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
      assertThat(fx.streamsProperties.get(
          StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)))
          .isEqualTo(60_000);
      assertThat(fx.streamsProperties.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
          .isEqualTo(BoundedMemoryRocksDBConfig.class);
      fx.sendSeries("SPX", new double[] {100, 101, 102});
      // none normalisation: next step = p_last + bias = 102 + 1
      assertThat(fx.drainForecasts()).singleElement()
          .satisfies(f -> assertThat(f.getNextStep()).isEqualTo(103.0));
    }
  }
}
