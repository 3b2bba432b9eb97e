package io.tickcast.schemas.serde;

import io.tickcast.schemas.ModelRecord;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes {@link ModelRecord}s, the values of the models topic, in Avro single-object
 * encoding only (the files are binary; there is no JSON form).
 */
public final class ModelRecordCodec {
  private ModelRecordCodec() {}

  /**
   * Writes a model record.
   *
   * @param record the record
   * @return {@code C3 01}, the schema fingerprint, then the Avro binary body
   */
  public static byte[] encode(ModelRecord record) {
    try {
      ByteBuffer buf = ModelRecord.getEncoder().encode(record);
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot Avro-encode model record " + record.getName(), e);
    }
  }

  /**
   * Reads a model record (not validated beyond its schema).
   *
   * @param bytes the record value
   * @return the record
   * @throws MalformedRecordException if the bytes are empty, not single-object encoded, carry an
   *     unknown schema fingerprint or a truncated body
   */
  public static ModelRecord decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedRecordException("empty model record value");
    }
    return AvroSingleObject.decode(ModelRecord.getDecoder(), bytes, "model record");
  }
}
