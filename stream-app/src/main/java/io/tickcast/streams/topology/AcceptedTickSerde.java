package io.tickcast.streams.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Format of {@link AcceptedTick}s on the internal repartition topic: a version byte, then the
 * fields with length-prefixed strings and byte arrays, big-endian.
 */
public final class AcceptedTickSerde implements Serde<AcceptedTick> {
  private static final byte VERSION = 1;

  @Override
  public Serializer<AcceptedTick> serializer() {
    return (topic, t) -> {
      if (t == null) {
        return null;
      }
      SourceRecord s = t.source();
      ByteBuffer buf = ByteBuffer.allocate(1 + Bin.size(t.symbol()) + 24 + Bin.size(s.rawKey())
          + Bin.size(s.rawValue()) + Bin.size(s.topic()) + 4 + 8 + 8);
      buf.put(VERSION);
      Bin.put(buf, t.symbol());
      buf.putLong(t.time()).putDouble(t.price()).putDouble(t.volume());
      Bin.put(buf, s.rawKey());
      Bin.put(buf, s.rawValue());
      Bin.put(buf, s.topic());
      buf.putInt(s.partition()).putLong(s.offset()).putLong(t.arrivalEpochNanos());
      return buf.array();
    };
  }

  @Override
  public Deserializer<AcceptedTick> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      Bin.version(buf, VERSION, "accepted tick");
      String symbol = Bin.string(buf);
      long time = buf.getLong();
      double price = buf.getDouble();
      double volume = buf.getDouble();
      byte[] key = Bin.bytes(buf);
      byte[] value = Bin.bytes(buf);
      String src = Bin.string(buf);
      int partition = buf.getInt();
      long offset = buf.getLong();
      long arrival = buf.getLong();
      return new AcceptedTick(symbol, time, price, volume,
          new SourceRecord(key, value, src, partition, offset), arrival);
    };
  }
}
