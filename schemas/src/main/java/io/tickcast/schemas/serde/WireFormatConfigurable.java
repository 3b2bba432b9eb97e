package io.tickcast.schemas.serde;

import java.util.Map;

/**
 * The wire-format handling the Tickcast serializers and deserializers share: a format given to the
 * constructor, or read from {@value TickcastSerdes#WIRE_FORMAT_CONFIG} by {@link #configure} (Kafka
 * clients build serdes named in their configuration with the no-argument constructor).
 */
public abstract class WireFormatConfigurable {
  private WireFormat format;

  /** @param format the initial wire format */
  protected WireFormatConfigurable(WireFormat format) {
    this.format = format;
  }

  /** Kafka's {@code configure}: the client configuration may set the wire format. */
  public void configure(Map<String, ?> configs, boolean isKey) {
    format = TickcastSerdes.formatFrom(configs, format);
  }

  /** The wire format in use. */
  public WireFormat format() {
    return format;
  }
}
