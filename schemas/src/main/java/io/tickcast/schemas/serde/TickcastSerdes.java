package io.tickcast.schemas.serde;

import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka {@link Serde}s of ticks and forecasts (keys are plain UTF-8 symbol strings). */
public final class TickcastSerdes {
  /**
   * Client configuration key read by the no-argument serializers and deserializers: {@code avro}
   * (default) or {@code json}.
   */
  public static final String WIRE_FORMAT_CONFIG = "tickcast.wire.format";

  private TickcastSerdes() {}

  /** Serde of ticks in the given format. */
  public static Serde<Tick> tick(WireFormat format) {
    return Serdes.serdeFrom(new TickSerializer(format), new TickDeserializer(format));
  }

  /** Serde of forecasts in the given format. */
  public static Serde<Forecast> forecast(WireFormat format) {
    return Serdes.serdeFrom(new ForecastSerializer(format), new ForecastDeserializer(format));
  }

  static WireFormat formatFrom(Map<String, ?> configs, WireFormat fallback) {
    Object v = configs == null ? null : configs.get(WIRE_FORMAT_CONFIG);
    if (v == null) {
      return fallback;
    }
    if (v instanceof WireFormat f) {
      return f;
    }
    try {
      return WireFormat.fromConfig(v.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(WIRE_FORMAT_CONFIG, v, e.getMessage());
    }
  }
}
