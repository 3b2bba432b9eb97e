package io.tickcast.trainer.config;

/**
 * A trainer configuration that cannot be used: an unknown key, a value of the wrong type or out
 * of range. The message names the key (e.g. {@code model.layers[2].rate}) and the reason.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the offending key as a JSON path, e.g. {@code training.epochs}
   * @param reason what is wrong with it
   */
  public ConfigException(String key, String reason) {
    super("invalid trainer config: " + key + ": " + reason);
    this.key = key;
  }

  /**
   * @param message a complete message (used when the whole file is unreadable)
   * @param key the offending key, or {@code ""} for the whole file
   * @param cause the underlying error
   */
  public ConfigException(String message, String key, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The offending key as a JSON path, e.g. {@code model.layers[2].rate}; {@code ""} for the file. */
  public String key() {
    return key;
  }
}
