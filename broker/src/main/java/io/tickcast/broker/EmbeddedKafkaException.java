package io.tickcast.broker;

/** The embedded Kafka broker could not start, or could not do what was asked; the message says why. */
public final class EmbeddedKafkaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, for a human
   * @param cause the underlying error
   */
  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }

  /** @param message what failed, for a human */
  public EmbeddedKafkaException(String message) {
    super(message);
  }
}
