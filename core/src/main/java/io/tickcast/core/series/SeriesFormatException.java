package io.tickcast.core.series;

/** A CSV file that cannot be read as a series; the message names the file, line and value. */
public final class SeriesFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and where */
  public SeriesFormatException(String message) {
    super(message);
  }
}
