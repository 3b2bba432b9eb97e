package io.tickcast.deploy.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.testing.TestModels;
import io.tickcast.deploy.Repo;
import io.tickcast.deploy.dashboard.Dashboard;
import io.tickcast.deploy.dashboard.Panel;
import io.tickcast.deploy.dashboard.Query;
import io.tickcast.deploy.promql.AlertRule;
import io.tickcast.deploy.promql.MetricNames;
import io.tickcast.deploy.promql.RuleFile;
import io.tickcast.streams.RunningApp;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.testkit.LocalPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard and the alert rules against the real thing: the stream app (its Java API) on an
 * in-process KRaft broker with a tiny model, fed real S&P 500 prices plus bad records of every
 * kind, scraped every second by a real Prometheus (Debian's {@code prometheus}) whose config is
 * the deployment's {@code prometheus.yml} pointed at the app, with the deployment's alert rules
 * loaded. Then every PromQL expression of the dashboard and of the rules goes through
 * {@code /api/v1/query}: each must parse, and each dashboard query must return a number.
 */
class PrometheusQueriesIntegrationTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String JOB = "tickcast-stream-app";
  /** Grafana's interval variables become this window: short enough for a short test. */
  private static final String WINDOW = "1m";
  /** Longest wait for every dashboard query to have data (a deadline, not a speed assertion). */
  private static final Duration DATA_DEADLINE = Duration.ofMinutes(3);
  private static final int WINDOW_LENGTH = 10;
  private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");

  @TempDir Path tmp;

  @Test
  void everyDashboardAndAlertQueryRunsAgainstTheLiveApp() throws Exception {
    Path prometheusBinary = Repo.prometheusTool("prometheus");
    Dashboard dashboard = Dashboard.read(Repo.deploy("grafana/dashboards/tickcast.json"));
    List<AlertRule> rules = RuleFile.read(Repo.deploy("prometheus/alerts.yml"));
    double[] prices = CsvSeriesReader.read(Repo.data().resolve("sp500.csv"),
        List.of("Close")).column("Close");

    ModelMetadata model = TestModels.saveTinyLstm(tmp.resolve("models/tiny"), WINDOW_LENGTH, 3,
        Normalisation.FIRST_PRICE, RollForward.SEED, 7);
    // With prediction intervals, so that the interval panels and alert have series.
    TestModels.withIntervals(tmp.resolve("models/tiny"), Map.of(0.8, 0.01, 0.95, 0.03));

    // No topics created here: the app creates its own (tickcast.topics.partitions).
    try (LocalPipeline pipeline = LocalPipeline.embedded(2)) {
      RunningApp app = pipeline.startApp(Map.of(
          AppConfig.MODEL_DIR, tmp.resolve("models").toString(),
          AppConfig.STATE_DIR, tmp.resolve("state").toString(),
          AppConfig.HTTP_HOST, "127.0.0.1",
          AppConfig.HTTP_PORT, "0",
          AppConfig.TOPICS_PARTITIONS, "2",
          AppConfig.MODEL_POLL_INTERVAL_MS, "0"), Duration.ofMinutes(2), "tickcast-prom-");
      AppConfig config = pipeline.config();
      Path promConfig = scrapeConfig(app.httpPort());
      try (TickFeeder feeder = new TickFeeder(pipeline.bootstrapServers(), config.ticksTopic(),
              SYMBOLS, prices, 50);
          PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, promConfig,
              Files.createDirectories(tmp.resolve("prometheus")))) {
        feeder.start();

        long waitStart = System.nanoTime();
        Map<String, String> missing = awaitDashboardData(prometheus, dashboard, feeder);
        System.out.printf("dashboard queries had data after %.1f s, %d feeder rounds%n",
            (System.nanoTime() - waitStart) / 1e9, feeder.rounds());
        Set<String> exported = exportedNames(prometheus);
        writeExported(prometheus, exported);
        assertThat(missing).as("dashboard queries without data (prometheus log:\n%s)",
            prometheus.logTail()).isEmpty();
        assertThat(feeder.failure()).as("tick feeder").isNull();
        assertLagPanelSeesTheTicksTopic(prometheus, dashboard, config.ticksTopic());

        // Every alert expression parses and evaluates.
        for (AlertRule rule : rules) {
          JsonNode answer = prometheus.query(rule.expr());
          assertThat(answer.path("status").asText()).as("alert %s: %s -> %s", rule.name(),
              rule.expr(), answer).isEqualTo("success");
        }
        // Every metric name the dashboard or the rules select is exported by the app.
        Set<String> selected = new TreeSet<>();
        dashboard.queries().forEach(q -> selected.addAll(MetricNames.of(q.exprForPrometheus(WINDOW))));
        rules.forEach(r -> selected.addAll(MetricNames.of(r.expr())));
        assertThat(exported).as("metric names exported by the app").containsAll(selected);
        // The job name the dashboard and alerts filter on is the one prometheus.yml scrapes.
        assertThat(prometheus.query("up{job=\"" + JOB + "\"} == 1").path("data").path("result"))
            .hasSize(1);
        // The rule manager evaluated every rule without an error.
        awaitRulesEvaluated(prometheus, rules);
      }
    }
  }

  /**
   * Runs every dashboard query until each returns a non-NaN sample or the deadline passes.
   *
   * @return query description to problem, for the queries still without data
   */
  private Map<String, String> awaitDashboardData(PrometheusServer prometheus, Dashboard dashboard,
      TickFeeder feeder) throws Exception {
    long deadline = System.nanoTime() + DATA_DEADLINE.toNanos();
    Map<String, String> missing = Map.of();
    Set<String> reported = Set.of();
    do {
      if (!missing.keySet().equals(reported)) {
        System.out.println("waiting for data from " + missing.keySet());
        reported = missing.keySet();
      }
      Thread.sleep(2000);
      missing = new LinkedHashMap<>();
      for (Panel panel : dashboard.visualisations()) {
        for (Query q : panel.queries()) {
          String expr = q.exprForPrometheus(WINDOW);
          JsonNode answer = prometheus.query(expr);
          String label = "'" + panel.title() + "' " + q.refId() + ": " + expr;
          if (!"success".equals(answer.path("status").asText())) {
            // A parse error never heals: fail at once with Prometheus's message.
            throw new AssertionError(label + " does not run: " + answer.path("errorType").asText()
                + ": " + answer.path("error").asText());
          }
          String problem = dataProblem(answer.path("data"));
          if (problem != null) {
            missing.put(label, problem);
          }
        }
      }
      if (feeder.failure() != null) {
        throw new AssertionError("tick feeder failed", feeder.failure());
      }
    } while (!missing.isEmpty() && System.nanoTime() < deadline);
    return missing;
  }

  /**
   * Kafka 4 reports a dotted topic's per-partition lag twice (also with dots replaced by
   * underscores) and the lag panel keeps only dot-free names. Should Kafka stop reporting the
   * underscore form, this fails instead of the panel silently losing the ticks topic.
   */
  private static void assertLagPanelSeesTheTicksTopic(PrometheusServer prometheus,
      Dashboard dashboard, String ticksTopic) throws Exception {
    Query perTopic = dashboard.visualisations().stream()
        .filter(p -> p.title().equals("Consumer lag")).findFirst().orElseThrow()
        .queries().get(0);
    JsonNode answer = prometheus.query(perTopic.exprForPrometheus(WINDOW));
    List<String> topics = new ArrayList<>();
    answer.path("data").path("result").forEach(r -> topics.add(r.path("metric").path("topic").asText()));
    assertThat(topics).as(perTopic.expr()).contains(ticksTopic.replace('.', '_'));
  }

  /** Null when the answer holds at least one sample that is a number, else why not. */
  private static String dataProblem(JsonNode data) {
    String type = data.path("resultType").asText();
    List<JsonNode> values = new ArrayList<>();
    if (type.equals("vector")) {
      data.path("result").forEach(r -> values.add(r.path("value").get(1)));
    } else if (type.equals("scalar")) {
      values.add(data.path("result").get(1));
    } else {
      return "unexpected result type " + type;
    }
    if (values.isEmpty()) {
      return "no series";
    }
    for (JsonNode v : values) {
      String s = v.asText();
      if (!s.equals("NaN") && !s.endsWith("Inf")) {
        return null;
      }
    }
    return "only NaN/Inf samples " + values;
  }

  private static void awaitRulesEvaluated(PrometheusServer prometheus, List<AlertRule> rules)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode groups = prometheus.get("/api/v1/rules").path("data").path("groups");
      Map<String, JsonNode> byName = new LinkedHashMap<>();
      groups.forEach(g -> g.path("rules").forEach(r -> byName.put(r.path("name").asText(), r)));
      assertThat(byName.keySet()).as("rules loaded by prometheus")
          .containsExactlyInAnyOrderElementsOf(rules.stream().map(AlertRule::name).toList());
      boolean allEvaluated = byName.values().stream()
          .noneMatch(r -> r.path("lastEvaluation").asText("").startsWith("0001-"));
      if (allEvaluated || System.nanoTime() > deadline) {
        for (JsonNode r : byName.values()) {
          assertThat(r.path("health").asText()).as("rule %s: %s", r.path("name").asText(),
              r.path("lastError").asText()).isEqualTo("ok");
        }
        return;
      }
      Thread.sleep(1000);
    }
  }

  private static Set<String> exportedNames(PrometheusServer prometheus) throws Exception {
    Set<String> names = new TreeSet<>();
    prometheus.get("/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
    return names;
  }

  /**
   * Leaves the exported names, and the label sets of the consumer's records-* series (lag, lead, consumed), in target/ for
   * whoever maintains the dashboard.
   */
  private static void writeExported(PrometheusServer prometheus, Set<String> names)
      throws Exception {
    Path dir = Files.createDirectories(Path.of("target"));
    Files.write(dir.resolve("exported-metric-names.txt"), names);
    JsonNode records = prometheus.query(
        "{__name__=~\"kafka_consumer_fetch_manager_records_.*\"}");
    List<String> series = new ArrayList<>();
    records.path("data").path("result").forEach(s -> series.add(s.toString()));
    Files.write(dir.resolve("exported-consumer-records-series.txt"), series);
  }

  /**
   * The deployment's prometheus.yml with its stream-app job pointed at the app under test: 1 s
   * scrape and evaluation intervals, the rule file by absolute path, the other jobs dropped.
   */
  private Path scrapeConfig(int appPort) throws Exception {
    ObjectNode config = (ObjectNode) YAML.readTree(Repo.deploy("prometheus/prometheus.yml").toFile());
    ObjectNode global = (ObjectNode) config.path("global");
    global.put("scrape_interval", "1s");
    global.put("evaluation_interval", "1s");
    ArrayNode ruleFiles = config.putArray("rule_files");
    ruleFiles.add(Repo.deploy("prometheus/alerts.yml").toString());
    ArrayNode jobs = YAML.createArrayNode();
    for (JsonNode job : config.path("scrape_configs")) {
      if (JOB.equals(job.path("job_name").asText())) {
        ObjectNode j = (ObjectNode) job;
        ArrayNode targets = ((ObjectNode) j.path("static_configs").get(0)).putArray("targets");
        targets.add("127.0.0.1:" + appPort);
        jobs.add(j);
      }
    }
    assertThat(jobs).as("prometheus.yml has a job named %s", JOB).hasSize(1);
    config.set("scrape_configs", jobs);
    Path file = tmp.resolve("prometheus.yml");
    YAML.writeValue(file.toFile(), config);
    return file;
  }
}
