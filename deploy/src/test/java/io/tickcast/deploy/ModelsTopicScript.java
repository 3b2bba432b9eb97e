package io.tickcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.streams.models.ModelTopic;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a topic set-up script's creation of the models topic against {@link ModelTopic}. */
public final class ModelsTopicScript {

  private ModelsTopicScript() {}

  /**
   * Asserts that {@code script} creates {@code topic} as {@link ModelTopic} needs it: one
   * partition (one ordered history), {@code cleanup.policy=compact} and {@code max.message.bytes}
   * equal to {@link ModelTopic#MAX_MESSAGE_BYTES}.
   *
   * @param script the shell script (line continuations allowed)
   * @param topic the models topic the stream app follows
   */
  public static void assertCreates(String script, String topic) {
    String joined = script.replace("\\\n", " ");
    Matcher create = Pattern.compile("kafka-topics\\.sh[^\\n]*--create[^\\n]*--topic "
        + Pattern.quote(topic) + "(?=\\s)[^\\n]*").matcher(joined);
    assertThat(create.find()).as("the script creates %s", topic).isTrue();
    String line = create.group();
    assertThat(line).contains("--partitions 1 ").contains("--config cleanup.policy=compact")
        .contains("--config max.message.bytes=" + ModelTopic.MAX_MESSAGE_BYTES);
  }
}
