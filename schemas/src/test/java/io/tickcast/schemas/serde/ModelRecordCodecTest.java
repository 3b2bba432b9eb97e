package io.tickcast.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickcast.schemas.ModelFile;
import io.tickcast.schemas.ModelRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class ModelRecordCodecTest {
  private static final ModelRecord RECORD = ModelRecord.newBuilder()
      .setName("sp500").setModelVersion("ab".repeat(32))
      .setPublishedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setAction("publish")
      .setSource(null)
      .setFiles(List.of(ModelFile.newBuilder().setName("model.zip").setSize(3)
          .setSha256("00".repeat(32)).setContent(ByteBuffer.wrap(new byte[] {1, 2, 3})).build()))
      .build();

  @Test
  void roundTripsWithTheSingleObjectHeaderOfItsSchema() {
    byte[] bytes = ModelRecordCodec.encode(RECORD);
    byte[] header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3).put((byte) 0x01)
        .putLong(SchemaNormalization.parsingFingerprint64(ModelRecord.getClassSchema())).array();
    assertThat(Arrays.copyOf(bytes, 10)).isEqualTo(header);
    ModelRecord back = ModelRecordCodec.decode(bytes);
    assertThat(back).isEqualTo(RECORD);
    assertThat(back.getFiles().get(0).getContent().remaining()).isEqualTo(3);
  }

  @Test
  void undecodableBytesAreMalformed() {
    byte[] bytes = ModelRecordCodec.encode(RECORD);
    assertThatThrownBy(() -> ModelRecordCodec.decode(new byte[0]))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> ModelRecordCodec.decode("not avro".getBytes()))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("C3 01");
    assertThatThrownBy(() -> ModelRecordCodec.decode(Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(MalformedRecordException.class).hasMessageContaining("cannot be decoded");
  }
}
