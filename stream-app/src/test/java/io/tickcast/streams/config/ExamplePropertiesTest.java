package io.tickcast.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code config/stream-app.properties}, the example shipped in the release archive: a valid
 * configuration that names every key, set or as a commented default.
 */
class ExamplePropertiesTest {
  private static final Path EXAMPLE = Path.of("config/stream-app.properties");
  /** A key line, set ({@code key=value}) or commented out ({@code #key=value}). */
  private static final Pattern KEY_LINE = Pattern.compile("^#?(tickcast\\.[\\w.]+)=(.*)$",
      Pattern.MULTILINE);

  @Test
  void isAValidConfiguration() {
    AppConfig config = AppConfig.load(EXAMPLE, Map.of());
    assertThat(config.modelDir()).isEqualTo(Path.of("models"));
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
  }

  @Test
  void namesEveryKeyAndItsCommentedDefaultsAreTheDefaults() throws Exception {
    String text = Files.readString(EXAMPLE);
    Matcher m = KEY_LINE.matcher(text);
    Map<String, String> defaults = AppConfig.defaultValues();
    java.util.Set<String> named = new java.util.HashSet<>();
    while (m.find()) {
      String key = m.group(1);
      named.add(key);
      boolean commented = m.group().startsWith("#");
      if (commented && defaults.containsKey(key) && !key.equals(AppConfig.STATE_DIR)
          && !key.equals(AppConfig.APPLICATION_SERVER)) {
        // State dir and application server show an example value, not the default.
        assertThat(m.group(2)).as("commented default of %s", key).isEqualTo(defaults.get(key));
      }
    }
    assertThat(named).containsAll(defaults.keySet());
  }
}
