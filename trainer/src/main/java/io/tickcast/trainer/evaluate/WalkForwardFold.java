package io.tickcast.trainer.evaluate;

/**
 * One expanding-window fold, in window indices (window i is rows {@code i .. i+W-1}, its target
 * row {@code i+W}): train on the windows of rows {@code [0, testStart)}, i.e. windows {@code [0,
 * testStart − W)}, score windows {@code [testStart, testEnd)}. The W windows {@code [testStart −
 * W, testStart)} are purged: they would read (as input or target) row {@code testStart}, the
 * first row a test window reads, so no row is read by both a training and a test window.
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
   * The number of series rows the fold may train on: rows {@code 0 .. testStart - 1}, everything
   * before the first input row of the first test window (the purge gap: the {@code W} windows
   * between them are used neither for training nor for testing).
   */
  public int trainingRows(int windowLength) {
    return testStart;
  }

  /** Number of test windows. */
  public int testCount() {
    return testEnd - testStart;
  }
}
