package io.tickcast.schemas.serde;

/**
 * A JSON number field given as a string that is not a plain decimal: grouped ({@code 1,455.22}),
 * locale ({@code 1.455,22}, {@code 1 455,22}), hexadecimal, {@code NaN}, currency-marked and so
 * on. Its own type so that a consumer can give it its own dead-letter reason.
 */
public final class MalformedNumberException extends MalformedRecordException {
  private static final long serialVersionUID = 1L;

  /** @param message the field, the text and the accepted form */
  public MalformedNumberException(String message) {
    super(message);
  }
}
