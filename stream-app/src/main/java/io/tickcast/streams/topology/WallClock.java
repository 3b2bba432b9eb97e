package io.tickcast.streams.topology;

import java.time.Instant;

/** Wall-clock time in epoch nanoseconds (microsecond resolution on Linux). */
final class WallClock {
  private WallClock() {}

  static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
