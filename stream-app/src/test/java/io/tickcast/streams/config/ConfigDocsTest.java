package io.tickcast.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The READMEs' configuration tables and the example properties file are what {@link ConfigDocs}
 * generates from {@link AppConfig#configDef()}. With {@code -Dtickcast.config.docs.write=true}
 * the files are rewritten first (see {@link ConfigDocs#REGENERATE}).
 */
class ConfigDocsTest {
  /** The repository root: the parent of the data directory the build passes in. */
  private static final Path ROOT = Path.of(System.getProperty("tickcast.data.dir", "../data"))
      .toAbsolutePath().getParent();
  private static final String STALE = " is out of date with AppConfig.DEFINITION; regenerate it"
      + " from the repository root with: " + ConfigDocs.REGENERATE;

  @BeforeAll
  static void writeWhenAsked() throws Exception {
    if (Boolean.getBoolean("tickcast.config.docs.write")) {
      ConfigDocs.write(ROOT);
    }
  }

  @Test
  void theReadmeTablesAreTheGeneratedOne() throws Exception {
    for (String f : ConfigDocs.TABLE_FILES) {
      String text = Files.readString(ROOT.resolve(f));
      assertThat(text).as(f).contains(ConfigDocs.BEGIN, ConfigDocs.END);
      assertThat(text).as(f + STALE).isEqualTo(ConfigDocs.withTable(text));
    }
  }

  @Test
  void theExamplePropertiesFileIsTheGeneratedOne() throws Exception {
    assertThat(Files.readString(ROOT.resolve(ConfigDocs.EXAMPLE_FILE)))
        .as(ConfigDocs.EXAMPLE_FILE + STALE).isEqualTo(ConfigDocs.exampleProperties());
  }

  @Test
  void theTableHasOneRowPerKeyWithItsEnvironmentVariableAndDefault() {
    Map<String, String[]> rows = new HashMap<>();
    for (String line : ConfigDocs.markdownTable().split("\n")) {
      if (line.startsWith("| `tickcast.")) {
        String[] cells = line.split(" \\| ");
        rows.put(cells[0].substring(3, cells[0].length() - 1), cells);
      }
    }
    Map<String, String> defaults = AppConfig.defaultValues();
    assertThat(rows.keySet()).hasSize(defaults.size() + 1)
        .containsAll(defaults.keySet()).contains(AppConfig.STREAMS_PREFIX + "*");
    assertThat(rows.get("tickcast.batch.max.size")[1]).isEqualTo("`TICKCAST_BATCH_MAX_SIZE`");
    assertThat(rows.get("tickcast.batch.max.size")[2]).isEqualTo("`64`");
    assertThat(rows.get("tickcast.batch.max.size")[3]).isEqualTo("`[1,...]`");
    assertThat(rows.get("tickcast.tick.format")[3]).isEqualTo("`avro, json`");
    assertThat(rows.get("tickcast.tick.price.max")[4]).contains("`\\|price\\|`");
    // A machine-dependent default is shown as the rule, not this machine's path.
    assertThat(rows.get("tickcast.state.dir")[2]).isEqualTo("`$TMPDIR/tickcast-streams`");
    for (Map.Entry<String, String> d : defaults.entrySet()) {
      String shown = rows.get(d.getKey())[2];
      if (!d.getValue().isEmpty() && !d.getKey().equals(AppConfig.STATE_DIR)) {
        assertThat(shown).as(d.getKey()).isEqualTo("`" + d.getValue() + "`");
      }
    }
  }
}
