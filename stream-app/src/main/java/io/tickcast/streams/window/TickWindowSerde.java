package io.tickcast.streams.window;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store and changelog format of a {@link TickWindow}: a version byte ({@value #VERSION}), the tick
 * count n (int), then n × (time long, price double, volume double), then the full-window count
 * (long), big-endian. Version 1 (no full-window count; read as 0) is still read, so a state store
 * or changelog written before the count existed restores.
 */
public final class TickWindowSerde implements Serde<TickWindow> {
  /** Format version written. */
  public static final byte VERSION = 2;
  /** The first format: ticks only. */
  static final byte VERSION_TICKS_ONLY = 1;

  /** Writes a window's ticks (not its full-window count) into a buffer (used by other serdes). */
  public static void write(ByteBuffer buf, TickWindow w) {
    buf.putInt(w.size());
    for (int i = 0; i < w.size(); i++) {
      buf.putLong(w.time(i)).putDouble(w.price(i)).putDouble(w.volume(i));
    }
  }

  /** Bytes {@link #write} needs for a window. */
  public static int size(TickWindow w) {
    return 4 + w.size() * 24;
  }

  /** Reads a window written by {@link #write}; its full-window count is 0. */
  public static TickWindow read(ByteBuffer buf) {
    int n = buf.getInt();
    if (n < 0 || n > buf.remaining() / 24) {
      throw new SerializationException("corrupt tick window: " + n + " ticks");
    }
    long[] t = new long[n];
    double[] p = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = buf.getLong();
      p[i] = buf.getDouble();
      v[i] = buf.getDouble();
    }
    return new TickWindow(t, p, v);
  }

  @Override
  public Serializer<TickWindow> serializer() {
    return (topic, w) -> {
      if (w == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate(1 + size(w) + 8);
      buf.put(VERSION);
      write(buf, w);
      buf.putLong(w.fullWindows());
      return buf.array();
    };
  }

  @Override
  public Deserializer<TickWindow> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      byte version = buf.get();
      if (version == VERSION_TICKS_ONLY) {
        return read(buf);
      }
      if (version != VERSION) {
        throw new SerializationException("tick window format version " + version + " is unknown");
      }
      TickWindow ticks = read(buf);
      if (buf.remaining() < 8) {
        throw new SerializationException("corrupt tick window: no full-window count");
      }
      long count = buf.getLong();
      if (count < 0) {
        throw new SerializationException("corrupt tick window: full-window count " + count);
      }
      return ticks.withFullWindows(count);
    };
  }
}
