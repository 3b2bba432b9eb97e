/**
 * {@code tickcast-bench}: end-to-end benchmarks of the whole system in one JVM (embedded broker,
 * the real stream app, a producer and a consumer), as opposed to the JMH micro-benchmarks of the
 * {@code bench} module.
 */
package io.tickcast.bench.e2e;
