package io.tickcast.deploy.dashboard;

/**
 * One Prometheus query of a dashboard panel.
 *
 * @param refId the query's reference letter within its panel
 * @param expr the PromQL expression, possibly with Grafana variables such as {@code $__rate_interval}
 * @param legendFormat the series legend template (empty when absent)
 * @param datasourceUid the query's datasource uid (empty when absent)
 * @param instant whether Grafana runs it as an instant query
 */
public record Query(
    String refId, String expr, String legendFormat, String datasourceUid, boolean instant) {

  /**
   * The expression with Grafana's interval variables replaced so plain Prometheus accepts it.
   *
   * @param window a PromQL duration for {@code $__rate_interval}, {@code $__interval} and {@code
   *     $__range}, e.g. {@code 1m}
   */
  public String exprForPrometheus(String window) {
    return expr.replace("${__rate_interval}", window)
        .replace("$__rate_interval", window)
        .replace("${__interval}", window)
        .replace("$__interval", window)
        .replace("${__range}", window)
        .replace("$__range", window);
  }
}
