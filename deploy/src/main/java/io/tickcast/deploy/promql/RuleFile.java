package io.tickcast.deploy.promql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the rules of a Prometheus rule file ({@code groups: [{name, rules: [...]}]}). */
public final class RuleFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleFile() {}

  /**
   * The rules of a rule file, in file order.
   *
   * @throws UncheckedIOException if the file cannot be read or is not YAML
   * @throws IllegalArgumentException if a rule has no {@code expr}
   */
  public static List<AlertRule> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Prometheus rule file " + file, e);
    }
    List<AlertRule> rules = new ArrayList<>();
    for (JsonNode group : root.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
        if (!rule.path("expr").isTextual()) {
          throw new IllegalArgumentException("rule '" + name + "' in " + file + " has no expr");
        }
        rules.add(new AlertRule(group.path("name").asText(), name, rule.path("expr").asText().strip(),
            rule.path("for").asText("")));
      }
    }
    return List.copyOf(rules);
  }
}
