package io.tickcast.streams.window;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store and changelog format of a {@link TickWindow}, big-endian: a version byte ({@value
 * #VERSION}), the retained tick count n (int), n × (time long, price double, volume double), the
 * live window's first index (int), the full-window count (long), the queued windows (int count,
 * each: sequence long, from int, end int, last price double, last volume double, arrival nanos
 * long, record timestamp long, path flag byte), then the previous forecast's scoring state (flag
 * byte; if set: last tick time long, last tick price double, next step double, int levels, each:
 * level, next lower, next upper doubles).
 *
 * <p>Version 1 (ticks only; count read as 0) and version 2 (ticks, full-window count) are still
 * read, so a state store or changelog written before restores.
 */
public final class TickWindowSerde implements Serde<TickWindow> {
  /** Format version written. */
  public static final byte VERSION = 3;
  /** The first format: ticks only. */
  static final byte VERSION_TICKS_ONLY = 1;
  /** The second format: ticks and the full-window count. */
  static final byte VERSION_COUNTED = 2;

  private static final int QUEUED_BYTES = 8 + 4 + 4 + 8 + 8 + 8 + 8 + 1;

  /** Bytes the serializer writes for a window. */
  public static int size(TickWindow w) {
    TickWindow.Scoring s = w.previous();
    return 1 + 4 + w.retained() * 24 + 4 + 8 + 4 + w.queued().size() * QUEUED_BYTES + 1
        + (s == null ? 0 : 8 + 8 + 8 + 4 + s.levels().length * 24);
  }

  @Override
  public Serializer<TickWindow> serializer() {
    return (topic, w) -> {
      if (w == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate(size(w));
      buf.put(VERSION);
      buf.putInt(w.retained());
      for (int i = 0; i < w.retained(); i++) {
        buf.putLong(w.retainedTime(i)).putDouble(w.retainedPrice(i))
            .putDouble(w.retainedVolume(i));
      }
      buf.putInt(w.liveFrom()).putLong(w.fullWindows());
      buf.putInt(w.queued().size());
      for (TickWindow.Queued q : w.queued()) {
        buf.putLong(q.sequence()).putInt(q.from()).putInt(q.end()).putDouble(q.lastPrice())
            .putDouble(q.lastVolume()).putLong(q.arrivalEpochNanos())
            .putLong(q.recordTimestamp()).put((byte) (q.withPath() ? 1 : 0));
      }
      TickWindow.Scoring s = w.previous();
      buf.put((byte) (s == null ? 0 : 1));
      if (s != null) {
        buf.putLong(s.lastTickTime()).putDouble(s.lastTickPrice()).putDouble(s.nextStep());
        buf.putInt(s.levels().length);
        for (int i = 0; i < s.levels().length; i++) {
          buf.putDouble(s.levels()[i]).putDouble(s.nextLower()[i]).putDouble(s.nextUpper()[i]);
        }
      }
      return buf.array();
    };
  }

  @Override
  public Deserializer<TickWindow> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return read(ByteBuffer.wrap(bytes));
      } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
        throw new SerializationException("corrupt tick window: " + e.getMessage(), e);
      }
    };
  }

  private static TickWindow read(ByteBuffer buf) {
    byte version = buf.get();
    if (version != VERSION && version != VERSION_COUNTED && version != VERSION_TICKS_ONLY) {
      throw new SerializationException("tick window format version " + version + " is unknown");
    }
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
    if (version == VERSION_TICKS_ONLY) {
      return new TickWindow(t, p, v);
    }
    int liveFrom = version == VERSION_COUNTED ? 0 : buf.getInt();
    if (buf.remaining() < 8) {
      throw new SerializationException("corrupt tick window: no full-window count");
    }
    long count = buf.getLong();
    if (count < 0) {
      throw new SerializationException("corrupt tick window: full-window count " + count);
    }
    if (version == VERSION_COUNTED) {
      return new TickWindow(t, p, v, count);
    }
    int k = buf.getInt();
    if (k < 0 || k > buf.remaining() / QUEUED_BYTES) {
      throw new SerializationException("corrupt tick window: " + k + " queued windows");
    }
    List<TickWindow.Queued> queued = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      queued.add(new TickWindow.Queued(buf.getLong(), buf.getInt(), buf.getInt(),
          buf.getDouble(), buf.getDouble(), buf.getLong(), buf.getLong(), buf.get() != 0));
    }
    TickWindow.Scoring previous = null;
    if (buf.get() != 0) {
      long time = buf.getLong();
      double price = buf.getDouble();
      double next = buf.getDouble();
      int levels = buf.getInt();
      if (levels < 0 || levels > buf.remaining() / 24) {
        throw new SerializationException("corrupt tick window: " + levels + " interval levels");
      }
      double[] level = new double[levels];
      double[] lower = new double[levels];
      double[] upper = new double[levels];
      for (int i = 0; i < levels; i++) {
        level[i] = buf.getDouble();
        lower[i] = buf.getDouble();
        upper[i] = buf.getDouble();
      }
      previous = new TickWindow.Scoring(time, price, next, level, lower, upper);
    }
    return new TickWindow(t, p, v, liveFrom, count, queued, previous);
  }
}
