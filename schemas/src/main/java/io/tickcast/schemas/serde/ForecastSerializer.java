package io.tickcast.schemas.serde;

import io.tickcast.schemas.Forecast;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of {@link Forecast} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). A null forecast is written as null (a tombstone).
 */
public final class ForecastSerializer extends WireFormatConfigurable implements Serializer<Forecast> {
  /** Reads the format from the client configuration; Avro if absent. */
  public ForecastSerializer() {
    super(WireFormat.AVRO);
  }

  /** @param format the wire format */
  public ForecastSerializer(WireFormat format) {
    super(format);
  }

  @Override
  public byte[] serialize(String topic, Forecast value) {
    return value == null ? null : ForecastCodec.encode(value, format());
  }
}
