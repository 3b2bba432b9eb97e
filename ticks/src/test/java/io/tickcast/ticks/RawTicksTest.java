package io.tickcast.ticks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A raw record's outcome: decoded and accepted, or the reason it goes to the dead-letter topic. */
class RawTicksTest {
  private static final TickValidator RULES = new TickValidator(Normalisation.LAST_PRICE, false);
  private static final long NOW = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] tick(String symbol, double price) {
    return TickCodec.encode(Tick.newBuilder().setSymbol(symbol)
        .setTimestamp(Instant.parse("2026-11-30T12:00:00Z")).setPrice(price).setVolume(null)
        .build(), WireFormat.AVRO);
  }

  @Test
  void aValidKeyedTickIsAccepted() {
    RawTicks.Outcome o = RawTicks.decode(utf8("DAX"), tick("DAX", 5000.5), WireFormat.AVRO, RULES,
        NOW);
    assertThat(o.accepted()).isTrue();
    assertThat(o.keyed()).isTrue();
    assertThat(o.tick().getPrice()).isEqualTo(5000.5);
  }

  @Test
  void eachBrokenRuleHasItsReason() {
    assertThat(RawTicks.decode(null, null, WireFormat.AVRO, RULES, NOW).violation().reason())
        .isEqualTo(RejectReason.TOMBSTONE);
    assertThat(RawTicks.decode(null, utf8("not a tick"), WireFormat.AVRO, RULES, NOW)
        .violation().reason()).isEqualTo(RejectReason.DESERIALIZATION);
    assertThat(RawTicks.decode(null, utf8("{\"symbol\":\"DAX\",\"timestamp\":1764504000000,"
        + "\"price\":\"1,455.22\"}"), WireFormat.JSON, RULES, NOW).violation().reason())
        .isEqualTo(RejectReason.PRICE_FORMAT);
    // last-price normalisation divides by the price: it must be > 0
    assertThat(RawTicks.decode(null, tick("DAX", -1), WireFormat.AVRO, RULES, NOW).violation()
        .reason()).isEqualTo(RejectReason.INVALID_PRICE);
    RawTicks.Outcome wrongKey = RawTicks.decode(utf8("SMI"), tick("DAX", 5000), WireFormat.AVRO,
        RULES, NOW);
    assertThat(wrongKey.accepted()).isFalse();
    assertThat(wrongKey.violation().reason()).isEqualTo(RejectReason.KEY_MISMATCH);
    assertThat(wrongKey.violation().detail()).contains("'SMI'").contains("'DAX'");
    assertThat(RejectReason.KEY_MISMATCH.code()).isEqualTo("key_mismatch");
  }
}
