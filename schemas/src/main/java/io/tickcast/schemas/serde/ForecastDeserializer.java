package io.tickcast.schemas.serde;

import io.tickcast.schemas.Forecast;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of {@link Forecast} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). Null bytes (a tombstone) give null.
 */
public final class ForecastDeserializer extends WireFormatConfigurable implements Deserializer<Forecast> {
  /** Reads the format from the client configuration; Avro if absent. */
  public ForecastDeserializer() {
    super(WireFormat.AVRO);
  }

  /** @param format the wire format */
  public ForecastDeserializer(WireFormat format) {
    super(format);
  }

  /**
   * @throws MalformedRecordException if the bytes are not a forecast in the configured format
   */
  @Override
  public Forecast deserialize(String topic, byte[] data) {
    return data == null ? null : ForecastCodec.decode(data, format());
  }
}
