/**
 * The Kafka Streams topology: ticks in (raw bytes, decoded and validated inside so a bad record
 * never stops a stream thread), null-key ticks repartitioned by symbol, per-symbol windows in a
 * changelogged store, micro-batched inference with pending windows in a changelogged store,
 * forecasts and dead letters out.
 */
package io.tickcast.streams.topology;
