package io.tickcast.schemas.serde;

import io.tickcast.schemas.Tick;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of {@link Tick} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). Null bytes (a tombstone) give null.
 */
public final class TickDeserializer extends WireFormatConfigurable implements Deserializer<Tick> {
  /** Reads the format from the client configuration; Avro if absent. */
  public TickDeserializer() {
    super(WireFormat.AVRO);
  }

  /** @param format the wire format */
  public TickDeserializer(WireFormat format) {
    super(format);
  }

  /**
   * @throws MalformedRecordException if the bytes are not a tick in the configured format
   */
  @Override
  public Tick deserialize(String topic, byte[] data) {
    return data == null ? null : TickCodec.decode(data, format());
  }
}
