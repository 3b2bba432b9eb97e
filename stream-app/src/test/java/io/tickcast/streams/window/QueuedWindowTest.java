package io.tickcast.streams.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Full windows queued in the window value: they share its ticks, keep their newest tick as
 * queued, survive the serde (path flag, arrival and record times, scoring state) and release
 * their ticks when dequeued.
 */
class QueuedWindowTest {
  private static final TickWindowSerde SERDE = new TickWindowSerde();

  private static TickWindow roundTrip(TickWindow w) {
    return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", w));
  }

  private static TickWindow filled(int w, int ticks) {
    TickWindow win = TickWindow.empty();
    for (int i = 0; i < ticks; i++) {
      win = win.append(i, 10 + i, Double.NaN, w);
    }
    return win;
  }

  @Test
  void roundTripsThePathFlagAndTimes() {
    for (boolean withPath : new boolean[] {true, false}) {
      TickWindow w = filled(2, 2).enqueue(9, 123L, 456L, withPath);
      TickWindow back = roundTrip(w);
      assertThat(back).isEqualTo(w);
      TickWindow.Queued q = back.queued().get(0);
      assertThat(q.withPath()).isEqualTo(withPath);
      assertThat(q.sequence()).isEqualTo(9);
      assertThat(q.arrivalEpochNanos()).isEqualTo(123L);
      assertThat(q.recordTimestamp()).isEqualTo(456L);
    }
  }

  @Test
  void queuedWindowsShareTheTicksAndKeepThemUntilDequeued() {
    int w = 3;
    TickWindow win = filled(w, 3).enqueue(0, 0, 0, true); // ticks 0, 1, 2
    win = win.append(3, 13, Double.NaN, w).enqueue(1, 0, 0, false); // live 1, 2, 3
    win = win.append(4, 14, Double.NaN, w); // live 2, 3, 4; tick 0 still needed by window 0
    assertThat(win.retained()).isEqualTo(5);
    assertThat(win.size()).isEqualTo(w);
    assertThat(win.time(0)).isEqualTo(2);
    TickWindow first = win.window(win.queued().get(0));
    assertThat(first).isEqualTo(new TickWindow(new long[] {0, 1, 2}, new double[] {10, 11, 12},
        new double[] {Double.NaN, Double.NaN, Double.NaN}));
    TickWindow second = win.window(win.queued().get(1));
    assertThat(second.time(0)).isEqualTo(1);
    assertThat(second.lastPrice()).isEqualTo(13);
    // the first forecast goes out: tick 0 is no longer needed, tick 1 still is
    TickWindow after = win.dequeue(1);
    assertThat(after.retained()).isEqualTo(4);
    assertThat(after.window(after.queued().get(0))).isEqualTo(second);
    assertThat(roundTrip(after)).isEqualTo(after);
    // the second goes out: only the live window remains
    assertThat(after.dequeue(1)).isEqualTo(new TickWindow(new long[] {2, 3, 4},
        new double[] {12, 13, 14}, new double[] {Double.NaN, Double.NaN, Double.NaN}));
  }

  @Test
  void aCorrectionLeavesTheQueuedWindowAsItWas() {
    TickWindow win = filled(2, 2).enqueue(0, 0, 0, true).replaceLast(99, 7);
    assertThat(win.lastPrice()).isEqualTo(99);
    assertThat(win.window(win.queued().get(0)).lastPrice()).isEqualTo(11);
    assertThat(win.window(win.queued().get(0)).volume(1)).isNaN();
  }

  @Test
  void aRestartEmptiesTheLiveWindowAndKeepsTheQueuedTicks() {
    TickWindow win = filled(2, 2).withFullWindows(5).enqueue(0, 0, 0, true).restarted();
    assertThat(win.isEmpty()).isTrue();
    assertThat(win.fullWindows()).isEqualTo(5);
    assertThat(win.window(win.queued().get(0)).price(0)).isEqualTo(10);
    TickWindow next = win.append(7, 50, Double.NaN, 2);
    assertThat(next.size()).isEqualTo(1);
    assertThat(next.lastPrice()).isEqualTo(50);
    assertThat(next.dequeue(1).retained()).isEqualTo(1);
  }

  @Test
  void theScoringStateRoundTrips() {
    TickWindow.Scoring s = new TickWindow.Scoring(5, 10.5, 11.0, new double[] {0.8, 0.95},
        new double[] {10, 9}, new double[] {12, 13});
    TickWindow w = filled(2, 2).withPrevious(s);
    assertThat(roundTrip(w).previous()).isEqualTo(s);
    assertThat(roundTrip(w.withPrevious(null)).previous()).isNull();
  }

  @Test
  void theVersionTwoFormatIsReadAsALiveWindowWithNothingQueued() {
    // Version 2 (before queued windows lived in the value): 2, n = 2, (time, price, volume) x 2,
    // full-window count.
    java.nio.ByteBuffer v2 = java.nio.ByteBuffer.allocate(1 + 4 + 2 * 24 + 8);
    v2.put((byte) 2).putInt(2);
    v2.putLong(1).putDouble(10).putDouble(Double.NaN);
    v2.putLong(2).putDouble(11).putDouble(5);
    v2.putLong(41);
    TickWindow w = SERDE.deserializer().deserialize("t", v2.array());
    assertThat(w).isEqualTo(new TickWindow(new long[] {1, 2}, new double[] {10, 11},
        new double[] {Double.NaN, 5}, 41));
    assertThat(w.queued()).isEmpty();
    assertThat(w.previous()).isNull();
  }
}
