/** The Grafana dashboard JSON as panels and queries, and a drawing of its grid layout. */
package io.tickcast.deploy.dashboard;
