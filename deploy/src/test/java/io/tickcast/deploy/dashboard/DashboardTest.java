package io.tickcast.deploy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tickcast.deploy.MetricContract;
import io.tickcast.deploy.Repo;
import io.tickcast.deploy.promql.MetricNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Static checks of the provisioned Grafana dashboard; the integration test runs its queries. */
class DashboardTest {
  private static final Dashboard DASHBOARD =
      Dashboard.read(Repo.deploy("grafana/dashboards/tickcast.json"));

  @Test
  void everyPanelHasATitleDescriptionUnitAndQuery() {
    assertThat(DASHBOARD.visualisations()).isNotEmpty();
    for (Panel p : DASHBOARD.visualisations()) {
      assertThat(p.title()).as("panel %d title", p.id()).isNotBlank();
      assertThat(p.description()).as("description of '%s'", p.title()).hasSizeGreaterThan(30);
      assertThat(p.unit()).as("unit of '%s'", p.title()).isNotBlank();
      assertThat(p.queries()).as("queries of '%s'", p.title()).isNotEmpty();
      assertThat(p.queries()).extracting(Query::refId).as("refIds of '%s'", p.title())
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void panelsUseTheProvisionedDatasource() throws IOException {
    JsonNode provisioned = new ObjectMapper(new YAMLFactory())
        .readTree(Repo.deploy("grafana/provisioning/datasources/prometheus.yml").toFile());
    String uid = provisioned.path("datasources").get(0).path("uid").asText();
    assertThat(uid).isNotBlank();
    for (Panel p : DASHBOARD.visualisations()) {
      assertThat(p.datasourceUid()).as("datasource of '%s'", p.title()).isEqualTo(uid);
      assertThat(p.queries()).extracting(Query::datasourceUid).containsOnly(uid);
    }
  }

  @Test
  void panelsFitTheGridWithoutOverlapping() {
    List<Panel> panels = DASHBOARD.panels();
    for (Panel p : panels) {
      assertThat(p.x()).as("x of '%s'", p.title()).isBetween(0, 23);
      assertThat(p.x() + p.w()).as("right edge of '%s'", p.title()).isLessThanOrEqualTo(24);
      assertThat(p.w()).isPositive();
      assertThat(p.h()).isPositive();
    }
    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        assertThat(panels.get(i).overlaps(panels.get(j)))
            .as("'%s' overlaps '%s'", panels.get(i).title(), panels.get(j).title()).isFalse();
      }
    }
  }

  @Test
  void queriesNameOnlyContractOrBinderMetrics() {
    Set<String> unknown = new TreeSet<>();
    for (Query q : DASHBOARD.queries()) {
      for (String name : MetricNames.of(q.exprForPrometheus("1m"))) {
        if (!MetricContract.allows(name)) {
          unknown.add(name);
        }
      }
    }
    assertThat(unknown).as("metric names outside the metric contract").isEmpty();
  }

  /** Every quantity the issue asks the dashboard to show is on it. */
  @Test
  void everyContractMetricFamilyIsShown() {
    Set<String> used = new HashSet<>();
    for (Query q : DASHBOARD.queries()) {
      used.addAll(MetricNames.of(q.exprForPrometheus("1m")));
    }
    List<String> families = new ArrayList<>(List.of(
        "tickcast_ticks_received_total", "tickcast_ticks_accepted_total",
        "tickcast_ticks_rejected_total", "tickcast_forecasts_emitted_total",
        "tickcast_tick_to_forecast_latency_seconds_bucket",
        "tickcast_inference_batch_latency_seconds_bucket",
        "tickcast_inference_window_latency_seconds_bucket",
        "tickcast_inference_batch_size_bucket", "tickcast_symbols_tracked", "tickcast_model_info",
        "tickcast_forecast_scored_total", "tickcast_forecast_squared_error_total",
        "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum",
        "tickcast_forecast_interval_covered_total", "tickcast_forecast_interval_scored_total",
        "tickcast_forecast_interval_nominal", "tickcast_forecast_interval_width_sum",
        "tickcast_forecast_interval_width_count"));
    assertThat(used).containsAll(families);
    assertThat(used).anyMatch(n -> n.startsWith("kafka_consumer_fetch_manager_records_lag"));
  }

  @Test
  void grafanaVariablesAreOnlyTheBuiltInIntervals() {
    for (Query q : DASHBOARD.queries()) {
      assertThat(q.exprForPrometheus("1m")).as(q.expr()).doesNotContain("$");
    }
  }
}
