/**
 * Tools over Tickcast's deployment files: reading the Grafana dashboard and the Prometheus alert
 * rules, naming the metrics their PromQL refers to, and drawing the dashboard's layout.
 */
package io.tickcast.deploy;
