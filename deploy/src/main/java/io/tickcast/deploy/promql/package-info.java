/** PromQL expressions as found in alert rule files, and the metric names they select. */
package io.tickcast.deploy.promql;
