package io.tickcast.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIntegrationTest {

  @Test
  void producesAndConsumesThroughARealBrokerAndRemovesItsDataOnClose() throws Exception {
    Path dataDir;
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
      dataDir = kafka.dataDir();
      assertThat(dataDir).isDirectory();
      kafka.createTopics(2, "ticks", "forecasts");
      kafka.createTopics(2, "ticks"); // already there: left alone
      try (Admin admin = kafka.admin()) {
        assertThat(admin.listTopics().names().get()).contains("ticks", "forecasts");
        assertThat(admin.describeTopics(List.of("ticks")).allTopicNames().get().get("ticks")
            .partitions()).hasSize(2);
      }

      // Transactional producer + read_committed consumer group: needs the transaction-state and
      // offsets topics, which only work on one node with replication factor 1.
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test",
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("ticks", "SPX", "1455.22"));
        producer.send(new ProducerRecord<>("ticks", "SPX", "1399.42"));
        producer.commitTransaction();
      }

      List<ConsumerRecord<String, String>> got = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "broker-test",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
        consumer.subscribe(List.of("ticks"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (got.size() < 2 && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(got::add);
        }
        consumer.commitSync();
      }
      assertThat(got).extracting(ConsumerRecord::key).containsExactly("SPX", "SPX");
      assertThat(got).extracting(ConsumerRecord::value).containsExactly("1455.22", "1399.42");
    }
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void fixedPortAndChosenDataDirectoryAreUsedAndTheDataIsKept(@TempDir Path tmp)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dataDir = tmp.resolve("kafka-data");
    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder()
        .port(port).dataDir(dataDir).start()) {
      assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
      kafka.createTopics(1, "ticks");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:" + port))) {
        assertThat(admin.listTopics().names().get()).contains("ticks");
      }
    }
    assertThat(dataDir).isDirectory();
    try (var files = Files.list(dataDir)) {
      assertThat(files.count()).isPositive();
    }
    // A second broker may not be formatted over existing data.
    assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().dataDir(dataDir).start())
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("not empty");
  }
}
