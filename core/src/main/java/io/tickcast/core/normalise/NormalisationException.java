package io.tickcast.core.normalise;

/** A window that cannot be normalised; carries a machine-readable {@link Reason}. */
public final class NormalisationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a window cannot be normalised. */
  public enum Reason {
    /** The base value (p_0) is zero: {@code p_i / p_0} would be infinite. */
    ZERO_BASE,
    /** The base value is negative: ratios would flip sign. */
    NEGATIVE_BASE,
    /** The base value is NaN or infinite. */
    NON_FINITE_BASE,
    /** A value in the window is NaN or infinite. */
    NON_FINITE_VALUE
  }

  private final Reason reason;
  private final int column;

  /**
   * @param reason why normalisation failed
   * @param column the feature column (0-based) holding the offending value
   * @param value the offending value
   */
  public NormalisationException(Reason reason, int column, double value) {
    super("cannot normalise window: " + reason + " in column " + column + " (value " + value + ")");
    this.reason = reason;
    this.column = column;
  }

  /** The reason code. */
  public Reason reason() {
    return reason;
  }

  /** The 0-based feature column holding the offending value. */
  public int column() {
    return column;
  }
}
