package io.tickcast.core.model;

/** A model artifact that cannot be used: missing, truncated, foreign or inconsistent. */
public final class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the file */
  public ModelLoadException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, naming the file
   * @param cause the underlying error
   */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
