package io.tickcast.streams.topology;

import io.tickcast.streams.window.TickWindowSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Store and changelog format of {@link PendingWindow}s: version byte, symbol, window, times. */
public final class PendingWindowSerde implements Serde<PendingWindow> {
  private static final byte VERSION = 1;

  @Override
  public Serializer<PendingWindow> serializer() {
    return (topic, p) -> {
      if (p == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate(
          1 + Bin.size(p.symbol()) + TickWindowSerde.size(p.window()) + 16);
      buf.put(VERSION);
      Bin.put(buf, p.symbol());
      TickWindowSerde.write(buf, p.window());
      buf.putLong(p.arrivalEpochNanos()).putLong(p.recordTimestamp());
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
      Bin.version(buf, VERSION, "pending window");
      String symbol = Bin.string(buf);
      var window = TickWindowSerde.read(buf);
      return new PendingWindow(symbol, window, buf.getLong(), buf.getLong());
    };
  }
}
