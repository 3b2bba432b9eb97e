/**
 * Stream-app configuration: a properties file with environment-variable overrides, validated at
 * start-up so that a bad value fails with its key and the reason.
 */
package io.tickcast.streams.config;
