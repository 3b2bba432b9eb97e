package io.tickcast.streams.config;

import io.tickcast.core.config.EnumNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@link ConfigDef.Validator}s of {@link AppConfig}'s keys that Kafka's own ({@link
 * ConfigDef.Range}, {@link ConfigDef.ValidString}, {@link ConfigDef.NonEmptyString}) do not
 * cover. Each throws {@link ConfigException} with the reason; its {@code toString()} is the
 * "valid values" column of the generated configuration table.
 */
final class ConfigValidators {
  private ConfigValidators() {}

  /**
   * An enum-valued key: one of the constants' {@link EnumNames} (case and {@code _}/{@code -}
   * insensitive), or one of {@code extra} (e.g. {@code artifact} for "the model's own").
   */
  static <E extends Enum<E>> ConfigDef.Validator oneOf(Class<E> type, String... extra) {
    List<String> names = new ArrayList<>(List.of(extra));
    names.addAll(EnumNames.all(type));
    return check(v -> isOneOf(type, (String) v, extra), "must be one of: " + String.join(", ", names),
        String.join(", ", names));
  }

  /** Whether {@code value} names a constant of {@code type} or equals one of {@code extra}. */
  static <E extends Enum<E>> boolean isOneOf(Class<E> type, String value, String... extra) {
    for (String x : extra) {
      if (x.equalsIgnoreCase(value.trim())) {
        return true;
      }
    }
    return EnumNames.find(type, value) != null;
  }

  /** A string matching {@code pattern} as a whole. */
  static ConfigDef.Validator matching(Pattern pattern, String reason) {
    return check(v -> pattern.matcher((String) v).matches(), reason, pattern.pattern());
  }

  /** A Java regular expression. */
  static ConfigDef.Validator regex() {
    return ConfigDef.LambdaValidator.with((name, v) -> {
      try {
        Pattern.compile((String) v);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(name, v, "not a regular expression: " + e.getDescription());
      }
    }, () -> "a Java regular expression");
  }

  /** A finite number above {@code min}, or at least {@code min} when {@code inclusive}. */
  static ConfigDef.Validator finite(double min, boolean inclusive) {
    String bound = (inclusive ? ">= " : "> ") + min;
    return check(v -> {
      double d = (Double) v;
      return Double.isFinite(d) && (inclusive ? d >= min : d > min);
    }, "must be a finite number " + bound, "finite, " + bound);
  }

  /** A validator from a test, the reason it fails with and its description. */
  static ConfigDef.Validator check(Predicate<Object> ok, String reason, String description) {
    return ConfigDef.LambdaValidator.with((name, v) -> {
      if (v == null || !ok.test(v)) {
        throw new ConfigException(name, v, reason);
      }
    }, () -> description);
  }
}
