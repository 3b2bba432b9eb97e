package io.tickcast.streams.topology;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.nio.file.Path;
import java.util.List;

/** Model artifacts for stream tests, built from core's {@link TestModels}. */
final class Models {
  private Models() {}

  /**
   * A hand-built network whose normalised output is {@code x_last + bias}: with {@code none}
   * normalisation the next-step forecast is {@code p_last + bias}; with {@code first-price} it is
   * {@code p_last + bias * p_0}.
   */
  static ModelMetadata lastValuePlus(Path dir, int w, int h, Normalisation norm, RollForward rf,
      double bias) {
    return TestModels.save(dir, TestModels.lastValuePlus(new double[] {1.0}, bias), w, h,
        List.of("close"), "close", norm, rf);
  }

  /** Like {@link #lastValuePlus} over columns {@code close, volume}, ignoring volume. */
  static ModelMetadata lastValuePlusWithVolume(Path dir, int w, int h, Normalisation norm,
      double bias) {
    return TestModels.save(dir, TestModels.lastValuePlus(new double[] {1.0, 0.0}, bias), w, h,
        List.of("close", "volume"), "close", norm, RollForward.SEED);
  }

  /** A random LSTM 4 → LSTM 4 → dense 1 over one {@code close} column. */
  static ModelMetadata tinyLstm(Path dir, int w, int h, Normalisation norm, RollForward rf,
      long seed) {
    return TestModels.saveTinyLstm(dir, w, h, norm, rf, seed);
  }
}
