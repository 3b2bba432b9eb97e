package io.tickcast.deploy.promql;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found lexically: string literals, label matchers
 * {@code {...}}, ranges {@code [...]} and grouping clauses ({@code by}, {@code without}, {@code
 * on}, {@code ignoring}, {@code group_left}, {@code group_right}) are removed, then every
 * identifier that is neither a keyword nor followed by {@code (} (a function or aggregation) is a
 * metric name. Selectors written only as {@code {__name__="..."}} are not reported.
 */
public final class MetricNames {
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  /** Numbers and durations first, so the {@code m} of {@code 5m} is not taken for a name. */
  private static final Pattern TOKENS =
      Pattern.compile("(?<number>[0-9][0-9a-zA-Z_.]*(?:[eE][+-]?[0-9]+)?)|(?<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring",
      "group_left", "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");

  private MetricNames() {}

  /**
   * The metric names selected by {@code expr}, in order of first appearance.
   *
   * @param expr a PromQL expression without Grafana variables outside ranges
   */
  public static Set<String> of(String expr) {
    String s = STRINGS.matcher(expr).replaceAll(" ");
    s = MATCHERS.matcher(s).replaceAll(" ");
    s = RANGES.matcher(s).replaceAll(" ");
    s = GROUPING.matcher(s).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = TOKENS.matcher(s);
    while (m.find()) {
      String ident = m.group("ident");
      if (ident == null || KEYWORDS.contains(ident.toLowerCase())) {
        continue;
      }
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      if (next < s.length() && s.charAt(next) == '(') {
        continue;
      }
      names.add(ident);
    }
    return names;
  }
}
