package io.tickcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.schemas.Forecast;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCodecTest {
  private static final Forecast FORECAST = Forecast.newBuilder()
      .setSymbol("SPX").setLastTickTime(Instant.ofEpochMilli(1000L)).setLastTickPrice(100.0)
      .setNextStep(101.5).setPath(List.of(101.5, 102.0, 102.25)).setModelVersion("abc123")
      .setRollForward("seed").setProducedAt(Instant.ofEpochMilli(2000L)).build();

  @Test
  void avroRoundTrips() {
    byte[] bytes = ForecastCodec.encode(FORECAST, WireFormat.AVRO);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ForecastCodec.decode(bytes, WireFormat.AVRO)).isEqualTo(FORECAST);
  }

  @Test
  void jsonHasTheDocumentedFieldsAndRoundTrips() throws Exception {
    byte[] bytes = ForecastCodec.encode(FORECAST, WireFormat.JSON);
    JsonNode n = new ObjectMapper().readTree(bytes);
    assertThat(n.get("lastTickTime").longValue()).isEqualTo(1000L);
    assertThat(n.get("path").get(2).doubleValue()).isEqualTo(102.25);
    assertThat(n.get("producedAt").longValue()).isEqualTo(2000L);
    assertThat(ForecastCodec.decode(bytes, WireFormat.JSON)).isEqualTo(FORECAST);
  }

  @Test
  void aNextStepOnlyForecastHasAnEmptyPathInBothFormats() {
    Forecast nextStepOnly = Forecast.newBuilder(FORECAST).setPath(List.of())
        .setRollForward("carry-state").build();
    for (WireFormat format : WireFormat.values()) {
      assertThat(ForecastCodec.decode(ForecastCodec.encode(nextStepOnly, format), format))
          .isEqualTo(nextStepOnly);
    }
    assertThat(new String(ForecastCodec.encode(nextStepOnly, WireFormat.JSON),
        java.nio.charset.StandardCharsets.UTF_8)).contains("\"path\":[]");
  }

  @Test
  void aTickIsNotAForecast() {
    byte[] tick = TickCodec.encode(io.tickcast.schemas.Tick.newBuilder().setSymbol("A")
        .setTimestamp(Instant.EPOCH).setPrice(1).build(), WireFormat.AVRO);
    assertThatThrownBy(() -> ForecastCodec.decode(tick, WireFormat.AVRO))
        .isInstanceOf(MalformedRecordException.class);
  }
}
