package io.tickcast.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Strict field access for the JSON wire format (package-private helper of the codecs). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode parseObject(byte[] bytes, String what) {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedRecordException("empty " + what + " value");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedRecordException(what + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new MalformedRecordException(what + " JSON must be an object, was " + kind(node));
    }
    return obj;
  }

  static String text(ObjectNode obj, String field, String what) {
    JsonNode n = obj.get(field);
    if (n == null || !n.isTextual()) {
      throw new MalformedRecordException(what + " JSON field '" + field + "' must be a string, was "
          + kind(n));
    }
    return n.textValue();
  }

  static double number(ObjectNode obj, String field, String what) {
    JsonNode n = obj.get(field);
    if (n == null || !n.isNumber()) {
      throw new MalformedRecordException(what + " JSON field '" + field + "' must be a number, was "
          + kind(n));
    }
    return n.doubleValue();
  }

  static Double optionalNumber(ObjectNode obj, String field, String what) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    return number(obj, field, what);
  }

  /** A plain decimal: optional sign, digits with an optional fraction, optional exponent. */
  static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

  /**
   * A number that may also be given as a string in plain decimal form ({@link #PLAIN_DECIMAL},
   * e.g. {@code "1455.22"}); any other string (grouped, locale, {@code NaN}, hex) is refused.
   *
   * @throws MalformedNumberException for a string that is not a plain decimal
   * @throws MalformedRecordException for a missing field or another JSON type
   */
  static double decimal(ObjectNode obj, String field, String what) {
    JsonNode n = obj.get(field);
    if (n != null && n.isTextual()) {
      String text = n.textValue().trim();
      if (!PLAIN_DECIMAL.matcher(text).matches()) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        throw new MalformedNumberException(what + " JSON field '" + field + "' is the string '"
            + shown + "', not a plain decimal such as 1455.22 (no grouping, no locale forms)");
      }
      return Double.parseDouble(text);
    }
    return number(obj, field, what);
  }

  /** {@link #decimal} for an optional field: null when missing or null. */
  static Double optionalDecimal(ObjectNode obj, String field, String what) {
    JsonNode n = obj.get(field);
    return n == null || n.isNull() ? null : decimal(obj, field, what);
  }

  /** Epoch milliseconds as an integral number, or an ISO-8601 instant string. */
  static Instant time(ObjectNode obj, String field, String what) {
    JsonNode n = obj.get(field);
    if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
      return Instant.ofEpochMilli(n.longValue());
    }
    if (n != null && n.isTextual()) {
      try {
        Instant t = Instant.parse(n.textValue());
        t.toEpochMilli();
        return t;
      } catch (ArithmeticException e) {
        throw new MalformedRecordException(what + " JSON field '" + field + "' is beyond the"
            + " range of epoch milliseconds: '" + n.textValue() + "'", e);
      } catch (DateTimeParseException e) {
        throw new MalformedRecordException(what + " JSON field '" + field + "' is not an ISO-8601"
            + " instant: '" + n.textValue() + "'", e);
      }
    }
    throw new MalformedRecordException(what + " JSON field '" + field
        + "' must be epoch milliseconds (integer) or an ISO-8601 instant, was " + kind(n));
  }

  static byte[] write(ObjectNode obj) {
    try {
      return MAPPER.writeValueAsBytes(obj);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static String kind(JsonNode n) {
    return n == null ? "missing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
