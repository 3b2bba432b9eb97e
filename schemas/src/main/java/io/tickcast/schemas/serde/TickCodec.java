package io.tickcast.schemas.serde;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.schemas.Tick;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes {@link Tick}s.
 *
 * <p>JSON form: {@code {"symbol":"SPX","timestamp":946857600000,"price":1455.22,"volume":931800000}};
 * {@code timestamp} is epoch milliseconds (an ISO-8601 instant string is also read), {@code
 * volume} is optional, other fields are ignored. {@code price} and {@code volume} may be strings
 * in plain decimal form ({@code "1455.22"}, {@code "1.4e3"}); other strings ({@code "1,455.22"},
 * {@code "1.455,22"}, {@code "NaN"}) throw {@link MalformedNumberException}.
 */
public final class TickCodec {
  private TickCodec() {}

  /**
   * Writes a tick.
   *
   * @param tick the tick
   * @param format wire format
   * @return the bytes
   */
  public static byte[] encode(Tick tick, WireFormat format) {
    if (format == WireFormat.AVRO) {
      try {
        ByteBuffer buf = Tick.getEncoder().encode(tick);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
      } catch (IOException e) {
        throw new IllegalStateException("cannot Avro-encode tick " + tick, e);
      }
    }
    ObjectNode obj = Json.MAPPER.createObjectNode();
    obj.put("symbol", tick.getSymbol());
    obj.put("timestamp", tick.getTimestamp().toEpochMilli());
    obj.put("price", tick.getPrice());
    if (tick.getVolume() != null) {
      obj.put("volume", tick.getVolume());
    }
    return Json.write(obj);
  }

  /**
   * Reads a tick.
   *
   * @param bytes the record value
   * @param format wire format
   * @return the tick (not validated beyond its schema)
   * @throws MalformedRecordException if the bytes are empty, not of the format, carry an unknown
   *     schema fingerprint or lack a required field ({@link MalformedNumberException} for a number
   *     string that is not a plain decimal)
   */
  public static Tick decode(byte[] bytes, WireFormat format) {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedRecordException("empty tick value");
    }
    if (format == WireFormat.AVRO) {
      return AvroSingleObject.decode(Tick.getDecoder(), bytes, "tick");
    }
    ObjectNode obj = Json.parseObject(bytes, "tick");
    return Tick.newBuilder()
        .setSymbol(Json.text(obj, "symbol", "tick"))
        .setTimestamp(Json.time(obj, "timestamp", "tick"))
        .setPrice(Json.decimal(obj, "price", "tick"))
        .setVolume(Json.optionalDecimal(obj, "volume", "tick"))
        .build();
  }
}
