package io.tickcast.schemas.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The first Forecast schema (before {@code status} and {@code intervals}) and a record of it. */
final class ForecastV1 {
  static final Schema SCHEMA = ForecastCodec.historicSchemas().get(0);

  private ForecastV1() {}

  /** A version-1 record: SPX at 100.0, next step 101.5, path [101.5, 102.0], seed. */
  static GenericRecord record(String modelVersion) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("symbol", "SPX");
    r.put("lastTickTime", 1000L);
    r.put("lastTickPrice", 100.0);
    r.put("nextStep", 101.5);
    r.put("path", List.of(101.5, 102.0));
    r.put("modelVersion", modelVersion);
    r.put("rollForward", "seed");
    r.put("producedAt", 2000L);
    return r;
  }
}
