/**
 * An in-process single-node KRaft Kafka broker ({@link io.tickcast.broker.EmbeddedKafkaCluster})
 * for the demo, {@code tickcast broker} and integration tests.
 */
package io.tickcast.broker;
