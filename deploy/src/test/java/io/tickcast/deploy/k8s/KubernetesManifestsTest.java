package io.tickcast.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tickcast.cli.TickcastCli;
import io.tickcast.deploy.ModelsTopicScript;
import io.tickcast.deploy.ReleaseArchive;
import io.tickcast.deploy.Repo;
import io.tickcast.streams.config.AppConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Kubernetes manifests checked without a cluster: parsed with Jackson, then the references
 * between them (kustomization, ConfigMaps, volume claims, selectors, probe ports) and their
 * agreement with the stream app's configuration and the compose stack's images.
 */
class KubernetesManifestsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DIR = Repo.deploy("k8s");
  /** Created by hand before applying (documented in trainer-job.yaml and README.md). */
  private static final Set<String> EXTERNAL_CONFIG_MAPS = Set.of("tickcast-training-data");
  private static final Map<String, JsonNode> BY_KIND_AND_NAME = load();

  private static Map<String, JsonNode> load() {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
          while (it.hasNext()) {
            JsonNode doc = it.next();
            if (doc == null || doc.isEmpty() || doc.path("kind").asText().equals("Kustomization")) {
              continue;
            }
            docs.put(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText(), doc);
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return docs;
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
    List<String> listed = new ArrayList<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    List<String> present;
    try (Stream<Path> files = Files.list(DIR)) {
      present = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
  }

  @Test
  void everyDocumentIsNamedAndTyped() {
    assertThat(BY_KIND_AND_NAME).isNotEmpty();
    BY_KIND_AND_NAME.forEach((id, doc) -> {
      assertThat(doc.path("apiVersion").asText()).as("apiVersion of %s", id).isNotBlank();
      assertThat(doc.path("metadata").path("name").asText()).as("name of %s", id)
          .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    });
  }

  @Test
  void severalReplicasShareOneApplicationId() throws Exception {
    JsonNode deployment = doc("Deployment/tickcast-stream-app");
    assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThan(1);
    JsonNode container = streamAppContainer();
    // The id comes from the shared ConfigMap only, never per pod.
    for (JsonNode e : container.path("env")) {
      assertThat(e.path("name").asText()).isNotEqualTo(AppConfig.envName(AppConfig.APPLICATION_ID));
    }
    assertThat(streamAppProperties().getProperty(AppConfig.APPLICATION_ID)).isNotBlank();
  }

  /** The ConfigMap's properties pass the app's own validation, as the pod's argument. */
  @Test
  void configMapIsAValidStreamAppConfig(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("stream-app.properties");
    Files.writeString(file, doc("ConfigMap/tickcast-stream-app").path("data")
        .path("stream-app.properties").asText());
    AppConfig config = AppConfig.load(file, Map.of());
    JsonNode container = streamAppContainer();
    // The image's ENTRYPOINT is the archive's launcher; the args are `serve --config FILE`.
    CommandLine.ParseResult serve = TickcastCli.commandLine()
        .parseArgs(args(container).toArray(String[]::new)).subcommand();
    assertThat(serve).as("args run a subcommand").isNotNull();
    assertThat(serve.commandSpec().name()).isEqualTo("serve");
    assertThat(serve.<Path>matchedOptionValue("--config", null)).isEqualTo(
        Path.of(mountPath(container, "config")).resolve("stream-app.properties"));
    assertThat(config.modelDir().toString()).isEqualTo(mountPath(container, "models"));
    assertThat(config.stateDir().toString()).isEqualTo(mountPath(container, "state"));
    assertThat(config.topicPartitions()).isEmpty();
  }

  /** The trainer's args are `train` options the real CLI parses; its config is in the image. */
  @Test
  void trainerJobTrainsWithAConfigFromTheImage() {
    JsonNode container = podSpec(doc("Job/tickcast-trainer")).path("containers").get(0);
    // Dockerfile.trainer's ENTRYPOINT is `/app/bin/tickcast train`.
    String dockerfile = Repo.read(Repo.deploy("docker/Dockerfile.trainer"));
    assertThat(dockerfile).contains("ENTRYPOINT [\"/app/bin/tickcast\", \"train\"]");
    List<String> args = new ArrayList<>(List.of("train"));
    args.addAll(args(container));
    CommandLine.ParseResult train = TickcastCli.commandLine()
        .parseArgs(args.toArray(String[]::new)).subcommand();
    Path config = train.matchedOptionValue("--config", null);
    Path imageRoot = ReleaseArchive.imageRoot(dockerfile);
    assertThat(config).startsWithRaw(imageRoot);
    assertThat(ReleaseArchive.source(imageRoot.relativize(config).toString()))
        .as("%s in the release archive", config).isPresent();
    assertThat(train.<Path>matchedOptionValue("--output", null).toString())
        .isEqualTo(mountPath(container, "models"));
    assertThat(train.<Path>matchedOptionValue("--data", null).toString())
        .startsWith(mountPath(container, "training-data"));
  }

  /**
   * The retrain CronJob runs `tickcast retrain` (options the real CLI parses) on the ticks topic
   * and models topic the stream app uses, one run at a time, with a config from the image.
   */
  @Test
  void retrainCronJobRetrainsFromTheAppsTopicsOneRunAtATime() throws Exception {
    JsonNode job = doc("CronJob/tickcast-retrain");
    assertThat(job.path("spec").path("concurrencyPolicy").asText()).isEqualTo("Forbid");
    JsonNode container = podSpec(job).path("containers").get(0);
    assertThat(container.path("image").asText()).isEqualTo(
        podSpec(doc("Job/tickcast-trainer")).path("containers").get(0).path("image").asText());
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(c.asText()));
    assertThat(command).containsExactly("/app/bin/tickcast", "retrain");
    List<String> args = new ArrayList<>(List.of("retrain"));
    args.addAll(args(container));
    CommandLine.ParseResult retrain = TickcastCli.commandLine()
        .parseArgs(args.toArray(String[]::new)).subcommand();
    AppConfig config = AppConfig.load(propertiesFile(), Map.of());
    assertThat(retrain.<String>matchedOptionValue("--from-topic", null))
        .isEqualTo(config.ticksTopic());
    assertThat(retrain.<String>matchedOptionValue("--bootstrap-servers", null))
        .isEqualTo(config.bootstrapServers());
    assertThat(retrain.<String>matchedOptionValue("--models-topic", null))
        .isEqualTo(config.modelTopic());
    assertThat(retrain.<String>matchedOptionValue("--name", null)).isEqualTo(config.modelName());
    Path imageRoot = ReleaseArchive.imageRoot(Repo.read(Repo.deploy("docker/Dockerfile.trainer")));
    Path cfg = retrain.matchedOptionValue("--config", null);
    assertThat(ReleaseArchive.source(imageRoot.relativize(cfg).toString())).isPresent();
    assertThat(retrain.<Path>matchedOptionValue("--output", null).toString())
        .startsWith(mountPath(container, "work"));
  }

  @Test
  void probesAndScrapeAnnotationUseTheAppsHttpPort() throws Exception {
    int port = AppConfig.load(propertiesFile(), Map.of()).httpPort();
    JsonNode container = streamAppContainer();
    JsonNode http = null;
    for (JsonNode p : container.path("ports")) {
      if (p.path("name").asText().equals("http")) {
        http = p;
      }
    }
    assertThat(http).as("container port named http").isNotNull();
    assertThat(http.path("containerPort").asInt()).isEqualTo(port);
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/ready");
    assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health/live");
    assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("http");

    JsonNode annotations = doc("Deployment/tickcast-stream-app").path("spec").path("template")
        .path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");

    JsonNode service = doc("Service/tickcast-stream-app");
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
  }

  @Test
  void selectorsMatchThePods() {
    JsonNode deployment = doc("Deployment/tickcast-stream-app");
    Map<String, String> podLabels = map(deployment.path("spec").path("template").path("metadata")
        .path("labels"));
    assertThat(podLabels).containsAllEntriesOf(map(deployment.path("spec").path("selector")
        .path("matchLabels")));
    assertThat(podLabels).containsAllEntriesOf(map(doc("Service/tickcast-stream-app").path("spec")
        .path("selector")));
    assertThat(podLabels).containsAllEntriesOf(map(doc("PodDisruptionBudget/tickcast-stream-app")
        .path("spec").path("selector").path("matchLabels")));
  }

  /** Every ConfigMap and claim a pod mounts exists (or is the documented hand-made one). */
  @Test
  void podVolumesReferToExistingObjects() {
    for (Map.Entry<String, JsonNode> e : BY_KIND_AND_NAME.entrySet()) {
      JsonNode pod = podSpec(e.getValue());
      if (pod == null) {
        continue;
      }
      Set<String> volumeNames = new java.util.HashSet<>();
      for (JsonNode v : pod.path("volumes")) {
        volumeNames.add(v.path("name").asText());
        if (v.has("configMap")) {
          String name = v.path("configMap").path("name").asText();
          assertThat(BY_KIND_AND_NAME.containsKey("ConfigMap/" + name)
              || EXTERNAL_CONFIG_MAPS.contains(name)).as("ConfigMap %s of %s", name, e.getKey())
              .isTrue();
        }
        if (v.has("persistentVolumeClaim")) {
          String claim = v.path("persistentVolumeClaim").path("claimName").asText();
          assertThat(BY_KIND_AND_NAME).as("claim %s of %s", claim, e.getKey())
              .containsKey("PersistentVolumeClaim/" + claim);
        }
      }
      for (JsonNode c : pod.path("containers")) {
        for (JsonNode m : c.path("volumeMounts")) {
          assertThat(volumeNames).as("volume of mount %s in %s", m.path("mountPath").asText(),
              e.getKey()).contains(m.path("name").asText());
        }
      }
    }
  }

  /** The images are the ones the compose stack builds or pulls. */
  @Test
  void imagesAreTheComposeStacksImages() throws IOException {
    JsonNode services = YAML.readTree(Repo.deploy("compose.yaml").toFile()).path("services");
    assertThat(streamAppContainer().path("image").asText())
        .isEqualTo(services.path("stream-app").path("image").asText());
    assertThat(podSpec(doc("Job/tickcast-trainer")).path("containers").get(0).path("image").asText())
        .isEqualTo(services.path("trainer").path("image").asText());
    assertThat(podSpec(doc("Job/tickcast-topics")).path("containers").get(0).path("image").asText())
        .isEqualTo(services.path("kafka").path("image").asText());
  }

  /**
   * The topic job creates the configured topics, with at least one partition per replica, and
   * the models topic every replica follows.
   */
  @Test
  void topicJobCreatesTheConfiguredTopicsWithEnoughPartitions() throws Exception {
    AppConfig config = AppConfig.load(propertiesFile(), Map.of());
    String script = podSpec(doc("Job/tickcast-topics")).path("containers").get(0).path("args")
        .get(0).asText();
    java.util.regex.Matcher loop = java.util.regex.Pattern.compile("for topic in ([^;]+);")
        .matcher(script);
    assertThat(loop.find()).isTrue();
    assertThat(loop.group(1).trim().split("\\s+")).containsExactlyInAnyOrder(
        config.ticksTopic(), config.forecastsTopic(), config.deadLetterTopic());
    java.util.regex.Matcher partitions = java.util.regex.Pattern.compile("--partitions (\\d+)")
        .matcher(script);
    assertThat(partitions.find()).isTrue();
    assertThat(Integer.parseInt(partitions.group(1)))
        .isGreaterThanOrEqualTo(doc("Deployment/tickcast-stream-app").path("spec").path("replicas").asInt());
    assertThat(script).contains("--bootstrap-server " + config.bootstrapServers());
    assertThat(config.modelTopicEnabled()).as("replicas follow the models topic").isTrue();
    ModelsTopicScript.assertCreates(script, config.modelTopic());
  }

  // --- helpers -------------------------------------------------------------------------------

  private static JsonNode doc(String kindAndName) {
    assertThat(BY_KIND_AND_NAME).containsKey(kindAndName);
    return BY_KIND_AND_NAME.get(kindAndName);
  }

  /** The pod template's spec of a Deployment or Job, or a CronJob's job template; else null. */
  private static JsonNode podSpec(JsonNode doc) {
    JsonNode spec = doc.path("kind").asText().equals("CronJob")
        ? doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
        : doc.path("spec").path("template").path("spec");
    return spec.isMissingNode() ? null : spec;
  }

  private static JsonNode streamAppContainer() {
    return podSpec(doc("Deployment/tickcast-stream-app")).path("containers").get(0);
  }

  private static List<String> args(JsonNode container) {
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static String mountPath(JsonNode container, String volume) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals(volume)) {
        return m.path("mountPath").asText();
      }
    }
    throw new AssertionError("no mount of volume " + volume);
  }

  private static Properties streamAppProperties() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(doc("ConfigMap/tickcast-stream-app").path("data")
        .path("stream-app.properties").asText()));
    return p;
  }

  private static Path propertiesFile() throws IOException {
    Path file = Files.createTempFile("stream-app", ".properties");
    file.toFile().deleteOnExit();
    Files.writeString(file, doc("ConfigMap/tickcast-stream-app").path("data")
        .path("stream-app.properties").asText());
    return file;
  }

  private static Map<String, String> map(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    assertThat(out).isNotEmpty();
    return out;
  }
}
