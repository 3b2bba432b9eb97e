package io.tickcast.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.streams.window.TickWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PendingWindowSerdeTest {
  private static final TickWindow WINDOW =
      new TickWindow(new long[] {1, 2}, new double[] {10, 11}, new double[] {Double.NaN, 3});

  @Test
  void roundTripsThePathFlag() {
    PendingWindowSerde serde = new PendingWindowSerde();
    for (boolean withPath : new boolean[] {true, false}) {
      PendingWindow p = new PendingWindow("SPX", WINDOW, 123L, 456L, withPath);
      assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", p)))
          .isEqualTo(p);
    }
  }

  @Test
  void versionOneRecordsGetAPath() {
    // Version 1: 1, symbol (length-prefixed UTF-8), n = 2, (time, price, volume) x 2, arrival,
    // record timestamp; queued when every forecast had a path.
    byte[] symbol = "SPX".getBytes(StandardCharsets.UTF_8);
    ByteBuffer v1 = ByteBuffer.allocate(1 + 4 + symbol.length + 4 + 2 * 24 + 16);
    v1.put((byte) 1).putInt(symbol.length).put(symbol).putInt(2);
    v1.putLong(1).putDouble(10).putDouble(Double.NaN);
    v1.putLong(2).putDouble(11).putDouble(3);
    v1.putLong(123).putLong(456);
    PendingWindow p = new PendingWindowSerde().deserializer().deserialize("t", v1.array());
    assertThat(p).isEqualTo(new PendingWindow("SPX", WINDOW, 123L, 456L, true));
  }
}
