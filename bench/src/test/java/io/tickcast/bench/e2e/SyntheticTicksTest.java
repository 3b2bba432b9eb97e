package io.tickcast.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.schemas.Tick;
import org.junit.jupiter.api.Test;

class SyntheticTicksTest {
  @Test
  void roundRobinSymbolsWithStrictlyIncreasingTimesEvenWithinOneMillisecond() {
    SyntheticTicks g = new SyntheticTicks(12, 1L);
    long[] last = new long[12];
    for (int i = 0; i < 120; i++) {
      Tick t = g.next(i, 5_000L); // the clock stands still
      int s = g.indexOf(t.getSymbol());
      assertThat(s).isEqualTo(i % 12);
      if (i >= 12) {
        assertThat(t.getTimestamp().toEpochMilli()).isEqualTo(last[s] + 1);
      } else {
        assertThat(t.getTimestamp().toEpochMilli()).isEqualTo(5_000L);
      }
      last[s] = t.getTimestamp().toEpochMilli();
      assertThat(t.getPrice()).isBetween(90.0, 110.0); // 10 steps of 0.1 %
    }
    assertThat(g.symbol(3)).isEqualTo("B03");
    assertThat(g.indexOf("B3")).isEqualTo(-1);
    assertThat(g.indexOf("X03")).isEqualTo(-1);
  }
}
