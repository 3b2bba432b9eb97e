package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.testing.TestModels;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * {@code auto} by measurement: every engine that can run the network is timed and the choice is
 * one of them, with the figures in the log line. Which engine wins is the machine's business,
 * not asserted here (benchmarks measure speed).
 */
class EngineChoiceTest {

  @Test
  void timesEveryAvailableEngineAndPicksOneOfThem() {
    MultiLayerNetwork net = TestModels.tinyLstm(2, 6, 3);
    EngineChoice choice = EngineChoice.measure(net, 2, 12, 16, ChunkScheduler.CALLER_ONLY);

    assertThat(choice.windowsPerSecond().keySet()).containsExactly(
        InferenceEngine.JAVA, InferenceEngine.ONNX, InferenceEngine.DL4J);
    assertThat(choice.windowsPerSecond().values()).allSatisfy(r -> assertThat(r).isPositive());
    assertThat(choice.windowsPerSecond()).containsKey(choice.engine());
    // The fastest by the figures it reports.
    double best = choice.windowsPerSecond().values().stream().mapToDouble(d -> d).max().orElseThrow();
    assertThat(choice.windowsPerSecond().get(choice.engine())).isEqualTo(best);
    assertThat(choice.describe()).startsWith("chose " + choice.engine().configName())
        .contains("batch 16", "W 12", "java ", "onnx ", "dl4j ");
    assertThat(InferenceEngine.AUTO.choose(net, 2, 12, 16, ChunkScheduler.CALLER_ONLY))
        .isIn(InferenceEngine.JAVA, InferenceEngine.ONNX, InferenceEngine.DL4J);
    assertThat(InferenceEngine.JAVA.choose(net, 2, 12, 16, ChunkScheduler.CALLER_ONLY))
        .isEqualTo(InferenceEngine.JAVA);
  }

  @Test
  void aNetworkOnlyDl4jRunsIsServedByDl4j() {
    MultiLayerNetwork rnn = TestModels.lastValuePlus(new double[] {1}, 0);
    EngineChoice choice = EngineChoice.measure(rnn, 1, 5, 4, ChunkScheduler.CALLER_ONLY);
    assertThat(choice.windowsPerSecond().keySet()).containsExactly(InferenceEngine.DL4J);
    assertThat(choice.engine()).isEqualTo(InferenceEngine.DL4J);
  }
}
