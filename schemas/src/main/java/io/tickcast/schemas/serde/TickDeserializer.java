package io.tickcast.schemas.serde;

import io.tickcast.schemas.Tick;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of {@link Tick} values in a {@link WireFormat}: given to the constructor, or
 * read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} when built with the
 * no-argument constructor (default {@code avro}). Null bytes (a tombstone) give null.
 */
public final class TickDeserializer implements Deserializer<Tick> {
  private WireFormat format;

  /** Reads the format from the client configuration; Avro if absent. */
  public TickDeserializer() {
    this.format = WireFormat.AVRO;
  }

  /** @param format the wire format */
  public TickDeserializer(WireFormat format) {
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

  /**
   * @throws MalformedRecordException if the bytes are not a tick in the configured format
   */
  @Override
  public Tick deserialize(String topic, byte[] data) {
    return data == null ? null : TickCodec.decode(data, format);
  }
}
