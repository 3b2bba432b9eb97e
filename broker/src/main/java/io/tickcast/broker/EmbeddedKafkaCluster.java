package io.tickcast.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running in this JVM: one combined KRaft broker + controller built
 * with Kafka's own {@link KafkaClusterTestKit}, so it is the real broker code, not a mock.
 *
 * <p>Replication factors and min ISR of the internal topics (consumer offsets, transaction state,
 * share-group state) are 1, so consumer groups, Kafka Streams and exactly-once transactions work
 * on one node. By default it listens on a free local port and keeps its data in a temporary
 * directory that {@link #close()} removes.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
 *   kafka.createTopics(3, "ticks", "forecasts");
 *   String bootstrap = kafka.bootstrapServers();
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  /** Extra plaintext listener used only when a fixed client port is requested. */
  private static final String FIXED_PORT_LISTENER = "LOCAL";
  private static final long ADMIN_TIMEOUT_SECONDS = 60;

  private final KafkaClusterTestKit kit;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafkaCluster(KafkaClusterTestKit kit, Path dataDir, boolean deleteOnClose,
      String bootstrapServers) {
    this.kit = kit;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker on a free local port with its data in a fresh temporary directory.
   *
   * @return the running cluster; close it to stop the broker and delete its data
   * @throws EmbeddedKafkaException if the broker cannot be started
   */
  public static EmbeddedKafkaCluster start() {
    return builder().start();
  }

  /** A builder for a cluster with a fixed port, a kept data directory or extra broker configs. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code bootstrap.servers} string for clients, e.g. {@code localhost:41234}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The directory that holds the broker's metadata log and topic data. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates topics with replication factor 1 and waits until they exist. Topics that already
   * exist are left as they are.
   *
   * @param partitions partitions per topic, at least 1
   * @param names topic names
   * @throws EmbeddedKafkaException if a topic cannot be created
   */
  public void createTopics(int partitions, String... names) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1));
    }
    createTopics(topics);
  }

  /**
   * Creates the given topics (replication factor must be 1 or unset) and waits until they exist.
   * Topics that already exist are left as they are.
   *
   * @param topics the topics
   * @throws EmbeddedKafkaException if a topic cannot be created
   */
  public void createTopics(Collection<NewTopic> topics) {
    try (Admin admin = admin()) {
      var result = admin.createTopics(topics);
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new EmbeddedKafkaException("cannot create topic " + entry.getKey() + ": "
                + e.getCause().getMessage(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new EmbeddedKafkaException("timed out creating topics " + topics, e);
    }
  }

  /**
   * A new admin client connected to this cluster; the caller closes it.
   *
   * @return the admin client
   */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * Stops the broker and controller and, unless the data directory was chosen by the caller,
   * deletes it. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kit.close();
    } catch (Exception e) {
      LOG.warn("error while stopping the embedded Kafka broker", e);
    }
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
  }

  /** Formats storage; Kafka's formatter prints to stdout, which goes to the debug log instead. */
  private static void formatQuietly(KafkaClusterTestKit kit) throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    synchronized (System.class) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        kit.format();
      } finally {
        System.setOut(stdout);
      }
    }
    LOG.debug("storage formatted: {}", captured.toString(StandardCharsets.UTF_8).trim());
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete the embedded Kafka data directory {}", dir, e);
    }
  }

  /** Options for an {@link EmbeddedKafkaCluster}. */
  public static final class Builder {
    private Path dataDir;
    private int port;
    private final Map<String, String> brokerConfig = new LinkedHashMap<>();

    private Builder() {
      // One node: every internal topic must fit on it.
      brokerConfig.put("offsets.topic.replication.factor", "1");
      brokerConfig.put("offsets.topic.num.partitions", "1");
      brokerConfig.put("transaction.state.log.replication.factor", "1");
      brokerConfig.put("transaction.state.log.min.isr", "1");
      brokerConfig.put("transaction.state.log.num.partitions", "1");
      brokerConfig.put("share.coordinator.state.topic.replication.factor", "1");
      brokerConfig.put("share.coordinator.state.topic.min.isr", "1");
      brokerConfig.put("min.insync.replicas", "1");
      brokerConfig.put("default.replication.factor", "1");
      // No reason to wait for more group members on a single local node.
      brokerConfig.put("group.initial.rebalance.delay.ms", "0");
    }

    /**
     * Keeps the broker's data in this directory (created if missing; must be empty) and leaves it
     * there on close. Without it a temporary directory is used and deleted on close.
     *
     * @param dir the data directory
     * @return this builder
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Listens for clients on this port of {@code localhost}; 0 (the default) picks a free port.
     *
     * @param port the TCP port, 0..65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets a broker configuration property (e.g. {@code log.retention.hours}).
     *
     * @param key the broker config key
     * @param value its value
     * @return this builder
     */
    public Builder brokerConfig(String key, String value) {
      brokerConfig.put(key, value);
      return this;
    }

    /**
     * Formats storage and starts the broker, waiting until it accepts clients.
     *
     * @return the running cluster
     * @throws EmbeddedKafkaException if the data directory is not usable or the broker fails to
     *     start (the message says why)
     */
    public EmbeddedKafkaCluster start() {
      boolean temporary = dataDir == null;
      Path dir;
      try {
        if (temporary) {
          dir = Files.createTempDirectory("tickcast-kafka-");
        } else {
          dir = dataDir.toAbsolutePath();
          Files.createDirectories(dir);
          try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
              throw new EmbeddedKafkaException("data directory " + dir + " is not empty; the"
                  + " embedded broker formats fresh storage each time, so give it an empty or"
                  + " new directory");
            }
          }
        }
      } catch (IOException e) {
        throw new EmbeddedKafkaException("cannot create the broker data directory: " + e, e);
      }

      KafkaClusterTestKit kit = null;
      try {
        // The test kit defaults to the newest *testing* metadata version; a broker people run
        // should use the production one with its default feature levels.
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
          features.put(feature.featureName(), feature.defaultLevel(version));
        }
        TestKitNodes nodes = new TestKitNodes.Builder(
                BootstrapMetadata.fromVersions(version, features, "tickcast"))
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(dir)
            .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
            .setDeleteOnClose(temporary);
        brokerConfig.forEach(builder::setConfigProp);
        if (port != 0) {
          // The test kit pre-binds its own listeners to free ports; a fixed port needs a listener
          // of its own that binds normally.
          String brokerListener = nodes.brokerListenerName().value();
          String controllerListener = nodes.controllerListenerName().value();
          builder.setConfigProp("listeners", brokerListener + "://localhost:0,"
              + controllerListener + "://localhost:0,"
              + FIXED_PORT_LISTENER + "://localhost:" + port);
          builder.setConfigProp("listener.security.protocol.map", brokerListener + ":"
              + nodes.brokerListenerProtocol().name + "," + controllerListener + ":"
              + nodes.controllerListenerProtocol().name + "," + FIXED_PORT_LISTENER
              + ":PLAINTEXT");
        }
        kit = builder.build();
        formatQuietly(kit);
        kit.startup();
        kit.waitForReadyBrokers();
        String bootstrap = port != 0 ? "localhost:" + port : kit.bootstrapServers();
        LOG.info("embedded Kafka broker ready at {} (data in {})", bootstrap, dir);
        return new EmbeddedKafkaCluster(kit, dir, temporary, bootstrap);
      } catch (Exception e) {
        if (kit != null) {
          try {
            kit.close();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        if (temporary) {
          deleteRecursively(dir);
        }
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null
            ? e.getCause() : e;
        String where = port != 0 ? " on port " + port : "";
        throw new EmbeddedKafkaException("cannot start the embedded Kafka broker" + where + ": "
            + cause.getMessage(), cause);
      }
    }
  }

}
