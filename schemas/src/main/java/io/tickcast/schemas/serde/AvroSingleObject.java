package io.tickcast.schemas.serde;

import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.ModelFile;
import io.tickcast.schemas.ModelRecord;
import io.tickcast.schemas.PredictionInterval;
import io.tickcast.schemas.Tick;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.util.ClassSecurityValidator;

/** Decoding of Avro single-object encoded bytes with errors turned into {@link MalformedRecordException}. */
final class AvroSingleObject {
  static {
    // Avro 1.12 only instantiates record classes it trusts; add exactly ours to whatever the
    // application (or the org.apache.avro.SERIALIZABLE_* system properties) already trusts.
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        ClassSecurityValidator.getGlobal(),
        ClassSecurityValidator.builder().add(Tick.class).add(Forecast.class)
            .add(ModelRecord.class).add(ModelFile.class).add(PredictionInterval.class).build()));
  }

  private AvroSingleObject() {}

  /**
   * Teaches a decoder the earlier writer schemas of its record, so that records written before a
   * field was added still decode (Avro resolves them to the current schema, filling defaults).
   *
   * @param decoder the record's decoder
   * @param resources class-path resources of the earlier schemas ({@code .avsc})
   * @return the decoder
   * @throws IllegalStateException if a resource is missing or not a schema (a build error)
   */
  static <T> BinaryMessageDecoder<T> withHistory(BinaryMessageDecoder<T> decoder,
      String... resources) {
    for (String r : resources) {
      try (InputStream in = AvroSingleObject.class.getResourceAsStream(r)) {
        if (in == null) {
          throw new IllegalStateException("schema resource " + r + " is missing");
        }
        decoder.addSchema(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read schema resource " + r, e);
      }
    }
    return decoder;
  }

  static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] bytes, String what) {
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException e) {
      throw new MalformedRecordException(what + " is not Avro single-object encoded (expected"
          + " header C3 01): " + e.getMessage(), e);
    } catch (MissingSchemaException e) {
      throw new MalformedRecordException(what + " was written with an unknown Avro schema: "
          + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordException(what + " Avro body cannot be decoded: " + e, e);
    }
  }
}
