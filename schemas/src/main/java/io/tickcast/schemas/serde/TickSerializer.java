package io.tickcast.schemas.serde;

import io.tickcast.schemas.Tick;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of {@link Tick} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). A null tick is written as null (a tombstone).
 */
public final class TickSerializer implements Serializer<Tick> {
  private WireFormat format;

  /** Reads the format from the client configuration; Avro if absent. */
  public TickSerializer() {
    this.format = WireFormat.AVRO;
  }

  /** @param format the wire format */
  public TickSerializer(WireFormat format) {
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
  public byte[] serialize(String topic, Tick value) {
    return value == null ? null : TickCodec.encode(value, format);
  }
}
