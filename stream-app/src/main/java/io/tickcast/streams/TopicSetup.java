package io.tickcast.streams;

import io.tickcast.streams.config.AppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the app's input, output and dead-letter topics when they do not exist. */
final class TopicSetup {
  private static final long TIMEOUT_S = 30;

  private TopicSetup() {}

  static void ensure(AppConfig c) {
    Map<String, Object> admin = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    try (Admin a = Admin.create(admin)) {
      Set<String> existing = a.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String t : List.of(c.ticksTopic(), c.forecastsTopic(), c.deadLetterTopic())) {
        if (!existing.contains(t)) {
          missing.add(new NewTopic(t, c.topicPartitions(), c.topicReplicationFactor()));
        }
      }
      for (var e : a.createTopics(missing).values().entrySet()) {
        try {
          e.getValue().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            throw new StartupException("cannot create topic " + e.getKey() + ": "
                + ex.getCause().getMessage(), ex.getCause());
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new StartupException("cannot reach Kafka at " + AppConfig.BOOTSTRAP_SERVERS + "="
          + c.bootstrapServers() + " to check topics: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while checking topics", e);
    }
  }
}
