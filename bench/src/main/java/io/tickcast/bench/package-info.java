/**
 * JMH benchmarks of Tickcast's inference path: next-step windows/s and latency, exact 50-step
 * paths, normalisation; DL4J beside the pure-Java LSTM engine. Run them as {@code
 * docs/benchmarks.md} says; the build never runs them.
 */
package io.tickcast.bench;
