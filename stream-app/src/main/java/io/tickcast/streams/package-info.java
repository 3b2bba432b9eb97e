/**
 * The Tickcast stream app: start and stop it in-process with {@link io.tickcast.streams.StreamApp}
 * (a launcher's entry point) or run {@link io.tickcast.streams.StreamAppMain}.
 */
package io.tickcast.streams;
