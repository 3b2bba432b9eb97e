package io.tickcast.core.engine;

import static io.tickcast.core.engine.SupportedNetworks.Kind.DENSE;
import static io.tickcast.core.engine.SupportedNetworks.Kind.DROPOUT;
import static io.tickcast.core.engine.SupportedNetworks.Kind.LSTM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tickcast.core.engine.SupportedNetworks.Layer;
import io.tickcast.core.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link SupportedNetworks}, and that the DL4J import and the export apply them. */
class SupportedNetworksTest {
  private static Layer lstm(int n, boolean lastStep) {
    return new Layer(LSTM, n, lastStep);
  }

  private static Layer dense(int n) {
    return new Layer(DENSE, n, false);
  }

  private static int violatedAt(Layer... layers) {
    return catchThrowableOfType(SupportedNetworks.Violation.class,
        () -> SupportedNetworks.check(List.of(layers))).layer();
  }

  @Test
  void theTutorialStackIsSupported() {
    assertThatCode(() -> SupportedNetworks.check(List.of(lstm(50, false),
        new Layer(DROPOUT, 0, false), lstm(100, true), new Layer(DROPOUT, 0, false), dense(1))))
        .doesNotThrowAnyException();
  }

  @Test
  void eachRuleNamesTheLayerThatBreaksIt() {
    assertThat(catchThrowableOfType(SupportedNetworks.Violation.class,
        () -> SupportedNetworks.check(List.of())).layer()).isEqualTo(-1);
    assertThat(violatedAt(lstm(5, true), lstm(5, true), dense(1))).isEqualTo(1);
    assertThat(violatedAt(lstm(5, false), dense(1))).isEqualTo(1);
    assertThat(violatedAt(dense(3), dense(1))).isEqualTo(0);
    assertThat(violatedAt(lstm(5, true))).isEqualTo(0);
    assertThat(violatedAt(lstm(5, true), dense(2))).isEqualTo(1);
  }

  @Test
  void theImportAndTheExportApplyTheRules() {
    LstmNetwork net = Dl4jImport.weights(TestModels.tinyLstm(1, 3, 1), 1);
    assertThat(net.layers()).containsExactly(lstm(3, false), lstm(3, true), dense(1));
    LstmNetwork noDense = new LstmNetwork(1, net.lstms(), new LstmNetwork.Dense[0]);
    assertThat(catchThrowableOfType(SupportedNetworks.Violation.class,
        () -> OnnxExport.model(noDense, 5, "test")).getMessage()).contains("dense with 1 unit");
  }
}
