package io.tickcast.deploy.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Grafana dashboard JSON file read as its panels (including panels nested in collapsed rows).
 *
 * @param uid the dashboard uid
 * @param title the dashboard title
 * @param panels every panel and row header, in file order
 */
public record Dashboard(String uid, String title, List<Panel> panels) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a dashboard JSON file.
   *
   * @throws UncheckedIOException if the file cannot be read or is not JSON
   * @throws IllegalArgumentException if it has no {@code panels} array
   */
  public static Dashboard read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Grafana dashboard " + file, e);
    }
    if (!root.path("panels").isArray()) {
      throw new IllegalArgumentException("Grafana dashboard " + file + " has no panels array");
    }
    List<Panel> panels = new ArrayList<>();
    for (JsonNode p : root.path("panels")) {
      panels.add(panel(p));
      for (JsonNode nested : p.path("panels")) {
        panels.add(panel(nested));
      }
    }
    return new Dashboard(root.path("uid").asText(""), root.path("title").asText(""), panels);
  }

  /** The visualisation panels, without row headers. */
  public List<Panel> visualisations() {
    return panels.stream().filter(p -> !p.isRow()).toList();
  }

  /** Every query of every panel. */
  public List<Query> queries() {
    return panels.stream().flatMap(p -> p.queries().stream()).toList();
  }

  private static Panel panel(JsonNode p) {
    JsonNode grid = p.path("gridPos");
    List<Query> queries = new ArrayList<>();
    for (JsonNode t : p.path("targets")) {
      queries.add(new Query(t.path("refId").asText(""), t.path("expr").asText(""),
          t.path("legendFormat").asText(""), t.path("datasource").path("uid").asText(""),
          t.path("instant").asBoolean(false)));
    }
    return new Panel(p.path("id").asInt(), p.path("type").asText(""), p.path("title").asText(""),
        p.path("description").asText(""),
        p.path("fieldConfig").path("defaults").path("unit").asText(""),
        grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(),
        grid.path("h").asInt(), p.path("datasource").path("uid").asText(""), List.copyOf(queries));
  }
}
