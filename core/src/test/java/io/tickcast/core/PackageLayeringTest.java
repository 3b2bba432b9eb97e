package io.tickcast.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code core}'s packages form no cycle: the graph of {@code import io.tickcast.core.X} lines
 * between the main sources' packages is acyclic (checked by depth-first search).
 */
class PackageLayeringTest {

  private static final Path MAIN = Path.of("src/main/java/io/tickcast/core");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.tickcast\\.core\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void corePackagesHaveNoCycle() throws IOException {
    Map<String, Set<String>> edges = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String from = MAIN.relativize(f.getParent()).toString();
        Matcher m = IMPORT.matcher(Files.readString(f));
        Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            to.add(m.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), cycle(edges), "package import graph " + edges);
  }

  /** A cycle as the list of packages on it, or an empty list. */
  private static List<String> cycle(Map<String, Set<String>> edges) {
    Set<String> done = new TreeSet<>();
    for (String start : edges.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, edges, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String p, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
    int at = path.indexOf(p);
    if (at >= 0) {
      List<String> c = new ArrayList<>(path.subList(at, path.size()));
      c.add(p);
      return c;
    }
    if (done.contains(p)) {
      return List.of();
    }
    path.add(p);
    for (String q : edges.getOrDefault(p, Set.of())) {
      List<String> c = visit(q, edges, path, done);
      if (!c.isEmpty()) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    done.add(p);
    return List.of();
  }
}
