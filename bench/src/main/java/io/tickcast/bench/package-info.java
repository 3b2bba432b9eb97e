/**
 * JMH benchmarks of Tickcast's inference path: next-step windows/s and latency, exact 50-step
 * paths (DL4J beside the pure-Java LSTM engine), and the stream app's per-tick window path
 * (window policy, window serde, model input and first-price normalisation). Run them as {@code
 * docs/benchmarks.md} says; the build never runs them.
 */
package io.tickcast.bench;
