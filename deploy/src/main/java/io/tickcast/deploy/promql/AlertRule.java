package io.tickcast.deploy.promql;

/**
 * One alerting or recording rule of a Prometheus rule file.
 *
 * @param group the rule group's name
 * @param name the alert name, or the recorded series name for a recording rule
 * @param expr the PromQL expression
 * @param forDuration the {@code for} duration, e.g. {@code 5m} (empty when absent)
 */
public record AlertRule(String group, String name, String expr, String forDuration) {}
