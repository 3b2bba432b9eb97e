package io.tickcast.deploy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.core.testing.ExternalTool;
import io.tickcast.deploy.Repo;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The README's Python consumer ({@code examples/python/consume_forecasts.py}, confluent-kafka with
 * {@code read_committed}) against a real broker: it reads the committed forecasts of a
 * transactional topic, Avro single-object and JSON alike, with the values Java wrote, and never
 * the records of an aborted transaction.
 */
class PythonConsumerIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "tickcast.forecasts";

  @Test
  void readsCommittedForecastsInBothFormatsAndSkipsAbortedOnes() throws Exception {
    Path python = pythonWithClients();
    Path script = Repo.root().resolve("examples/python/consume_forecasts.py");
    Path schema = Repo.root().resolve("schemas/src/main/avro/Forecast.avsc");
    List<Forecast> committed = List.of(forecast("SPX", 1455.22, 1456.5, 1457.0),
        forecast("DAX", 1628.75, 1630.0, 1631.25), forecast("CAC", 1772.8, 1771.0, 1770.5));

    try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start()) {
      kafka.createTopics(1, TOPIC);
      try (KafkaProducer<String, byte[]> producer = transactionalProducer(kafka)) {
        producer.initTransactions();
        producer.beginTransaction();
        send(producer, committed.get(0), WireFormat.AVRO);
        send(producer, committed.get(1), WireFormat.JSON);
        producer.commitTransaction();
        producer.beginTransaction();
        send(producer, forecast("ABORTED", 1.0, 2.0, 3.0), WireFormat.AVRO);
        producer.flush();
        producer.abortTransaction();
        producer.beginTransaction();
        send(producer, committed.get(2), WireFormat.AVRO);
        producer.commitTransaction();
      }

      Process p = new ProcessBuilder(python.toString(), script.toString(),
          "-b", kafka.bootstrapServers(), "--topic", TOPIC, "--schema", schema.toString(),
          // Three records: an aborted one, sent third, would be among them.
          "--max-records", "3", "--idle-timeout", "30").redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the consumer stopped").isTrue();
      assertThat(p.exitValue()).as(out).isZero();

      List<JsonNode> read = new ArrayList<>();
      for (String line : out.strip().split("\n")) {
        read.add(JSON.readTree(line));
      }
      assertThat(read).hasSize(committed.size());
      for (int i = 0; i < committed.size(); i++) {
        Forecast f = committed.get(i);
        JsonNode r = read.get(i);
        assertThat(r.get("symbol").asText()).isEqualTo(f.getSymbol());
        assertThat(r.get("lastTickTime").asLong()).isEqualTo(f.getLastTickTime().toEpochMilli());
        assertThat(r.get("lastTickPrice").asDouble()).isEqualTo(f.getLastTickPrice());
        assertThat(r.get("nextStep").asDouble()).isEqualTo(f.getNextStep());
        assertThat(r.get("path").get(1).asDouble()).isEqualTo(f.getPath().get(1));
        assertThat(r.get("modelVersion").asText()).isEqualTo(f.getModelVersion());
      }
    }
  }

  private static Forecast forecast(String symbol, double last, double next, double second) {
    return Forecast.newBuilder().setSymbol(symbol)
        .setLastTickTime(Instant.ofEpochMilli(946857600000L)).setLastTickPrice(last)
        .setNextStep(next).setPath(List.of(next, second)).setModelVersion("v-" + symbol)
        .setRollForward("seed").setProducedAt(Instant.ofEpochMilli(946857601000L)).build();
  }

  private static void send(KafkaProducer<String, byte[]> producer, Forecast f, WireFormat w) {
    producer.send(new ProducerRecord<>(TOPIC, f.getSymbol(), ForecastCodec.encode(f, w)));
  }

  private static KafkaProducer<String, byte[]> transactionalProducer(EmbeddedKafkaCluster kafka) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "python-consumer-test"),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** A python3 that imports confluent_kafka and avro: the one on PATH, else Debian's. */
  private static Path pythonWithClients() throws Exception {
    List<Path> candidates = new ArrayList<>();
    ExternalTool.find("python3", System.getenv().getOrDefault("PATH", "")).ifPresent(candidates::add);
    candidates.add(Path.of("/usr/bin/python3"));
    for (Path python : candidates) {
      if (Files.isExecutable(python) && imports(python)) {
        return python;
      }
    }
    return ExternalTool.unavailable("no python3 with confluent_kafka and avro (tried "
        + candidates + "); install Debian's packages: apt-get install -y --no-install-recommends"
        + " python3-confluent-kafka python3-avro");
  }

  private static boolean imports(Path python) throws Exception {
    Process p = new ProcessBuilder(python.toString(), "-c", "import confluent_kafka, avro.io")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
  }
}
