package io.tickcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.schemas.Forecast;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * The {@code status} field added to Forecast: records of schema version 1 (no status) read with
 * the current schema, and current records read with the version-1 schema, in Avro and JSON.
 */
class ForecastStatusEvolutionTest {
  private static final Schema V1 = ForecastV1.SCHEMA;

  @Test
  void theFirstSchemaHasNoStatus() {
    // Both directions of resolution: ForecastIntervalsEvolutionTest.avroResolvesInBothDirections.
    assertThat(V1.getField("status")).isNull();
  }

  @Test
  void aNewReaderReadsAnOldAvroRecordAsOk() throws Exception {
    ByteBuffer old = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1)
        .encode(ForecastV1.record("abc"));
    byte[] bytes = new byte[old.remaining()];
    old.get(bytes);
    Forecast f = ForecastCodec.decode(bytes, WireFormat.AVRO);
    assertThat(f.getStatus()).isEqualTo("ok");
    assertThat(f.getNextStep()).isEqualTo(101.5);
    assertThat(f.getPath()).containsExactly(101.5, 102.0);
  }

  @Test
  void anOldReaderGivenTheWriterSchemaReadsANewAvroRecordAndIgnoresStatus() throws Exception {
    Forecast withheld = Forecast.newBuilder().setSymbol("SPX")
        .setLastTickTime(Instant.ofEpochMilli(1000L)).setLastTickPrice(100.0)
        .setNextStep(Double.NaN).setPath(List.of()).setModelVersion("abc").setRollForward("seed")
        .setProducedAt(Instant.ofEpochMilli(2000L)).setStatus("withheld_input_out_of_range")
        .build();
    byte[] bytes = ForecastCodec.encode(withheld, WireFormat.AVRO);
    BinaryMessageDecoder<GenericRecord> oldReader =
        new BinaryMessageDecoder<>(GenericData.get(), V1);
    oldReader.addSchema(Forecast.getClassSchema());
    GenericRecord r = oldReader.decode(bytes, null);
    assertThat(r.getSchema().getField("status")).isNull();
    assertThat(r.get("symbol").toString()).isEqualTo("SPX");
    // An old reader sees the withheld record's nextStep as NaN: never a plausible price.
    assertThat((Double) r.get("nextStep")).isNaN();
  }

  @Test
  void aNewJsonReaderReadsARecordWithoutStatusAsOk() throws Exception {
    String old = "{\"symbol\":\"SPX\",\"lastTickTime\":1000,\"lastTickPrice\":100.0,"
        + "\"nextStep\":101.5,\"path\":[101.5],\"modelVersion\":\"abc\",\"rollForward\":\"seed\","
        + "\"producedAt\":2000}";
    Forecast f = ForecastCodec.decode(old.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        WireFormat.JSON);
    assertThat(f.getStatus()).isEqualTo("ok");
    assertThat(f.getNextStep()).isEqualTo(101.5);
  }

  @Test
  void anOldJsonReaderSeesEveryV1FieldOfANewRecordAndNoNumberInAWithheldOne() throws Exception {
    Forecast ok = Forecast.newBuilder().setSymbol("SPX")
        .setLastTickTime(Instant.ofEpochMilli(1000L)).setLastTickPrice(100.0).setNextStep(101.0)
        .setPath(List.of(101.0)).setModelVersion("abc").setRollForward("seed")
        .setProducedAt(Instant.ofEpochMilli(2000L)).build();
    JsonNode n = new ObjectMapper().readTree(ForecastCodec.encode(ok, WireFormat.JSON));
    for (Schema.Field f : V1.getFields()) {
      assertThat(n.has(f.name())).as(f.name()).isTrue();
    }
    assertThat(n.get("nextStep").doubleValue()).isEqualTo(101.0);
    assertThat(n.get("status").textValue()).isEqualTo("ok");

    Forecast withheld = Forecast.newBuilder(ok).setNextStep(Double.NaN).setPath(List.of())
        .setStatus("withheld_output_non_positive").build();
    ObjectNode w = (ObjectNode) new ObjectMapper()
        .readTree(ForecastCodec.encode(withheld, WireFormat.JSON));
    // null, not a number: a v1 JSON reader that requires a number refuses the record.
    assertThat(w.get("nextStep").isNull()).isTrue();
    assertThat(w.get("path").size()).isZero();
    Forecast back = ForecastCodec.decode(ForecastCodec.encode(withheld, WireFormat.JSON),
        WireFormat.JSON);
    assertThat(back.getStatus()).isEqualTo("withheld_output_non_positive");
    assertThat(back.getNextStep()).isNaN();
  }
}
