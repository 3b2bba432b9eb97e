package io.tickcast.deploy.compose;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose-file variable interpolation: {@code ${VAR}}, {@code ${VAR:-default}}, {@code
 * ${VAR-default}}, {@code $VAR}, and {@code $$} for a literal {@code $}.
 */
final class Interpolation {
  private static final Pattern VARIABLE = Pattern.compile(
      "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private Interpolation() {}

  /**
   * Interpolates {@code text} against {@code env}.
   *
   * @throws IllegalArgumentException for a variable that is unset and has no default
   */
  static String apply(String text, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = m.group(1) != null ? m.group(1) : m.group(4);
        String value = env.get(name);
        String op = m.group(2);
        if (op != null && (value == null || (op.equals(":-") && value.isEmpty()))) {
          value = m.group(3);
        }
        if (value == null) {
          throw new IllegalArgumentException("variable " + name + " in '" + text
              + "' is unset and has no default");
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
