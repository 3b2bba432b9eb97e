package io.tickcast.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a record of the expected schema and format. A Kafka {@link
 * SerializationException}, so Kafka clients and Kafka Streams treat it as a deserialisation error.
 */
public class MalformedRecordException extends SerializationException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong with the bytes */
  public MalformedRecordException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong with the bytes
   * @param cause the decoder's error
   */
  public MalformedRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
