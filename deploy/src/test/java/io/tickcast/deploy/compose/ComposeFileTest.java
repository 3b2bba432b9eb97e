package io.tickcast.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tickcast.cli.TickcastCli;
import io.tickcast.cli.replay.ReplayCommand;
import io.tickcast.deploy.ModelsTopicScript;
import io.tickcast.deploy.ReleaseArchive;
import io.tickcast.deploy.Repo;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.trainer.TrainCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The compose stack checked without a container engine: parsed with Jackson, variables
 * interpolated with their defaults, then every image, build, mounted file, port, topic and
 * command checked against what exists in this repository and what the stream app accepts.
 */
class ComposeFileTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DIR = Repo.deploy();
  private static final JsonNode COMPOSE = load();
  private static final JsonNode SERVICES = COMPOSE.path("services");
  private static final Pattern MAIN_CLASS = Pattern.compile("\\bio\\.tickcast\\.[\\w.]+\\b");
  private static final Pattern LAUNCHER = Pattern.compile("/app/bin/tickcast\\s+(\\S+)");

  private static JsonNode load() {
    try {
      return interpolate(YAML.readTree(DIR.resolve("compose.yaml").toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Interpolates every string with the variables' defaults, as compose does with none set. */
  private static JsonNode interpolate(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(Interpolation.apply(node.asText(), Map.of()));
    }
    if (node.isObject()) {
      ObjectNode copy = YAML.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), interpolate(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = YAML.createArrayNode();
      node.forEach(n -> copy.add(interpolate(n)));
      return copy;
    }
    return node;
  }

  @Test
  void hasTheWholeStack() {
    assertThat(names(SERVICES)).containsExactlyInAnyOrder("kafka", "topics", "trainer",
        "stream-app", "replay", "prometheus", "grafana", "retrain");
  }

  @Test
  void everyServiceNamesAPinnedImage() {
    for (Map.Entry<String, JsonNode> s : services().entrySet()) {
      String image = s.getValue().path("image").asText();
      assertThat(image).as("image of %s", s.getKey()).matches("[\\w./-]+:[\\w.-]+");
      assertThat(image).as("image of %s", s.getKey()).doesNotEndWith(":latest");
      if (s.getValue().has("build")) {
        assertThat(image).as("built image of %s", s.getKey()).startsWith("tickcast/");
      }
    }
  }

  @Test
  void kafkaImageIsTheKafkaVersionTheBuildUses() {
    String version = Repo.rootProperty("kafka.version");
    assertThat(service("kafka").path("image").asText()).isEqualTo("apache/kafka:" + version);
    assertThat(service("topics").path("image").asText()).isEqualTo("apache/kafka:" + version);
  }

  @Test
  void buildContextsAndDockerfilesExist() {
    for (Map.Entry<String, JsonNode> s : services().entrySet()) {
      JsonNode build = s.getValue().path("build");
      if (build.isMissingNode()) {
        continue;
      }
      Path context = DIR.resolve(build.path("context").asText()).normalize();
      // The Dockerfiles copy from the repository root.
      assertThat(context).as("build context of %s", s.getKey()).isEqualTo(Repo.root());
      assertThat(context.resolve(build.path("dockerfile").asText())).isRegularFile();
    }
    // Services sharing an image build it from the same Dockerfile.
    Map<String, String> dockerfileByImage = new HashMap<>();
    for (JsonNode s : services().values()) {
      if (s.has("build")) {
        String previous = dockerfileByImage.put(s.path("image").asText(),
            s.path("build").path("dockerfile").asText());
        assertThat(previous == null || previous.equals(s.path("build").path("dockerfile").asText()))
            .as("image %s built from two Dockerfiles", s.path("image").asText()).isTrue();
      }
    }
  }

  @Test
  void bindMountsExistAndNamedVolumesAreDeclared() {
    Set<String> declared = names(COMPOSE.path("volumes"));
    Set<String> used = new java.util.HashSet<>();
    for (Map.Entry<String, JsonNode> s : services().entrySet()) {
      for (Mount m : mounts(s.getValue())) {
        if (m.isBind()) {
          assertThat(DIR.resolve(m.source())).as("bind mount %s of %s", m.source(), s.getKey())
              .exists();
        } else {
          assertThat(declared).as("named volume %s of %s", m.source(), s.getKey())
              .contains(m.source());
          used.add(m.source());
        }
      }
    }
    assertThat(used).as("declared volumes in use").containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void dependenciesNameServicesAndTheirConditionsHold() {
    for (Map.Entry<String, JsonNode> s : services().entrySet()) {
      JsonNode deps = s.getValue().path("depends_on");
      Map<String, String> conditions = new LinkedHashMap<>();
      if (deps.isArray()) {
        deps.forEach(d -> conditions.put(d.asText(), "service_started"));
      } else {
        deps.fields().forEachRemaining(e -> conditions.put(e.getKey(),
            e.getValue().path("condition").asText("service_started")));
      }
      conditions.forEach((target, condition) -> {
        assertThat(names(SERVICES)).as("%s depends on %s", s.getKey(), target).contains(target);
        if (condition.equals("service_healthy")) {
          assertThat(service(target).has("healthcheck")).as("%s has a healthcheck", target).isTrue();
        }
        if (condition.equals("service_completed_successfully")) {
          assertThat(service(target).path("restart").asText()).as("one-shot %s", target)
              .isEqualTo("no");
        }
      });
    }
  }

  /** The stream app's environment is a valid AppConfig, and its port is the one scraped. */
  @Test
  void streamAppConfigurationIsValidAndItsPortIsScraped() throws IOException {
    Map<String, String> env = environment(service("stream-app"));
    for (String name : env.keySet()) {
      String key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
      assertThat(AppConfig.defaultValues()).as("%s is a stream-app setting", name).containsKey(key);
    }
    AppConfig config = AppConfig.load(null, env);
    int port = config.httpPort();
    assertThat(containerPorts(service("stream-app"))).contains(port);
    assertThat(service("stream-app").path("healthcheck").path("test").toString())
        .contains("/dev/tcp/localhost/" + port).contains("/health/ready");
    assertThat(config.modelDir().toString()).isEqualTo(mountTarget(service("stream-app"), "models"));
    assertThat(config.stateDir().toString())
        .isEqualTo(mountTarget(service("stream-app"), "stream-state"));

    JsonNode prometheusYml = YAML.readTree(Repo.deploy("prometheus/prometheus.yml").toFile());
    JsonNode job = null;
    for (JsonNode j : prometheusYml.path("scrape_configs")) {
      if (j.path("job_name").asText().equals("tickcast-stream-app")) {
        job = j;
      }
    }
    assertThat(job).as("prometheus.yml scrapes the stream app").isNotNull();
    assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    assertThat(job.path("static_configs").get(0).path("targets").get(0).asText())
        .isEqualTo("stream-app:" + port);
  }

  /**
   * The topic job creates exactly the app's three topics and the models topic it follows; the
   * replay writes to its input.
   */
  @Test
  void topicsAreTheOnesTheAppReadsAndWrites() {
    AppConfig config = AppConfig.load(null, environment(service("stream-app")));
    String script = String.join("\n", strings(service("topics").path("command")));
    Matcher loop = Pattern.compile("for topic in ([^;]+);").matcher(script);
    assertThat(loop.find()).as("topics command loops over topic names").isTrue();
    assertThat(loop.group(1).trim().split("\\s+")).containsExactlyInAnyOrder(
        config.ticksTopic(), config.forecastsTopic(), config.deadLetterTopic());
    assertThat(script).contains("--bootstrap-server kafka:9092");
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.modelTopicEnabled()).as("the stream app follows the models topic").isTrue();
    ModelsTopicScript.assertCreates(script, config.modelTopic());

    ReplayCommand replay = parseReplay();
    assertThat(replayOption(replay, "--topic")).isEqualTo(config.ticksTopic());
    assertThat(replayOption(replay, "--bootstrap-servers")).isEqualTo("kafka:9092");
  }

  /**
   * The tickcast images run the archive's launcher: every command given to one is a tickcast
   * subcommand (list form, or {@code /app/bin/tickcast SUB} in a shell script), never a class.
   */
  @Test
  void commandsAreSubcommandsOfTheImagesLauncher() {
    Set<String> subcommands = TickcastCli.commandLine().getSubcommands().keySet();
    int checked = 0;
    for (Map.Entry<String, JsonNode> s : services().entrySet()) {
      if (!s.getValue().has("build")) {
        continue;
      }
      List<String> command = strings(s.getValue().path("command"));
      List<String> entrypoint = strings(s.getValue().path("entrypoint"));
      String all = String.join(" ", command) + " " + String.join(" ", entrypoint);
      assertThat(all).as("%s names no main class", s.getKey()).doesNotContainPattern(MAIN_CLASS);
      Matcher launched = LAUNCHER.matcher(all);
      while (launched.find()) {
        assertThat(subcommands).as("%s runs tickcast %s", s.getKey(), launched.group(1))
            .contains(launched.group(1));
        checked++;
      }
      if (entrypoint.isEmpty() && !command.isEmpty()) {
        // Arguments of the image's ENTRYPOINT, /app/bin/tickcast.
        assertThat(subcommands).as("%s runs tickcast %s", s.getKey(), command.get(0))
            .contains(command.get(0));
        checked++;
      }
    }
    assertThat(checked).as("trainer and replay commands").isGreaterThanOrEqualTo(2);
  }

  /** The replay's options parse with the real command; its CSV and column exist. */
  @Test
  void replayReadsAnExistingColumnOfAnExistingFile() throws IOException {
    parseReplay();
    List<String> args = replayArgs();
    Path csv = hostPath(service("replay"), args.get(0));
    assertThat(csv).isRegularFile();
    String header = Files.readAllLines(csv).get(0);
    String column = args.stream().filter(a -> a.startsWith("--column=")).findFirst().orElseThrow()
        .substring("--column=".length());
    assertThat(List.of(header.split(","))).contains(column);
  }

  /** The trainer's arguments parse with the real command and name files the container has. */
  @Test
  void trainerTrainsFromFilesItCanSee() {
    String script = String.join("\n", strings(service("trainer").path("command")));
    String marker = "/app/bin/tickcast train";
    assertThat(script).contains(marker);
    String tail = script.substring(script.indexOf(marker) + marker.length());
    // Up to the shell's closing `fi`, with line continuations joined.
    String argText = tail.split("\n\\s*fi\\b")[0].replace("\\\n", " ");
    List<String> all = List.of(argText.trim().split("\\s+"));
    new CommandLine(new TrainCommand()).parseArgs(all.toArray(String[]::new));
    Map<String, String> opts = pairs(all);
    // --config is in the image: the release archive, unpacked in /app by Dockerfile.trainer.
    Path imageRoot = ReleaseArchive.imageRoot(Repo.read(Repo.deploy("docker/Dockerfile.trainer")));
    Path config = Path.of(opts.get("--config"));
    assertThat(config).startsWithRaw(imageRoot);
    assertThat(ReleaseArchive.source(imageRoot.relativize(config).toString()))
        .as("%s in the release archive", config).isPresent();
    assertThat(hostPath(service("trainer"), opts.get("--data"))).isRegularFile();
    assertThat(opts.get("--output")).isEqualTo(mountTarget(service("trainer"), "models"));
  }

  /**
   * The on-demand retrain runs only in its profile, with options the real command parses, on
   * the app's ticks topic, and never writes into the models volume the stream app watches.
   */
  @Test
  void retrainIsOnDemandOnTheAppsTicksTopicAndLeavesTheWatchedModelsAlone() {
    JsonNode retrain = service("retrain");
    assertThat(strings(retrain.path("profiles"))).containsExactly("retrain");
    assertThat(strings(retrain.path("entrypoint"))).containsExactly("/app/bin/tickcast", "retrain");
    List<String> args = strings(retrain.path("command"));
    List<String> all = new ArrayList<>(List.of("retrain"));
    all.addAll(args);
    CommandLine.ParseResult r = TickcastCli.commandLine().parseArgs(all.toArray(String[]::new))
        .subcommand();
    assertThat(r.<String>matchedOptionValue("--from-topic", null)).isEqualTo("tickcast.ticks");
    assertThat(r.<String>matchedOptionValue("--bootstrap-servers", null)).isEqualTo("kafka:9092");
    assertThat(r.<String>matchedOptionValue("--models-topic", null)).isEqualTo(
        AppConfig.load(null, environment(service("stream-app"))).modelTopic());
    assertThat(r.<Path>matchedOptionValue("--output", null).toString())
        .isEqualTo(mountTarget(retrain, "challengers"));
    assertThat(String.valueOf(retrain.path("volumes"))).doesNotContain("models:");
    assertThat(retrain.path("image").asText()).isEqualTo(service("trainer").path("image").asText());
  }

  @Test
  void prometheusGetsItsConfigAndRules() throws IOException {
    JsonNode prometheus = service("prometheus");
    assertThat(hostPath(prometheus, "/etc/prometheus/prometheus.yml"))
        .isEqualTo(Repo.deploy("prometheus/prometheus.yml"));
    JsonNode config = YAML.readTree(Repo.deploy("prometheus/prometheus.yml").toFile());
    for (JsonNode ruleFile : config.path("rule_files")) {
      // Relative rule files resolve against the config file's directory, in the container too.
      Path inContainer = Path.of("/etc/prometheus").resolve(ruleFile.asText());
      assertThat(hostPath(prometheus, inContainer.toString()))
          .isEqualTo(Repo.deploy("prometheus").resolve(ruleFile.asText()));
    }
    assertThat(containerPorts(prometheus)).contains(9090);
  }

  @Test
  void grafanaGetsItsDatasourceAndDashboard() throws IOException {
    JsonNode grafana = service("grafana");
    Path provisioning = hostPath(grafana, "/etc/grafana/provisioning");
    JsonNode datasource = YAML.readTree(provisioning.resolve("datasources/prometheus.yml").toFile())
        .path("datasources").get(0);
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    JsonNode provider = YAML.readTree(provisioning.resolve("dashboards/tickcast.yml").toFile())
        .path("providers").get(0);
    Path dashboards = hostPath(grafana, provider.path("options").path("path").asText());
    assertThat(dashboards.resolve("tickcast.json")).isRegularFile();
    String home = environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(hostPath(grafana, home)).isRegularFile();
  }

  // --- helpers -------------------------------------------------------------------------------

  /** One volume mount: a bind (source is a path) or a named volume. */
  record Mount(String source, String target, boolean readOnly) {
    boolean isBind() {
      return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }
  }

  private static List<Mount> mounts(JsonNode service) {
    List<Mount> mounts = new ArrayList<>();
    for (JsonNode v : service.path("volumes")) {
      if (v.isTextual()) {
        String[] parts = v.asText().split(":");
        mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
      } else {
        mounts.add(new Mount(v.path("source").asText(), v.path("target").asText(),
            v.path("read_only").asBoolean()));
      }
    }
    return mounts;
  }

  /** The host path behind a container path, through the service's bind mounts. */
  private static Path hostPath(JsonNode service, String containerPath) {
    Path wanted = Path.of(containerPath);
    for (Mount m : mounts(service)) {
      Path target = Path.of(m.target());
      if (m.isBind() && wanted.startsWith(target)) {
        return DIR.resolve(m.source()).resolve(target.relativize(wanted).toString()).normalize();
      }
    }
    throw new AssertionError(containerPath + " is not under a bind mount of " + mounts(service));
  }

  private static String mountTarget(JsonNode service, String volume) {
    return mounts(service).stream().filter(m -> m.source().equals(volume)).findFirst()
        .orElseThrow(() -> new AssertionError("no mount of volume " + volume)).target();
  }

  private static List<Integer> containerPorts(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode p : service.path("ports")) {
      String[] parts = p.asText().split(":");
      ports.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
    }
    return ports;
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode e = service.path("environment");
    if (e.isArray()) {
      e.forEach(kv -> {
        String[] parts = kv.asText().split("=", 2);
        env.put(parts[0], parts.length > 1 ? parts[1] : "");
      });
    } else {
      e.fields().forEachRemaining(kv -> env.put(kv.getKey(), kv.getValue().asText()));
    }
    return env;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static List<String> replayArgs() {
    List<String> command = strings(service("replay").path("command"));
    // Arguments of the image's ENTRYPOINT, /app/bin/tickcast.
    assertThat(command.get(0)).isEqualTo("replay");
    return command.subList(1, command.size());
  }

  private static ReplayCommand parseReplay() {
    ReplayCommand replay = new ReplayCommand();
    new CommandLine(replay).parseArgs(replayArgs().toArray(String[]::new));
    return replay;
  }

  private static String replayOption(ReplayCommand replay, String name) {
    return new CommandLine(replay).getCommandSpec().findOption(name).getValue().toString();
  }

  private static Map<String, String> pairs(List<String> args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      out.put(args.get(i), args.get(i + 1));
    }
    return out;
  }

  private static JsonNode service(String name) {
    assertThat(SERVICES.has(name)).as("service %s", name).isTrue();
    return SERVICES.path(name);
  }

  private static Map<String, JsonNode> services() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    SERVICES.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
