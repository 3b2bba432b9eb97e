/** The stream app's Micrometer meters, named as in the team's metric contract. */
package io.tickcast.streams.metrics;
