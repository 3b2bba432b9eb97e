package io.tickcast.trainer.evaluate;

/**
 * One expanding-window fold, in window indices (window i is rows {@code i .. i+W-1}, its target
 * row {@code i+W}): train on windows {@code [0, testStart)}, score windows {@code [testStart,
 * testEnd)}. Every training target row ({@code <= testStart - 1 + W}) precedes the first test
 * target row ({@code testStart + W}).
 *
 * @param index 0-based fold number
 * @param testStart first test window, also the number of training windows
 * @param testEnd end (exclusive) of the test windows
 */
public record WalkForwardFold(int index, int testStart, int testEnd) {

  /** Checks the fold is non-empty and ordered. */
  public WalkForwardFold {
    if (!(0 < testStart && testStart < testEnd)) {
      throw new IllegalArgumentException("bad fold " + index + ": train [0, " + testStart
          + "), test [" + testStart + ", " + testEnd + ")");
    }
  }

  /** Series row of the first test target: {@code testStart + W}. */
  public int firstTestTargetRow(int windowLength) {
    return testStart + windowLength;
  }

  /**
   * The number of series rows the fold may train on: rows {@code 0 .. testStart + W - 1}, i.e.
   * everything before the first test target row.
   */
  public int trainingRows(int windowLength) {
    return testStart + windowLength;
  }

  /** Number of test windows. */
  public int testCount() {
    return testEnd - testStart;
  }
}
