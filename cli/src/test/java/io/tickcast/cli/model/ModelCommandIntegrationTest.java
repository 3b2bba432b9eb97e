package io.tickcast.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.broker.EmbeddedKafkaCluster;
import io.tickcast.cli.TickcastCli;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import io.tickcast.streams.models.ModelRecords;
import io.tickcast.streams.models.ModelTopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickcast model publish | list | rollback} against an in-process broker. */
class ModelCommandIntegrationTest {
  private static EmbeddedKafkaCluster kafka;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaCluster.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private record Run(int code, String out, String err) {}

  private static Run tickcast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TickcastCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  private Run model(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "model";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(new String[] {"-b", kafka.bootstrapServers(), "-t", "cli.models"}, 0, all,
        args.length + 1, 4);
    return tickcast(java.util.Arrays.copyOf(all, args.length + 5));
  }

  private List<ModelTopicReader.Entry> entries() {
    try (ModelTopicReader r = new ModelTopicReader(kafka.bootstrapServers(), Map.of(),
        "cli.models", Duration.ofSeconds(30))) {
      return ModelTopicReader.entries(r.readToEnd(Duration.ofSeconds(30)));
    }
  }

  @Test
  void publishListAndRollBack() throws Exception {
    String v1 = TestModels.saveTinyLstm(dir.resolve("v1"), 10, 3, Normalisation.FIRST_PRICE,
        RollForward.SEED, 1).modelVersion();
    String v2 = TestModels.saveTinyLstm(dir.resolve("v2"), 10, 3, Normalisation.FIRST_PRICE,
        RollForward.SEED, 2).modelVersion();

    Run p1 = model("publish", dir.resolve("v1").toString(), "--name", "sp500");
    assertThat(p1.code()).as(p1.err()).isZero();
    assertThat(p1.out()).contains("published model sp500 version " + v1);
    assertThat(model("publish", dir.resolve("v2").toString(), "--name", "sp500").code()).isZero();

    // each publish is a history record (sp500@version) then the current one (sp500)
    List<ModelTopicReader.Entry> e = entries();
    assertThat(e).extracting(ModelTopicReader.Entry::key)
        .containsExactly("sp500@" + v1, "sp500", "sp500@" + v2, "sp500");
    assertThat(e.get(3).record().getModelVersion()).isEqualTo(v2);

    Run list = model("list", "--name", "sp500");
    assertThat(list.code()).isZero();
    assertThat(list.out().lines().filter(l -> l.contains("intact")).count()).isEqualTo(4);
    assertThat(list.out().lines().filter(l -> l.startsWith("*")).toList())
        .singleElement().asString().contains(v2.substring(0, 12)).contains("W=10 H=3 [close]");

    Run back = model("rollback", v1.substring(0, 8), "--name", "sp500");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).contains("back to version " + v1);
    e = entries();
    assertThat(e).hasSize(6);
    assertThat(e.get(5).key()).isEqualTo("sp500");
    assertThat(e.get(5).record().getModelVersion()).isEqualTo(v1);
    assertThat(e.get(5).record().getAction()).isEqualTo(ModelRecords.ROLLBACK);
    assertThat(e.get(4).key()).isEqualTo("sp500@" + v1);
  }

  @Test
  void brokenArtifactsAndUnknownVersionsAreRefusedWithAMessage() throws Exception {
    Path broken = dir.resolve("broken");
    TestModels.saveTinyLstm(broken, 10, 3, Normalisation.FIRST_PRICE, RollForward.SEED, 1);
    Files.write(broken.resolve(ModelArtifact.NETWORK_FILE), new byte[] {1, 2, 3});
    Run p = model("publish", broken.toString(), "--name", "other");
    assertThat(p.code()).isEqualTo(1);
    assertThat(p.err()).contains("does not match its metadata");

    io.tickcast.streams.models.ModelTopic.ensure(kafka.bootstrapServers(), Map.of(), "cli.models",
        java.util.Optional.empty());
    Run r = model("rollback", "abcdef123456", "--name", "other");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no intact record of model other version abcdef123456");
  }
}
