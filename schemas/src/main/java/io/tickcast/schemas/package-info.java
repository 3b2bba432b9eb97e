/**
 * Wire schemas of Tickcast, generated at build time from {@code src/main/avro}: {@code Tick} (one
 * price observation) and {@code Forecast} (the model's next-step price and H-step path after one
 * tick). Times are epoch milliseconds (UTC) on the wire, {@link java.time.Instant} in Java; prices
 * are price units.
 */
package io.tickcast.schemas;
