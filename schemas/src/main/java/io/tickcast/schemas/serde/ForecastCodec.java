package io.tickcast.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Encodes and decodes {@link Forecast}s.
 *
 * <p>JSON form: {@code {"symbol":"SPX","lastTickTime":946857600000,"lastTickPrice":1455.22,
 * "nextStep":1456.1,"path":[1456.1,...],"modelVersion":"3f2a...","rollForward":"seed",
 * "producedAt":1700000000123,"status":"ok","intervals":[{"level":0.8,"nextLower":1450.2,
 * "nextUpper":1462.0,"pathLower":[...],"pathUpper":[...]}]}}; times are epoch milliseconds, prices
 * price units. A record whose {@code status} is not {@code ok} carries {@code "nextStep":null} and
 * an empty path (NaN and empty in Java and Avro); a missing {@code status} reads as {@code ok}.
 * {@code intervals} is left out when null and a missing one reads as null ({@link #intervals}
 * gives an empty list for it); unknown fields are ignored.
 *
 * <p>Avro single-object records carry their writer schema's fingerprint: the decoder resolves
 * records written with the current schema and with every earlier one ({@link #HISTORY}), filling
 * new fields with their defaults (a record from before {@code status} and {@code intervals}
 * existed reads as {@code ok} with no intervals).
 */
public final class ForecastCodec {
  /** {@code status} of a usable forecast (and of every record written before the field existed). */
  public static final String STATUS_OK = "ok";
  /**
   * Earlier Forecast schemas, as resources of this module, oldest first: records written with
   * them still decode. A schema change adds the schema it replaces here. Version 1 had neither
   * {@code status} nor {@code intervals}.
   */
  public static final List<String> HISTORY = List.of("/io/tickcast/schemas/history/Forecast-1.avsc");

  private static final BinaryMessageDecoder<Forecast> DECODER =
      AvroSingleObject.withHistory(Forecast.createDecoder(null), HISTORY.toArray(String[]::new));

  private ForecastCodec() {}

  /** The earlier schemas of {@link #HISTORY}, parsed. */
  public static List<Schema> historicSchemas() {
    List<Schema> out = new ArrayList<>(HISTORY.size());
    for (String resource : HISTORY) {
      try (InputStream in = ForecastCodec.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("schema resource " + resource + " is missing");
        }
        out.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema resource " + resource, e);
      }
    }
    return List.copyOf(out);
  }

  /** Whether a forecast's numbers are usable ({@code status} is {@value #STATUS_OK}). */
  public static boolean isOk(Forecast forecast) {
    return STATUS_OK.equals(forecast.getStatus());
  }

  /**
   * A forecast's prediction intervals, never null: empty when it has none (the field is null in
   * records written before it existed, and may be null or empty for models without intervals).
   */
  public static List<PredictionInterval> intervals(Forecast forecast) {
    List<PredictionInterval> i = forecast.getIntervals();
    return i == null ? List.of() : i;
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
    // Null (no intervals, or a record from before them) is left out, as the first version wrote.
    ArrayNode intervals = forecast.getIntervals() == null ? obj.arrayNode()
        : obj.putArray("intervals");
    for (PredictionInterval i : intervals(forecast)) {
      ObjectNode o = intervals.addObject();
      o.put("level", i.getLevel());
      o.put("nextLower", i.getNextLower());
      o.put("nextUpper", i.getNextUpper());
      ArrayNode lo = o.putArray("pathLower");
      i.getPathLower().forEach(lo::add);
      ArrayNode hi = o.putArray("pathUpper");
      i.getPathUpper().forEach(hi::add);
    }
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
    List<Double> path = numbers(obj, "path", "forecast");
    List<PredictionInterval> intervals = null;
    JsonNode iv = obj.get("intervals");
    if (iv != null && !iv.isNull()) {
      intervals = new ArrayList<>(iv.size());
      if (!iv.isArray()) {
        throw new MalformedRecordException("forecast JSON field 'intervals' must be an array of"
            + " objects");
      }
      for (JsonNode n : iv) {
        if (!(n instanceof ObjectNode o)) {
          throw new MalformedRecordException("forecast JSON field 'intervals' holds a non-object: "
              + n);
        }
        String what = "forecast interval";
        intervals.add(PredictionInterval.newBuilder()
            .setLevel(Json.number(o, "level", what))
            .setNextLower(Json.number(o, "nextLower", what))
            .setNextUpper(Json.number(o, "nextUpper", what))
            .setPathLower(numbers(o, "pathLower", what))
            .setPathUpper(numbers(o, "pathUpper", what))
            .build());
      }
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
        .setIntervals(intervals)
        .build();
  }

  private static List<Double> numbers(ObjectNode obj, String field, String what) {
    JsonNode node = obj.get(field);
    if (node == null || !node.isArray()) {
      throw new MalformedRecordException(what + " JSON field '" + field
          + "' must be an array of numbers");
    }
    List<Double> out = new ArrayList<>(node.size());
    for (JsonNode p : node) {
      if (!p.isNumber()) {
        throw new MalformedRecordException(what + " JSON field '" + field
            + "' holds a non-number: " + p);
      }
      out.add(p.doubleValue());
    }
    return out;
  }
}
