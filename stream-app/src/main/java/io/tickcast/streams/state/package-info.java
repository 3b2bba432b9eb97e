/**
 * RocksDB state store settings: the config setter that bounds the off-heap memory of all state
 * stores of an instance (shared block cache and write buffer manager).
 */
package io.tickcast.streams.state;
