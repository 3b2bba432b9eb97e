package io.tickcast.streams.config;

/** A configuration value that cannot be used; the message names the key, the value and why. */
public final class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * @param key the configuration key, e.g. {@code tickcast.batch.max.size}
   * @param value the offending value as given (may be null when missing)
   * @param reason why it is invalid
   */
  public InvalidConfigException(String key, String value, String reason) {
    super("invalid configuration " + key + (value == null ? "" : "=" + value) + ": " + reason
        + " (set it in the properties file or as environment variable " + AppConfig.envName(key)
        + ")");
    this.key = key;
  }

  /** The offending configuration key. */
  public String key() {
    return key;
  }
}
