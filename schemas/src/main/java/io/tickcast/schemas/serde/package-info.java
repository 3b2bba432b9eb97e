/**
 * Byte codecs and Kafka serdes for {@link io.tickcast.schemas.Tick} and {@link
 * io.tickcast.schemas.Forecast}: Avro single-object encoding (the Avro specification's
 * fingerprinted format, no schema registry) or JSON, chosen by {@link
 * io.tickcast.schemas.serde.WireFormat}.
 */
package io.tickcast.schemas.serde;
