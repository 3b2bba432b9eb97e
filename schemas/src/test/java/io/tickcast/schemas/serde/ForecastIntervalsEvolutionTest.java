package io.tickcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * The Forecast schema evolved compatibly when {@code intervals} was added: records of the first
 * schema (kept as {@code history/Forecast-1.avsc}, the schema of the records on the forecasts
 * topic and in the latest-forecast store's changelog before the change) decode with the current
 * reader, and current records decode with a reader of the first schema, in Avro single-object
 * encoding and in JSON.
 */
class ForecastIntervalsEvolutionTest {
  private static final Schema V1 = ForecastV1.SCHEMA;
  private static final Forecast WITH_INTERVALS = Forecast.newBuilder()
      .setSymbol("SPX").setLastTickTime(Instant.ofEpochMilli(1000L)).setLastTickPrice(100.0)
      .setNextStep(101.5).setPath(List.of(101.5, 102.0)).setModelVersion("abc123")
      .setRollForward("seed").setProducedAt(Instant.ofEpochMilli(2000L))
      .setIntervals(List.of(
          PredictionInterval.newBuilder().setLevel(0.8).setNextLower(100.5).setNextUpper(102.5)
              .setPathLower(List.of(100.5, 100.0)).setPathUpper(List.of(102.5, 104.0)).build(),
          PredictionInterval.newBuilder().setLevel(0.95).setNextLower(99.5).setNextUpper(103.5)
              .setPathLower(List.of(99.5, 98.0)).setPathUpper(List.of(103.5, 106.0)).build()))
      .build();

  @Test
  void avroResolvesInBothDirections() {
    Schema current = Forecast.getClassSchema();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, V1).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(V1, current).getType())
        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void avroRecordsOfTheFirstSchemaDecodeWithTheCurrentReader() throws Exception {
    ByteBuffer buf = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1)
        .encode(ForecastV1.record("abc123"));
    byte[] old = new byte[buf.remaining()];
    buf.get(old);
    // The header published before the change (schemas/README.md then): the first schema's.
    assertThat(HexFormat.of().formatHex(Arrays.copyOf(old, 10))).isEqualTo("c30170c6ae4262f3474c");

    Forecast decoded = ForecastCodec.decode(old, WireFormat.AVRO);

    assertThat(decoded).isEqualTo(Forecast.newBuilder(WITH_INTERVALS).setIntervals(null)
        .build());
    assertThat(ForecastCodec.intervals(decoded)).isEmpty();
  }

  @Test
  void currentAvroRecordsDecodeWithAReaderOfTheFirstSchema() throws Exception {
    byte[] bytes = ForecastCodec.encode(WITH_INTERVALS, WireFormat.AVRO);
    // A reader on the first schema that knows the writer's schema by its fingerprint.
    BinaryMessageDecoder<GenericRecord> oldReader =
        new BinaryMessageDecoder<>(GenericData.get(), V1);
    oldReader.addSchema(Forecast.getClassSchema());

    GenericRecord r = oldReader.decode(bytes, null);

    assertThat(r.getSchema()).isEqualTo(V1);
    assertThat(GenericData.get().compare(r, ForecastV1.record("abc123"), V1)).isZero();
    assertThat(r.hasField("intervals")).isFalse();
  }

  @Test
  void jsonWithoutIntervalsDecodesWithNone() {
    // As the first version wrote it (schemas/README.md).
    byte[] old = ("{\"symbol\":\"SPX\",\"lastTickTime\":1000,\"lastTickPrice\":100.0,"
        + "\"nextStep\":101.5,\"path\":[101.5,102.0],\"modelVersion\":\"abc123\","
        + "\"rollForward\":\"seed\",\"producedAt\":2000}").getBytes(StandardCharsets.UTF_8);

    assertThat(ForecastCodec.decode(old, WireFormat.JSON)).isEqualTo(
        Forecast.newBuilder(WITH_INTERVALS).setIntervals(null).build());
  }

  @Test
  void currentJsonIsTheFirstVersionsJsonPlusStatusAndIntervals() throws Exception {
    // The first version's JSON reader looked fields up by name and ignored unknown ones, so it
    // reads a current record as long as every field it knows is there, unchanged.
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode current = (ObjectNode) mapper.readTree(
        ForecastCodec.encode(WITH_INTERVALS, WireFormat.JSON));
    JsonNode intervals = current.remove("intervals");
    assertThat(current.remove("status").asText()).isEqualTo(ForecastCodec.STATUS_OK);
    JsonNode v1 = mapper.readTree("{\"symbol\":\"SPX\",\"lastTickTime\":1000,"
        + "\"lastTickPrice\":100.0,\"nextStep\":101.5,\"path\":[101.5,102.0],"
        + "\"modelVersion\":\"abc123\",\"rollForward\":\"seed\",\"producedAt\":2000}");
    assertThat(current).isEqualTo(v1);
    assertThat(intervals.get(1).get("pathUpper").get(1).doubleValue()).isEqualTo(106.0);
  }

  @Test
  void intervalsRoundTripInBothFormats() {
    Forecast none = Forecast.newBuilder(WITH_INTERVALS).setIntervals(null).build();
    Forecast empty = Forecast.newBuilder(WITH_INTERVALS).setIntervals(List.of()).build();
    for (WireFormat format : WireFormat.values()) {
      for (Forecast f : List.of(WITH_INTERVALS, none, empty)) {
        assertThat(ForecastCodec.decode(ForecastCodec.encode(f, format), format)).isEqualTo(f);
      }
    }
    assertThat(new String(ForecastCodec.encode(none, WireFormat.JSON), StandardCharsets.UTF_8))
        .doesNotContain("intervals");
  }

  @Test
  void aMalformedIntervalIsNamed() {
    byte[] bad = ("{\"symbol\":\"SPX\",\"lastTickTime\":1000,\"lastTickPrice\":100.0,"
        + "\"nextStep\":101.5,\"path\":[],\"modelVersion\":\"a\",\"rollForward\":\"seed\","
        + "\"producedAt\":2000,\"intervals\":[{\"level\":0.8,\"nextLower\":1,\"nextUpper\":2,"
        + "\"pathLower\":[\"x\"],\"pathUpper\":[]}]}").getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ForecastCodec.decode(bad, WireFormat.JSON))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("'pathLower' holds a non-number");
  }
}
