package io.tickcast.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickLedgerTest {
  @Test
  void matchesForecastsToTicksAndCountsMissingDuplicateAndUnmatchedOnes() {
    // 2 symbols round-robin, 7 ticks: symbol 0 gets ticks 0,2,4,6 and symbol 1 gets 1,3,5.
    TickLedger ledger = new TickLedger(2, 7);
    for (int i = 0; i < 7; i++) {
      ledger.sent(i, 1000 + i, 10_000L * i);
    }
    // W = 3: symbol 0 owes forecasts for its 3rd and 4th ticks (4, 6), symbol 1 for its 3rd (5).
    assertThat(ledger.expectedForecasts(3, 0)).isEqualTo(3);
    assertThat(ledger.expectedForecasts(3, 5)).isEqualTo(2);

    ledger.forecast(0, 1004, 10_000L * 4 + 2_000_000); // tick 4, 2 ms later
    ledger.forecast(1, 1005, 10_000L * 5 + 3_000_000); // tick 5, 3 ms later
    ledger.forecast(1, 1005, 10_000L * 5 + 9_000_000); // again
    ledger.forecast(1, 1004, 0); // symbol 1 has no tick at 1004
    ledger.forecast(-1, 1004, 0); // not one of ours

    assertThat(ledger.distinctForecasts()).isEqualTo(2);
    assertThat(ledger.duplicateForecasts()).isEqualTo(1);
    assertThat(ledger.unmatchedForecasts()).isEqualTo(2);
    assertThat(ledger.missingForecasts(3, 0)).isEqualTo(1); // tick 6
    assertThat(ledger.latenciesNanos(0)).containsExactly(2_000_000L, 3_000_000L);
    assertThat(ledger.latenciesNanos(5)).containsExactly(3_000_000L);
  }

  @Test
  void recordsWhetherEachTicksFirstForecastCarriedThePath() {
    TickLedger ledger = new TickLedger(1, 4);
    for (int i = 0; i < 4; i++) {
      ledger.sent(i, 2000 + i, i);
    }
    ledger.forecast(0, 2001, 10, true);
    ledger.forecast(0, 2002, 10, false);
    ledger.forecast(0, 2002, 20, true); // a duplicate does not change the first one's flag
    ledger.forecast(0, 2009, 10, true); // unmatched

    assertThat(ledger.hasPath(0)).isFalse(); // no forecast at all
    assertThat(ledger.hasPath(1)).isTrue();
    assertThat(ledger.hasPath(2)).isFalse();
    assertThat(ledger.forecastsWithPath()).isEqualTo(1);
  }
}
