package io.tickcast.schemas.serde;

import io.tickcast.schemas.Forecast;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of {@link Forecast} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). A null forecast is written as null (a tombstone).
 */
public final class ForecastSerializer implements Serializer<Forecast> {
  private WireFormat format;

  /** Reads the format from the client configuration; Avro if absent. */
  public ForecastSerializer() {
    this.format = WireFormat.AVRO;
  }

  /** @param format the wire format */
  public ForecastSerializer(WireFormat format) {
    this.format = format;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    format = TickcastSerdes.formatFrom(configs, format);
  }

  /** The wire format in use. */
  public WireFormat format() {
    return format;
  }

  @Override
  public byte[] serialize(String topic, Forecast value) {
    return value == null ? null : ForecastCodec.encode(value, format);
  }
}
