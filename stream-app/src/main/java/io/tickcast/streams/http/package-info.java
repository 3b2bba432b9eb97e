/**
 * The stream app's HTTP endpoints on the JDK's built-in server: Prometheus metrics, liveness,
 * readiness and the latest forecast of a symbol (interactive query).
 */
package io.tickcast.streams.http;
