package io.tickcast.streams.topology;

import io.tickcast.streams.window.TickWindowSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store and changelog format of {@link PendingWindow}s: version byte, symbol, window ticks,
 * arrival and record times, then (version 2) a path flag byte. Version 1 records (queued before
 * the flag existed, when every forecast had a path) are read with the flag set.
 */
public final class PendingWindowSerde implements Serde<PendingWindow> {
  private static final byte VERSION = 2;
  private static final byte VERSION_ALWAYS_PATH = 1;

  @Override
  public Serializer<PendingWindow> serializer() {
    return (topic, p) -> {
      if (p == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate(
          1 + Bin.size(p.symbol()) + TickWindowSerde.size(p.window()) + 17);
      buf.put(VERSION);
      Bin.put(buf, p.symbol());
      TickWindowSerde.write(buf, p.window());
      buf.putLong(p.arrivalEpochNanos()).putLong(p.recordTimestamp());
      buf.put((byte) (p.withPath() ? 1 : 0));
      return buf.array();
    };
  }

  @Override
  public Deserializer<PendingWindow> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      byte version = buf.get();
      if (version != VERSION && version != VERSION_ALWAYS_PATH) {
        throw new SerializationException("pending window format version " + version
            + " is unknown");
      }
      String symbol = Bin.string(buf);
      var window = TickWindowSerde.read(buf);
      long arrival = buf.getLong();
      long timestamp = buf.getLong();
      boolean withPath = version == VERSION_ALWAYS_PATH || buf.get() != 0;
      return new PendingWindow(symbol, window, arrival, timestamp, withPath);
    };
  }
}
