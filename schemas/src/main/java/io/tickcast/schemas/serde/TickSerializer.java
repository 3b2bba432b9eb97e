package io.tickcast.schemas.serde;

import io.tickcast.schemas.Tick;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of {@link Tick} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). A null tick is written as null (a tombstone).
 */
public final class TickSerializer extends WireFormatConfigurable implements Serializer<Tick> {
  /** Reads the format from the client configuration; Avro if absent. */
  public TickSerializer() {
    super(WireFormat.AVRO);
  }

  /** @param format the wire format */
  public TickSerializer(WireFormat format) {
    super(format);
  }

  @Override
  public byte[] serialize(String topic, Tick value) {
    return value == null ? null : TickCodec.encode(value, format());
  }
}
