package io.tickcast.streams.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.streams.window.WindowPolicy.Decision;
import org.junit.jupiter.api.Test;

class WindowPolicyTest {
  private static TickWindow of(long[] t, double[] p) {
    double[] v = new double[t.length];
    java.util.Arrays.fill(v, Double.NaN);
    return new TickWindow(t, p, v);
  }

  @Test
  void decidesOnTheNewestTickOnly() {
    TickWindow w = of(new long[] {10, 20}, new double[] {1.0, 2.0});
    assertThat(WindowPolicy.decide(TickWindow.empty(), 0, 1.0)).isEqualTo(Decision.APPEND);
    assertThat(WindowPolicy.decide(w, 21, 2.0)).isEqualTo(Decision.APPEND);
    assertThat(WindowPolicy.decide(w, 20, 2.0)).isEqualTo(Decision.DUPLICATE);
    assertThat(WindowPolicy.decide(w, 20, 2.5)).isEqualTo(Decision.CORRECTION);
    assertThat(WindowPolicy.decide(w, 15, 1.5)).isEqualTo(Decision.OUT_OF_ORDER);
    assertThat(WindowPolicy.decide(w, 10, 1.0)).isEqualTo(Decision.OUT_OF_ORDER);
  }

  @Test
  void appendKeepsTheLastCapacityTicks() {
    TickWindow w = TickWindow.empty();
    for (int i = 0; i < 5; i++) {
      w = WindowPolicy.apply(Decision.APPEND, w, i, 100 + i, Double.NaN, 3);
    }
    assertThat(w.size()).isEqualTo(3);
    assertThat(new double[] {w.price(0), w.price(1), w.price(2)}).containsExactly(102, 103, 104);
    TickWindow c = WindowPolicy.apply(Decision.CORRECTION, w, 4, 99, 7, 3);
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.lastPrice()).isEqualTo(99);
    assertThat(c.volume(2)).isEqualTo(7);
    assertThat(c.price(0)).isEqualTo(102);
  }

  @Test
  void serdeRoundTrips() {
    TickWindow w = of(new long[] {1, 2, 3}, new double[] {1.5, 2.5, Double.MIN_VALUE})
        .withFullWindows(41);
    TickWindowSerde serde = new TickWindowSerde();
    TickWindow back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", w));
    assertThat(back).isEqualTo(w);
    assertThat(back.fullWindows()).isEqualTo(41);
  }

  @Test
  void theFullWindowCountSurvivesAppendsAndCorrections() {
    TickWindow w = of(new long[] {1, 2}, new double[] {10, 11}).withFullWindows(7);
    assertThat(w.append(3, 12, Double.NaN, 2).fullWindows()).isEqualTo(7);
    assertThat(w.replaceLast(12, Double.NaN).fullWindows()).isEqualTo(7);
  }

  @Test
  void serdeReadsTheVersionOneFormat() {
    // Version 1, written before the full-window count: 1, n = 2, (time, price, volume) x 2.
    java.nio.ByteBuffer v1 = java.nio.ByteBuffer.allocate(1 + 4 + 2 * 24);
    v1.put((byte) 1).putInt(2);
    v1.putLong(1).putDouble(10).putDouble(Double.NaN);
    v1.putLong(2).putDouble(11).putDouble(5);
    TickWindow w = new TickWindowSerde().deserializer().deserialize("t", v1.array());
    assertThat(w.size()).isEqualTo(2);
    assertThat(w.lastTime()).isEqualTo(2);
    assertThat(w.lastPrice()).isEqualTo(11);
    assertThat(w.volume(1)).isEqualTo(5);
    assertThat(w.fullWindows()).isZero();
  }
}
