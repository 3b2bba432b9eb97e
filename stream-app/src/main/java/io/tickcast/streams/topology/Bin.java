package io.tickcast.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/** Length-prefixed fields of the internal binary formats (package-private). */
final class Bin {
  private Bin() {}

  static int size(byte[] b) {
    return 4 + (b == null ? 0 : b.length);
  }

  static int size(String s) {
    return size(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  static void put(ByteBuffer buf, byte[] b) {
    if (b == null) {
      buf.putInt(-1);
    } else {
      buf.putInt(b.length).put(b);
    }
  }

  static void put(ByteBuffer buf, String s) {
    put(buf, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bytes(ByteBuffer buf) {
    int n = buf.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > buf.remaining()) {
      throw new SerializationException("corrupt internal record: field of " + n + " bytes");
    }
    byte[] b = new byte[n];
    buf.get(b);
    return b;
  }

  static String string(ByteBuffer buf) {
    byte[] b = bytes(buf);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static void version(ByteBuffer buf, byte expected, String what) {
    byte v = buf.get();
    if (v != expected) {
      throw new SerializationException(what + " format version " + v + " is unknown");
    }
  }
}
