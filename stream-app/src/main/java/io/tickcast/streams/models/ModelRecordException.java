package io.tickcast.streams.models;

/** A model record that cannot be served, with the reason it is counted under. */
public final class ModelRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ModelRejectReason reason;

  /**
   * @param reason the rejection reason
   * @param message what is wrong, naming the file or field
   * @param cause the underlying error, or null
   */
  public ModelRecordException(ModelRejectReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The rejection reason. */
  public ModelRejectReason reason() {
    return reason;
  }
}
