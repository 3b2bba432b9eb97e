package io.tickcast.streams.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The models topic: its keys, limits and the topic, producer and consumer settings it needs.
 *
 * <p>One partition (so that the history and the current record of a name keep their order),
 * {@code cleanup.policy=compact}. Each publish (and rollback) writes, in one transaction, the
 * record under {@code name@version} (history: compaction keeps the newest record of each version)
 * and then the same record under {@code name} (the model to serve: compaction keeps the newest).
 * Reading the topic in offset order, the newest valid record is therefore the model the running
 * instances serve, before and after compaction.
 */
public final class ModelTopic {
  /** The default topic name. */
  public static final String DEFAULT_TOPIC = "tickcast.models";
  /** The default model name (record key). */
  public static final String DEFAULT_NAME = "tickcast";
  /** Largest encoded record, bytes (8 MiB): an artifact's files plus about 200 bytes per file. */
  public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
  /**
   * The topic's {@code max.message.bytes} and the producer's {@code max.request.size}: one record
   * plus the record-batch overhead.
   */
  public static final int MAX_MESSAGE_BYTES = MAX_RECORD_BYTES + 64 * 1024;
  /** Separator of the history key, {@code name@version}. */
  public static final char HISTORY_SEPARATOR = '@';

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final long TIMEOUT_S = 30;

  private ModelTopic() {}

  /**
   * Checks a model name.
   *
   * @return the name
   * @throws IllegalArgumentException unless 1-100 characters of {@code [A-Za-z0-9._-]}
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("model name '" + name
          + "' must be 1-100 characters of [A-Za-z0-9._-]");
    }
    return name;
  }

  /** The history key of a version, {@code name@version}. */
  public static String historyKey(String name, String version) {
    return name + HISTORY_SEPARATOR + version;
  }

  /** Whether a record key is the name's current or one of its history keys. */
  public static boolean belongsTo(String key, String name) {
    return key != null && (key.equals(name) || key.startsWith(name + HISTORY_SEPARATOR));
  }

  /** Topic settings: compacted, room for one record of {@value #MAX_RECORD_BYTES} bytes. */
  public static Map<String, String> topicConfigs() {
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
  }

  /**
   * Producer settings: transactional (history and current record together), idempotent, {@code
   * max.request.size} for one record, no compression (the network file is already a deflated
   * zip, and an uncompressed record's size is what the limit checks).
   *
   * @param bootstrap bootstrap servers
   * @param extra further client properties (security), applied last
   * @param transactionalId the producer's transactional id
   */
  public static Map<String, Object> producerProperties(String bootstrap, Map<String, Object> extra,
      String transactionalId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_MESSAGE_BYTES);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.putAll(extra);
    return p;
  }

  /**
   * Consumer settings: no group (partition assigned, offsets not committed), {@code
   * read_committed} (aborted publishes are never seen), fetch sizes for one record, no topic
   * auto-creation.
   */
  public static Map<String, Object> consumerProperties(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_MESSAGE_BYTES);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_MESSAGE_BYTES);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
    // A missing topic is an error to report, not one to create with the broker's defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.putAll(extra);
    return p;
  }

  /**
   * Creates the topic when missing (one partition, {@link #topicConfigs()}); fails if it exists
   * with more than one partition.
   *
   * @param bootstrap bootstrap servers
   * @param extra further client properties
   * @param topic the topic
   * @param replicationFactor replication factor, or empty for the broker default
   * @throws IllegalStateException if the broker cannot be reached, the topic cannot be created or
   *     has several partitions
   */
  public static void ensure(String bootstrap, Map<String, Object> extra, String topic,
      Optional<Short> replicationFactor) {
    Map<String, Object> props = new HashMap<>(extra);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    try (Admin admin = Admin.create(props)) {
      Set<String> names = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
      if (!names.contains(topic)) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), replicationFactor)
              .configs(topicConfigs()))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
      if (d.partitions().size() != 1) {
        throw new IllegalStateException("models topic " + topic + " has " + d.partitions().size()
            + " partitions; it needs exactly 1 (the history and current records of a model must"
            + " keep their order)");
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot check or create models topic " + topic + " at "
          + bootstrap + ": " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking models topic " + topic, e);
    }
  }
}
