package io.tickcast.streams.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The documentation generated from {@link AppConfig#configDef()}, so that it cannot drift from the
 * code: the Markdown configuration table between {@value #BEGIN} and {@value #END} in {@code
 * README.md} and {@code stream-app/README.md}, and the example {@code
 * stream-app/config/stream-app.properties}. {@code ConfigDocsTest} fails when a file differs from
 * what is generated here; {@link #REGENERATE} rewrites them.
 */
public final class ConfigDocs {
  /** Marks the start of a generated table in a Markdown file. */
  public static final String BEGIN =
      "<!-- generated from AppConfig.DEFINITION by ConfigDocs: do not edit; begin -->";
  /** Marks the end of a generated table. */
  public static final String END = "<!-- generated: end -->";
  /** The command that rewrites every generated file from the repository root. */
  public static final String REGENERATE = "./mvnw -B -q -o -pl stream-app -am"
      + " -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false"
      + " -Dtickcast.config.docs.write=true test";
  /** The Markdown files, relative to the repository root, that carry the table. */
  public static final List<String> TABLE_FILES = List.of("README.md", "stream-app/README.md");
  /** The example properties file, relative to the repository root. */
  public static final String EXAMPLE_FILE = "stream-app/config/stream-app.properties";

  /** Keys the example sets (uncommented) to these values. */
  private static final Map<String, String> EXAMPLE_SET = Map.of(
      AppConfig.BOOTSTRAP_SERVERS, "localhost:9092", AppConfig.APPLICATION_ID, "tickcast-stream",
      AppConfig.MODEL_DIR, "models", AppConfig.HTTP_PORT, "8080");
  /** Keys whose commented line shows an example rather than the default. */
  private static final Map<String, String> EXAMPLE_VALUE = Map.of(
      AppConfig.STATE_DIR, "/var/lib/tickcast/state", AppConfig.APPLICATION_SERVER, "host:8080");
  /** Keys whose example line is not their default, for {@code ExamplePropertiesTest}. */
  public static final Set<String> EXAMPLE_VALUE_KEYS = EXAMPLE_VALUE.keySet();

  private ConfigDocs() {}

  /**
   * The configuration table: key, environment variable, default, valid values and meaning of
   * every key, in {@link AppConfig#configDef()}'s order, then the {@value AppConfig#STREAMS_PREFIX}
   * pass-through.
   */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| key | env | default | valid values | meaning |\n");
    sb.append("| --- | --- | --- | --- | --- |\n");
    for (ConfigDef.ConfigKey k : AppConfig.DEFINITION.configKeys().values()) {
      sb.append("| `").append(k.name).append("` | `").append(AppConfig.envName(k.name))
          .append("` | ").append(cell(shownDefault(k))).append(" | ")
          .append(cell(code(validValues(k)))).append(" | ").append(cell(k.documentation))
          .append(" |\n");
    }
    sb.append("| `").append(AppConfig.STREAMS_PREFIX).append("*` | `")
        .append(AppConfig.envName(AppConfig.STREAMS_PREFIX)).append("*` | | | passed to Kafka"
            + " Streams without the prefix, e.g. `tickcast.streams.commit.interval.ms=200` |\n");
    return sb.toString();
  }

  /** The example properties file: every key, by group, with its documentation. */
  public static String exampleProperties() {
    StringBuilder sb = new StringBuilder();
    sb.append("""
        # Example settings of the stream app (`tickcast serve --config config/stream-app.properties`, or
        # `java io.tickcast.streams.StreamAppMain stream-app.properties`). A TICKCAST_* environment
        # variable overrides its key (tickcast.model.dir -> TICKCAST_MODEL_DIR), and
        # `serve --set KEY=VALUE` overrides both. An unknown tickcast.* key stops start-up.
        # Commented lines show the default (state.dir and application.server: an example).
        # Generated from io.tickcast.streams.config.AppConfig.DEFINITION by ConfigDocs; regenerate with
        #   %s
        """.formatted(REGENERATE));
    String group = null;
    for (ConfigDef.ConfigKey k : AppConfig.DEFINITION.configKeys().values()) {
      if (!Objects.equals(group, k.group)) {
        group = k.group;
        sb.append("\n# ").append("=".repeat(3)).append(' ').append(group).append('\n');
      }
      wrapComment(sb, k.documentation);
      String valid = validValues(k);
      if (!valid.isEmpty()) {
        wrapComment(sb, "valid values: " + valid);
      }
      if (EXAMPLE_SET.containsKey(k.name)) {
        sb.append(k.name).append('=').append(EXAMPLE_SET.get(k.name)).append('\n');
      } else {
        sb.append('#').append(k.name).append('=').append(EXAMPLE_VALUE.getOrDefault(k.name,
            ConfigDef.convertToString(k.defaultValue, k.type))).append('\n');
      }
    }
    sb.append("\n# Any Kafka Streams setting, with the ").append(AppConfig.STREAMS_PREFIX)
        .append(" prefix:\n#").append(AppConfig.STREAMS_PREFIX).append("commit.interval.ms=200\n");
    return sb.toString();
  }

  /**
   * {@code text} with the part between {@link #BEGIN} and {@link #END} replaced by the table.
   *
   * @throws IllegalArgumentException if the markers are missing
   */
  public static String withTable(String text) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no " + BEGIN + " ... " + END + " section");
    }
    return text.substring(0, begin + BEGIN.length()) + "\n" + markdownTable()
        + text.substring(end);
  }

  /**
   * Rewrites the generated files under a repository root.
   *
   * @param root the repository root
   * @throws IOException if a file cannot be read or written
   */
  public static void write(Path root) throws IOException {
    for (String f : TABLE_FILES) {
      Path p = root.resolve(f);
      Files.writeString(p, withTable(Files.readString(p, StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
    }
    Files.writeString(root.resolve(EXAMPLE_FILE), exampleProperties(), StandardCharsets.UTF_8);
  }

  private static String shownDefault(ConfigDef.ConfigKey k) {
    if (k.alternativeString != null) {
      return k.alternativeString;
    }
    String v = ConfigDef.convertToString(k.defaultValue, k.type);
    return v == null || v.isEmpty() ? "" : "`" + v + "`";
  }

  private static String validValues(ConfigDef.ConfigKey k) {
    if (k.validator != null) {
      return k.validator.toString();
    }
    return k.type == ConfigDef.Type.BOOLEAN ? "true, false" : "";
  }

  private static String code(String s) {
    return s.isEmpty() ? s : "`" + s + "`";
  }

  /** A Markdown table cell: pipes escaped. */
  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  /** Appends {@code text} as {@code #} comment lines of at most 100 characters. */
  private static void wrapComment(StringBuilder sb, String text) {
    StringBuilder line = new StringBuilder("#");
    for (String word : text.split(" ")) {
      if (line.length() + 1 + word.length() > 100 && line.length() > 1) {
        sb.append(line).append('\n');
        line = new StringBuilder("#");
      }
      line.append(' ').append(word);
    }
    sb.append(line).append('\n');
  }
}
