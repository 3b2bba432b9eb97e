/**
 * Per-symbol windows of the last W ticks: the value kept in the changelogged window store, its
 * serde, and the ordering policy (out-of-order, duplicate, correction).
 */
package io.tickcast.streams.window;
