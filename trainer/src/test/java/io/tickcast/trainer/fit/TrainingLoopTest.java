package io.tickcast.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.series.CsvSeriesReader;
import io.tickcast.core.window.WindowSet;
import io.tickcast.core.window.Windows;
import io.tickcast.trainer.TestData;
import io.tickcast.trainer.config.ModelConfig;
import io.tickcast.trainer.config.OptimizerConfig;
import io.tickcast.trainer.config.TrainerConfig;
import io.tickcast.trainer.data.ChronologicalSplit;
import io.tickcast.trainer.data.NormalisedWindows;
import io.tickcast.trainer.network.NetworkBuilder;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
  private static final int W = 20;

  /**
   * Small stacked LSTM without dropout; RMSprop at 0.1 learns the sine within a few epochs and
   * overshoots afterwards, so the best epoch is not the last one.
   */
  private static final ModelConfig SMALL = TrainerConfig.parse("""
      {"model": {"optimizer": {"learningRate": 0.1}, "layers": [
        {"type": "lstm", "units": 8, "returnSequences": true},
        {"type": "lstm", "units": 8},
        {"type": "dense", "units": 1}]}}""").model();

  private static double[][] sine(int rows) {
    double[][] all = CsvSeriesReader.read(TestData.file("sinewave.csv"), List.of()).rows();
    return Arrays.copyOf(all, rows);
  }

  @Test
  void aShortRunLowersTheValidationLossAndKeepsTheBestEpoch() {
    double[][] series = sine(320); // 300 windows: 205 fit, 25 validation, 30 held out, 40 purged
    ChronologicalSplit split = ChronologicalSplit.of(Windows.count(series.length, W), 0.9, 0.1, W);
    WindowSet raw = Windows.slice(series, W, 0, 0, split.trainEnd());
    NormalisedWindows data = NormalisedWindows.of(raw, Normalisation.NONE, 0);
    MultiLayerNetwork net = NetworkBuilder.build(SMALL, 1, W, 1);

    TrainingHistory h = TrainingLoop.train(net, data, split, 4, 32, null, 1);

    assertThat(h.epochs()).hasSize(5);
    assertThat(h.epochsRun()).isEqualTo(4);
    // an epoch-based learning-rate schedule reads this count
    assertThat(net.getEpochCount()).isEqualTo(4);
    assertThat(h.stoppedEarly()).isFalse();
    double initial = h.epochs().get(0).validationLoss();
    double best = h.epochs().stream().skip(1).mapToDouble(EpochStats::validationLoss).min()
        .orElseThrow();
    assertThat(best).isLessThan(initial * 0.5);
    assertThat(h.best().validationLoss()).isEqualTo(best);
    // with this seed the best epoch is not the last, so its weights had to be restored
    assertThat(h.bestEpoch()).isLessThan(h.epochsRun());

    // Independently: the kept network's MSE over the validation windows, through the core
    // Forecaster in raw units (normalisation none), equals the best validation loss.
    WindowSet val = Windows.slice(series, W, 0, split.validationStart(), split.trainEnd());
    Forecaster f = new Forecaster(new Dl4jSequenceModel(net, 1),
        new ForecastSpec(W, 1, 0, 1, Normalisation.NONE, RollForward.SEED));
    double[] predicted = f.nextStep(val.inputs());
    double se = 0;
    for (int i = 0; i < predicted.length; i++) {
      se += (predicted[i] - val.targets()[i]) * (predicted[i] - val.targets()[i]);
    }
    assertThat(se / predicted.length).isCloseTo(best, within(best * 1e-4));
  }

  @Test
  void earlyStoppingEndsARunWithoutImprovement() {
    double[][] series = sine(200);
    ChronologicalSplit split = ChronologicalSplit.of(Windows.count(series.length, W), 0.9, 0.1, W);
    NormalisedWindows data = NormalisedWindows.of(
        Windows.slice(series, W, 0, 0, split.trainEnd()), Normalisation.NONE, 0);
    // learning rate 0: the weights never move, so the validation loss never gets lower
    ModelConfig frozen = SMALL.withOptimizer(new OptimizerConfig("sgd", 0.0, null, null));
    MultiLayerNetwork net = NetworkBuilder.build(frozen, 1, W, 3);
    float[] before = net.params().toFloatVector();

    TrainingHistory h = TrainingLoop.train(net, data, split, 10, 64, 2, 3);

    // epoch 1 is the first (best) trained epoch; epochs 2 and 3 do not improve: stop after 3
    assertThat(h.epochsRun()).isEqualTo(3);
    assertThat(h.stoppedEarly()).isTrue();
    assertThat(h.bestEpoch()).isEqualTo(1);
    assertThat(net.params().toFloatVector()).containsExactly(before);
  }

  @Test
  void withoutValidationTheLastEpochIsKept() {
    double[][] series = sine(150);
    ChronologicalSplit split = ChronologicalSplit.of(Windows.count(series.length, W), 0.9, 0.0, W);
    NormalisedWindows data = NormalisedWindows.of(
        Windows.slice(series, W, 0, 0, split.trainEnd()), Normalisation.NONE, 0);
    MultiLayerNetwork net = NetworkBuilder.build(SMALL, 1, W, 3);

    TrainingHistory h = TrainingLoop.train(net, data, split, 2, 64, null, 3);

    assertThat(h.bestEpoch()).isEqualTo(2);
    assertThat(h.epochs().get(2).validationLoss()).isNaN();
    assertThat(h.epochs().get(2).trainLoss()).isFinite();
  }
}
