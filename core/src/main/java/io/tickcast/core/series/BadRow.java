package io.tickcast.core.series;

/**
 * A CSV data row that cannot be used: where it is, the cell, and why.
 *
 * @param file the file name
 * @param line the 1-based line number in the file
 * @param column the column whose cell is bad
 * @param value the cell's text as written ({@code ""} when empty or missing)
 * @param reason the kind of problem
 * @param detail the problem in words, e.g. {@code is not a number}
 */
public record BadRow(String file, int line, String column, String value, Reason reason,
    String detail) {

  /** The kinds of bad row; {@link #label} is the name shown in summaries. */
  public enum Reason {
    /** The cell is empty. */
    EMPTY("empty"),
    /** The row has fewer fields than the column's position. */
    MISSING_FIELD("missing field"),
    /** The cell is not a decimal number. */
    NOT_A_NUMBER("not a number"),
    /** The cell is NaN or infinite. */
    NOT_FINITE("not finite"),
    /** The time cell cannot be parsed. */
    BAD_TIME("bad time"),
    /** The time is not after the previous good row's. */
    TIME_NOT_INCREASING("time not increasing");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** The short name, e.g. {@code not a number}. */
    public String label() {
      return label;
    }
  }

  /** {@code FILE line N: column 'C' value 'V' DETAIL}. */
  public String message() {
    return file + " line " + line + ": column '" + column + "' value '" + value + "' " + detail;
  }

  /** This row as an exception (for readers that stop at the first bad row). */
  public SeriesFormatException toException() {
    return new SeriesFormatException(message());
  }
}
