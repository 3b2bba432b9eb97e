package io.tickcast.streams;

/** The app cannot start: bad model, unreachable broker, busy port; the message says which. */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed and why */
  public StartupException(String message) {
    super(message);
  }

  /**
   * @param message what failed and why
   * @param cause the underlying error
   */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
