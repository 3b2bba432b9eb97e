package io.tickcast.streams.http;

import io.tickcast.schemas.Forecast;
import io.tickcast.streams.topology.ForecastTopology;
import java.util.Optional;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.WireFormat;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive query of the {@value ForecastTopology#LATEST_STORE} store. With {@code
 * application.server} set, a symbol held by another instance is answered with that instance's
 * address; without it, only this instance's store is asked.
 */
public final class LatestForecastQuery {
  /** The outcome of a lookup. */
  public sealed interface Result {}

  /** @param forecast the latest forecast */
  public record Found(Forecast forecast) implements Result {}

  /** No forecast for the symbol (yet) on the instance that holds it. */
  public record NotFound() implements Result {}

  /** @param host the instance that holds the symbol, as {@code host:port} */
  public record Elsewhere(String host) implements Result {}

  /** @param reason why the store cannot be asked now (e.g. a rebalance) */
  public record Unavailable(String reason) implements Result {}

  private final KafkaStreams streams;
  private final Optional<HostInfo> self;

  /**
   * @param streams the running Kafka Streams client
   * @param applicationServer this instance's {@code host:port}, if configured
   */
  public LatestForecastQuery(KafkaStreams streams, Optional<String> applicationServer) {
    this.streams = streams;
    this.self = applicationServer.map(HostInfo::buildFromEndpoint);
  }

  /** Looks up the latest forecast of a symbol. */
  public Result lookup(String symbol) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return new Unavailable("stream processing is " + streams.state());
    }
    if (self.isPresent()) {
      KeyQueryMetadata md = streams.queryMetadataForKey(ForecastTopology.LATEST_STORE, symbol,
          Serdes.String().serializer());
      if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
        return new Unavailable("partition metadata is not available yet");
      }
      HostInfo active = md.activeHost();
      if (!active.equals(self.get())) {
        return new Elsewhere(active.host() + ":" + active.port());
      }
    }
    try {
      ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
          .fromNameAndType(ForecastTopology.LATEST_STORE, QueryableStoreTypes.keyValueStore()));
      byte[] f = store.get(symbol);
      return f == null ? new NotFound() : new Found(ForecastCodec.decode(f, WireFormat.AVRO));
    } catch (InvalidStateStoreException e) {
      return new Unavailable("store not queryable now: " + e.getMessage());
    }
  }
}
