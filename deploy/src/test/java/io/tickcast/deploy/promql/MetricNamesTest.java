package io.tickcast.deploy.promql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

  @Test
  void plainSelectorIsItsOwnName() {
    assertThat(MetricNames.of("up")).containsExactly("up");
  }

  @Test
  void functionsAggregationsAndGroupingAreNotNames() {
    assertThat(MetricNames.of(
        "histogram_quantile(0.99, sum by (le) (rate(tickcast_x_seconds_bucket[$__rate_interval])))"))
        .containsExactly("tickcast_x_seconds_bucket");
    assertThat(MetricNames.of("sum(rate(a_total[5m])) without (instance)")).containsExactly("a_total");
  }

  @Test
  void labelValuesStringsAndDurationsAreNotNames() {
    assertThat(MetricNames.of(
        "sum(rate(sq_total{forecaster=\"model\", job=~\"a|b\"}[5m] offset 10m)) / sum(rate(n_total[1h30m]))"))
        .containsExactly("sq_total", "n_total");
  }

  @Test
  void binaryOperatorsKeywordsAndNumbersAreNotNames() {
    assertThat(MetricNames.of(
        "a > 0 and on (job) b == 1e3 or c unless d * ignoring(x) group_left(y) e > bool 0.5"))
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void subqueriesKeepTheInnerName() {
    assertThat(MetricNames.of("deriv(sum(lag{client_id=~\".*-consumer\"})[10m:1m]) > 0"))
        .containsExactly("lag");
  }
}
