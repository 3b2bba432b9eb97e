package io.tickcast.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.schemas.Forecast;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Encodes and decodes {@link Forecast}s.
 *
 * <p>JSON form: {@code {"symbol":"SPX","lastTickTime":946857600000,"lastTickPrice":1455.22,
 * "nextStep":1456.1,"path":[1456.1,...],"modelVersion":"3f2a...","rollForward":"seed",
 * "producedAt":1700000000123,"status":"ok"}}; times are epoch milliseconds, prices price units.
 * A record whose {@code status} is not {@code ok} carries {@code "nextStep":null} and an empty
 * path (NaN and empty in Java and Avro). A missing {@code status} reads as {@code ok}.
 */
public final class ForecastCodec {
  /** {@code status} of a usable forecast (and of every record written before the field existed). */
  public static final String STATUS_OK = "ok";
  /**
   * Writer schemas of earlier Forecast versions, read through Avro schema resolution: version 1
   * had no {@code status} (read as {@value #STATUS_OK}).
   */
  static final String[] SCHEMA_HISTORY = {"/io/tickcast/schemas/history/Forecast-1.avsc"};
  private static final BinaryMessageDecoder<Forecast> DECODER =
      AvroSingleObject.withHistory(Forecast.createDecoder(null), SCHEMA_HISTORY);

  private ForecastCodec() {}

  /** Whether a forecast's numbers are usable ({@code status} is {@value #STATUS_OK}). */
  public static boolean isOk(Forecast forecast) {
    return STATUS_OK.equals(forecast.getStatus());
  }

  /**
   * Writes a forecast.
   *
   * @param forecast the forecast
   * @param format wire format
   * @return the bytes
   */
  public static byte[] encode(Forecast forecast, WireFormat format) {
    if (format == WireFormat.AVRO) {
      try {
        ByteBuffer buf = Forecast.getEncoder().encode(forecast);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
      } catch (IOException e) {
        throw new IllegalStateException("cannot Avro-encode forecast for " + forecast.getSymbol(), e);
      }
    }
    ObjectNode obj = Json.MAPPER.createObjectNode();
    obj.put("symbol", forecast.getSymbol());
    obj.put("lastTickTime", forecast.getLastTickTime().toEpochMilli());
    obj.put("lastTickPrice", forecast.getLastTickPrice());
    if (Double.isFinite(forecast.getNextStep())) {
      obj.put("nextStep", forecast.getNextStep());
    } else {
      obj.putNull("nextStep");
    }
    ArrayNode path = obj.putArray("path");
    for (Double p : forecast.getPath()) {
      path.add(p);
    }
    obj.put("modelVersion", forecast.getModelVersion());
    obj.put("rollForward", forecast.getRollForward());
    obj.put("producedAt", forecast.getProducedAt().toEpochMilli());
    obj.put("status", forecast.getStatus());
    return Json.write(obj);
  }

  /**
   * Reads a forecast.
   *
   * @param bytes the record value
   * @param format wire format
   * @return the forecast
   * @throws MalformedRecordException if the bytes are not a forecast in that format
   */
  public static Forecast decode(byte[] bytes, WireFormat format) {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedRecordException("empty forecast value");
    }
    if (format == WireFormat.AVRO) {
      return AvroSingleObject.decode(DECODER, bytes, "forecast");
    }
    ObjectNode obj = Json.parseObject(bytes, "forecast");
    JsonNode pathNode = obj.get("path");
    if (pathNode == null || !pathNode.isArray()) {
      throw new MalformedRecordException("forecast JSON field 'path' must be an array of numbers");
    }
    List<Double> path = new ArrayList<>(pathNode.size());
    for (JsonNode p : pathNode) {
      if (!p.isNumber()) {
        throw new MalformedRecordException("forecast JSON field 'path' holds a non-number: " + p);
      }
      path.add(p.doubleValue());
    }
    JsonNode statusNode = obj.get("status");
    String status = statusNode == null || statusNode.isNull() ? STATUS_OK
        : Json.text(obj, "status", "forecast");
    JsonNode next = obj.get("nextStep");
    double nextStep = !STATUS_OK.equals(status) && (next == null || next.isNull()) ? Double.NaN
        : Json.number(obj, "nextStep", "forecast");
    return Forecast.newBuilder()
        .setSymbol(Json.text(obj, "symbol", "forecast"))
        .setLastTickTime(Json.time(obj, "lastTickTime", "forecast"))
        .setLastTickPrice(Json.number(obj, "lastTickPrice", "forecast"))
        .setNextStep(nextStep)
        .setPath(path)
        .setModelVersion(Json.text(obj, "modelVersion", "forecast"))
        .setRollForward(Json.text(obj, "rollForward", "forecast"))
        .setProducedAt(Json.time(obj, "producedAt", "forecast"))
        .setStatus(status)
        .build();
  }
}
