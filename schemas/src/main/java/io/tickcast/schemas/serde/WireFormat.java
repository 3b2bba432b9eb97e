package io.tickcast.schemas.serde;

import java.util.Locale;

/** How a record is written on a Kafka topic. */
public enum WireFormat {
  /**
   * Avro single-object encoding: {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint
   * of the writer schema's parsing canonical form, then the Avro binary body (Avro specification,
   * "Single-object encoding").
   */
  AVRO,
  /** UTF-8 JSON objects with epoch-millisecond times; see {@link TickCodec} and {@link ForecastCodec}. */
  JSON;

  /** The configuration name: {@code avro} or {@code json}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static WireFormat fromConfig(String name) {
    if (name != null) {
      for (WireFormat f : values()) {
        if (f.configName().equalsIgnoreCase(name.trim())) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown wire format '" + name + "'; expected one of avro, json");
  }
}
