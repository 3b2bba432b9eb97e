package io.tickcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.schemas.Tick;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TickCodecTest {
  private static final Tick TICK =
      Tick.newBuilder().setSymbol("SPX").setTimestamp(Instant.ofEpochMilli(946857600000L))
          .setPrice(1455.219971).setVolume(null).build();

  /** Zig-zag varint as in the Avro spec, "Binary encoding". */
  private static void varLong(ByteArrayOutputStream out, long v) {
    long z = (v << 1) ^ (v >> 63);
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
  }

  /** Bytes as a producer in another language would write them, following the Avro spec by hand. */
  private static byte[] handEncoded(String symbol, long millis, double price) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    long fp = SchemaNormalization.parsingFingerprint64(Tick.getClassSchema());
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fp).array());
    byte[] s = symbol.getBytes(StandardCharsets.UTF_8);
    varLong(out, s.length);
    out.writeBytes(s);
    varLong(out, millis);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(price).array());
    varLong(out, 0); // union branch 0: null volume
    return out.toByteArray();
  }

  @Test
  void avroIsTheSpecsSingleObjectEncoding() {
    byte[] expected = handEncoded("SPX", 946857600000L, 1455.219971);
    assertThat(TickCodec.encode(TICK, WireFormat.AVRO)).isEqualTo(expected);
    assertThat(TickCodec.decode(expected, WireFormat.AVRO)).isEqualTo(TICK);
  }

  @Test
  void wireHeadersAreTheOnesPublishedInTheReadme() {
    // Producers in other languages hard-code these 10 bytes (schemas/README.md): a schema change
    // that alters them is a wire-format change and must be deliberate.
    assertThat(java.util.HexFormat.of().formatHex(
        java.util.Arrays.copyOf(TickCodec.encode(TICK, WireFormat.AVRO), 10)))
        .isEqualTo("c301e4da39b272606605");
    io.tickcast.schemas.Forecast f = io.tickcast.schemas.Forecast.newBuilder().setSymbol("A")
        .setLastTickTime(Instant.EPOCH).setLastTickPrice(1).setNextStep(1)
        .setPath(java.util.List.of(1.0)).setModelVersion("v").setRollForward("seed")
        .setProducedAt(Instant.EPOCH).build();
    assertThat(java.util.HexFormat.of().formatHex(
        java.util.Arrays.copyOf(ForecastCodec.encode(f, WireFormat.AVRO), 10)))
        .isEqualTo("c3015c87f321d559ef4c");
  }

  @Test
  void avroRoundTripsVolume() {
    Tick t = Tick.newBuilder(TICK).setVolume(931800000.0).build();
    assertThat(TickCodec.decode(TickCodec.encode(t, WireFormat.AVRO), WireFormat.AVRO)).isEqualTo(t);
  }

  @Test
  void jsonReadsTheDocumentedForm() {
    byte[] json = "{\"symbol\":\"SPX\",\"timestamp\":946857600000,\"price\":1455.219971}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(TickCodec.decode(json, WireFormat.JSON)).isEqualTo(TICK);
    byte[] iso = "{\"symbol\":\"SPX\",\"timestamp\":\"2000-01-03T00:00:00Z\",\"price\":1455.219971,\"volume\":5}"
        .getBytes(StandardCharsets.UTF_8);
    Tick t = TickCodec.decode(iso, WireFormat.JSON);
    assertThat(t.getTimestamp()).isEqualTo(Instant.ofEpochMilli(946857600000L));
    assertThat(t.getVolume()).isEqualTo(5.0);
    assertThat(TickCodec.decode(TickCodec.encode(t, WireFormat.JSON), WireFormat.JSON)).isEqualTo(t);
  }

  private static Tick jsonPrice(String priceJson) {
    return TickCodec.decode(("{\"symbol\":\"SPX\",\"timestamp\":946857600000,\"price\":"
        + priceJson + ",\"volume\":\"12\"}").getBytes(StandardCharsets.UTF_8), WireFormat.JSON);
  }

  @Test
  void aPlainDecimalStringPriceIsRead() {
    assertThat(jsonPrice("\"1455.22\"").getPrice()).isEqualTo(1455.22);
    assertThat(jsonPrice("\" 1455 \"").getPrice()).isEqualTo(1455.0);
    assertThat(jsonPrice("\"1.5e3\"").getPrice()).isEqualTo(1500.0);
    assertThat(jsonPrice("\".5\"").getPrice()).isEqualTo(0.5);
    assertThat(jsonPrice("\"1455.22\"").getVolume()).isEqualTo(12.0);
  }

  @Test
  void groupedLocaleAndSpecialStringPricesAreMalformedNumbers() {
    for (String s : new String[] {"\"1,455.22\"", "\"1.455,22\"", "\"1 455,22\"", "\"1455,22\"",
        "\"NaN\"", "\"Infinity\"", "\"0x1p3\"", "\"$1455\"", "\"1455.22 USD\"", "\"\"",
        "\"1e999999\""}) {
      assertThatThrownBy(() -> jsonPrice(s)).as(s).isInstanceOf(MalformedNumberException.class)
          .hasMessageContaining("'price'");
    }
  }

  @Test
  void garbageIsAMalformedRecord() {
    byte[] garbage = "not a tick".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TickCodec.decode(garbage, WireFormat.AVRO))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("C3 01");
    assertThatThrownBy(() -> TickCodec.decode(garbage, WireFormat.JSON))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> TickCodec.decode(new byte[0], WireFormat.AVRO))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("empty");
  }

  @Test
  void truncatedAvroBodyIsAMalformedRecord() {
    byte[] full = handEncoded("SPX", 1L, 2.0);
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
    assertThatThrownBy(() -> TickCodec.decode(cut, WireFormat.AVRO))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void unknownFingerprintIsAMalformedRecord() {
    byte[] bytes = handEncoded("SPX", 1L, 2.0);
    bytes[2] ^= 0x55;
    assertThatThrownBy(() -> TickCodec.decode(bytes, WireFormat.AVRO))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown Avro schema");
  }

  @Test
  void jsonWithoutPriceOrWithABooleanPriceIsAMalformedRecord() {
    byte[] noPrice = "{\"symbol\":\"SPX\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TickCodec.decode(noPrice, WireFormat.JSON))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("'price'");
    byte[] boolPrice = "{\"symbol\":\"SPX\",\"timestamp\":1,\"price\":true}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TickCodec.decode(boolPrice, WireFormat.JSON))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("'price'");
    byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TickCodec.decode(array, WireFormat.JSON))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("object");
  }

  @Test
  void kafkaSerdesReadTheFormatFromConfigAndPassTombstones() {
    TickDeserializer de = new TickDeserializer();
    de.configure(Map.of(TickcastSerdes.WIRE_FORMAT_CONFIG, "JSON"), false);
    assertThat(de.format()).isEqualTo(WireFormat.JSON);
    assertThat(de.deserialize("t", null)).isNull();
    TickSerializer ser = new TickSerializer();
    ser.configure(Map.of(), false);
    assertThat(ser.format()).isEqualTo(WireFormat.AVRO);
    assertThat(ser.serialize("t", null)).isNull();
    assertThatThrownBy(() -> ser.configure(Map.of(TickcastSerdes.WIRE_FORMAT_CONFIG, "xml"), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("avro, json");
  }
}
