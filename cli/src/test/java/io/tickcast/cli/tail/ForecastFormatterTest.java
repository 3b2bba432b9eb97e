package io.tickcast.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastFormatterTest {
  private final Forecast forecast = Forecast.newBuilder().setSymbol("SPX")
      .setLastTickTime(Instant.parse("2000-03-15T00:00:00Z")).setLastTickPrice(1000.0)
      .setNextStep(1010.0).setPath(List.of(1010.0, 990.0)).setModelVersion("0123456789abcdef")
      .setRollForward("seed").setProducedAt(Instant.ofEpochMilli(42)).build();

  @Test
  void readableLineShowsChangesFromTheLastPrice() {
    // next 1010 is +1.00% of 1000; the path's last step 990 is -1.00%
    assertThat(ForecastFormatter.line(forecast)).isEqualTo("2000-03-15 00:00:00 SPX last "
        + "1000.0000 next 1010.0000 (+1.00%) h2 990.0000 (-1.00%) model 0123456789ab seed");
    Tick t = Tick.newBuilder().setSymbol("SPX").setTimestamp(Instant.parse("2000-01-03T00:00:00Z"))
        .setPrice(1455.22).setVolume(null).build();
    assertThat(ForecastFormatter.line(t)).isEqualTo("2000-01-03 00:00:00 SPX 1455.2200");
  }

  @Test
  void aNextStepOnlyForecastHasNoPathColumn() {
    Forecast nextOnly = Forecast.newBuilder(forecast).setPath(List.of())
        .setRollForward("carry-state").build();
    assertThat(ForecastFormatter.line(nextOnly)).isEqualTo("2000-03-15 00:00:00 SPX last "
        + "1000.0000 next 1010.0000 (+1.00%) model 0123456789ab carry-state");
  }

  @Test
  void jsonIsTheWireFormsFields() throws Exception {
    JsonNode n = new ObjectMapper().readTree(ForecastFormatter.json(forecast));
    assertThat(n.get("symbol").asText()).isEqualTo("SPX");
    assertThat(n.get("lastTickTime").asLong()).isEqualTo(953_078_400_000L); // day 11031
    assertThat(n.get("path").get(1).asDouble()).isEqualTo(990.0);
    assertThat(n.get("producedAt").asLong()).isEqualTo(42L);
  }
}
