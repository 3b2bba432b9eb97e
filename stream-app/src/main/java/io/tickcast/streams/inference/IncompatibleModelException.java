package io.tickcast.streams.inference;

/**
 * A new model artifact that cannot replace the running one without a restart: another window
 * length or other input columns, which the stored windows were not built for.
 */
public final class IncompatibleModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what differs */
  public IncompatibleModelException(String message) {
    super(message);
  }
}
