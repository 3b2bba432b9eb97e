package io.tickcast.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Holds {@link JavaLstmSequenceModel} to DL4J's outputs ({@link Dl4jSequenceModel}, the
 * reference) within 1e-5 in normalised space, for next step and every roll-forward variant of the
 * H-step path (carry-state: the engine's incremental state against DL4J on the growing
 * sequences), on fixture networks with random weights (biases included, so the gate order of the
 * bias vector is checked too) and random-walk windows.
 */
class JavaLstmParityTest {
  private static final double TOLERANCE = 1e-5;
  /**
   * Both kernels; the vector one must be available (the build's surefire/failsafe argLine adds
   * {@code --add-modules jdk.incubator.vector}).
   */
  static final List<LstmKernel> KERNELS = List.of(LstmKernel.scalar(), LstmKernel.named("vector"));

  /** The tutorial's shape (TestModels) with randomised weights and biases. */
  static MultiLayerNetwork tutorialShaped(int features, int window, long seed) {
    MultiLayerNetwork net = TestModels.tutorialShaped(features, window, seed);
    randomise(net, 0.25, seed);
    return net;
  }

  /** Replaces every parameter (weights and biases) with uniform values in {@code [-a, a]}. */
  static void randomise(MultiLayerNetwork net, double a, long seed) {
    Random r = new Random(seed);
    INDArray p = net.params();
    double[] v = new double[(int) p.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (2 * r.nextDouble() - 1) * a;
    }
    net.setParams(Nd4j.create(v, new long[] {1, v.length}).castTo(p.dataType()));
  }

  /** Random walks: column 0 a price near 100 (1% steps), further columns volumes near 1000. */
  static double[][][] windows(int batch, int w, int features, long seed) {
    Random r = new Random(seed);
    double[][][] out = new double[batch][w][features];
    for (int b = 0; b < batch; b++) {
      double p = 50 + 100 * r.nextDouble();
      for (int t = 0; t < w; t++) {
        p *= 1 + 0.01 * r.nextGaussian();
        out[b][t][0] = p;
        for (int c = 1; c < features; c++) {
          out[b][t][c] = 1000 * (1 + 0.3 * r.nextDouble());
        }
      }
    }
    return out;
  }

  @Test
  void tinyLstmMatchesDl4j() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 7);
    randomise(net, 0.8, 7);
    assertParity(net, 1, 12, 10, 19, 11);
  }

  @Test
  void tutorialShapedNetworkMatchesDl4j() {
    assertParity(tutorialShaped(1, 50, 42), 1, 50, 50, 11, 12);
  }

  @Test
  void twoFeatureNetworkMatchesDl4j() {
    MultiLayerNetwork net = TestModels.tinyLstm(2, 6, 3);
    randomise(net, 0.6, 3);
    assertParity(net, 2, 20, 15, 17, 13);
  }

  @Test
  void doublePrecisionNetworkMatchesDl4jToFloatPrecision() {
    MultiLayerNetwork net = TestModels.tinyLstm(2, 6, 5).convertDataType(DataType.DOUBLE);
    randomise(net, 0.6, 5);
    SequenceModel dl4j = new Dl4jSequenceModel(net, 2);
    double[][][] x = normalised(windows(9, 20, 2, 5));
    for (LstmKernel kernel : KERNELS) {
      SequenceModel fast = java(net, 2).withKernel(kernel);
      // DL4J in double is exact to ~1e-15 here; the Java engine's float matrix products (as
      // DL4J's float networks) leave ~1e-7, well inside the parity tolerance.
      assertThat(maxAbsDiff(dl4j.predict(x), fast.predict(x))).as(kernel.name()).isLessThan(1e-6);
      assertThat(maxAbsDiff(dl4j.predict(x), fast.predict(FloatWindows.of(x))))
          .as(kernel.name() + " flat").isLessThan(1e-6);
    }
    // DL4J in double reads the flat buffer's float-rounded values: within float rounding.
    assertThat(maxAbsDiff(dl4j.predict(x), dl4j.predict(FloatWindows.of(x)))).isLessThan(1e-6);
    assertThat(dl4j.computesInFloat()).isFalse();
    assertThat(java(net, 2).computesInFloat()).isTrue();
  }

  @Test
  void chunkingDoesNotMixWindowsAndCopiesAreIndependent() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    randomise(net, 0.8, 9);
    JavaLstmSequenceModel model = java(net, 1);
    double[][][] x = normalised(windows(JavaLstmSequenceModel.CHUNK * 2 + 3, 12, 1, 9));
    double[] batched = model.predict(x);
    SequenceModel copy = model.copy();
    for (int b = 0; b < x.length; b++) {
      double single = copy.predict(new double[][][] {x[b]})[0];
      assertThat(batched[b]).isEqualTo(single);
    }
    assertThat(model.predict(new double[0][][])).isEmpty();
    assertThat(model.predict(FloatWindows.empty())).isEmpty();
    assertThat(model.predict(FloatWindows.of(x))).containsExactly(batched);
    assertThatThrownBy(() -> model.predict(FloatWindows.of(normalised(windows(2, 12, 2, 9)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
  }

  @Test
  void helperThreadsChangeNeitherNextStepNorPaths() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    randomise(net, 0.8, 9);
    ExecutorService pool = ChunkScheduler.newWorkerPool(3);
    try {
      JavaLstmSequenceModel one = java(net, 1);
      JavaLstmSequenceModel four = one.withScheduler(new ChunkScheduler(pool, 3));
      double[][][] x = normalised(windows(JavaLstmSequenceModel.CHUNK * 5 + 1, 12, 1, 9));
      // Each chunk is computed the same way on whichever thread takes it: bit-identical results.
      assertThat(four.predict(x)).containsExactly(one.predict(x));
      double[][] a = one.predictCarryingState(x, 7, 0);
      double[][] b = four.predictCarryingState(x, 7, 0);
      for (int i = 0; i < x.length; i++) {
        assertThat(b[i]).containsExactly(a[i]);
      }
      assertThat(one.threads()).isEqualTo(1);
      assertThat(((JavaLstmSequenceModel) four.copy()).threads()).isEqualTo(4);
      assertThatThrownBy(() -> new ChunkScheduler(pool, -1))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void helpersRunOnTheInjectedExecutorOnly() {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    AtomicInteger tasks = new AtomicInteger();
    Executor recording = r -> {
      tasks.incrementAndGet();
      new Thread(r, "injected-helper").start();
    };
    JavaLstmSequenceModel model = java(net, 1).withScheduler(new ChunkScheduler(recording, 2));
    model.predict(normalised(windows(JavaLstmSequenceModel.CHUNK * 4, 12, 1, 9)));
    assertThat(tasks.get()).isEqualTo(2);
    // One chunk only: no helper is asked for.
    model.predict(normalised(windows(JavaLstmSequenceModel.CHUNK, 12, 1, 9)));
    assertThat(tasks.get()).isEqualTo(2);
    assertThat(java(net, 1).threads()).isEqualTo(1);
  }

  @Test
  void copiesRunAtOnceAndAnInterruptNeitherFailsABatchNorIsLost() throws Exception {
    MultiLayerNetwork net = TestModels.tinyLstm(1, 4, 9);
    randomise(net, 0.8, 9);
    ExecutorService workers = ChunkScheduler.newWorkerPool(2);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      JavaLstmSequenceModel model = java(net, 1).withScheduler(new ChunkScheduler(workers, 2));
      double[][][] x = normalised(windows(JavaLstmSequenceModel.CHUNK * 6 + 5, 12, 1, 9));
      double[] expected = java(net, 1).predict(x);
      // Two copies on two threads at once share the worker pool.
      var a = pool.submit(() -> model.copy().predict(x));
      var b = pool.submit(() -> model.copy().predict(x));
      assertThat(a.get()).containsExactly(expected);
      assertThat(b.get()).containsExactly(expected);
      Thread.currentThread().interrupt();
      try {
        assertThat(model.predict(x)).containsExactly(expected);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    } finally {
      pool.shutdownNow();
      workers.shutdownNow();
    }
  }

  @Test
  void carryingStateRejectsBadHorizonAndTarget() {
    JavaLstmSequenceModel model = java(TestModels.tinyLstm(1, 4, 9), 1);
    double[][][] x = normalised(windows(2, 12, 1, 9));
    assertThatThrownBy(() -> model.predictCarryingState(x, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
    assertThatThrownBy(() -> model.predictCarryingState(x, 3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target column");
  }

  @Test
  void unsupportedLayersAreRejectedAtConstruction() {
    assertThatThrownBy(() -> java(TestModels.lastValuePlus(new double[] {1}, 0), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SimpleRnn");
    MultiLayerNetwork graves = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
        .layer(new LastTimeStep(new GravesLSTM.Builder().nIn(1).nOut(3).build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
            .activation(Activation.IDENTITY).build())
        .build());
    graves.init();
    assertThatThrownBy(() -> java(graves, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GravesLSTM");
    assertThatThrownBy(() -> Dl4jImport.check(graves, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GravesLSTM");
    MultiLayerNetwork twoOutputs = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
        .layer(new LastTimeStep(new LSTM.Builder().nIn(1).nOut(3).build()))
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
            .activation(Activation.IDENTITY).build())
        .build());
    twoOutputs.init();
    assertThatThrownBy(() -> java(twoOutputs, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outputs 2 values");
  }

  private static void assertParity(
      MultiLayerNetwork net, int features, int w, int horizon, int batch, long seed) {
    double[][][] raw = windows(batch, w, features, seed);
    double[][][] x = normalised(raw);
    for (RollForward variant : RollForward.values()) {
      ForecastSpec spec = new ForecastSpec(w, features, 0, horizon, Normalisation.FIRST_PRICE, variant);
      Forecaster dl4j = new Forecaster(new Dl4jSequenceModel(net.clone(), features), spec);
      double[] reference = dl4j.model().predict(x);
      // DL4J's flat entry point (float network: the same float inputs) against its double one.
      assertThat(maxAbsDiff(reference, dl4j.model().predict(FloatWindows.of(x))))
          .as("dl4j flat next step").isLessThanOrEqualTo(1e-7);
      PathForecast[] a = dl4j.forecast(raw);
      for (LstmKernel kernel : KERNELS) {
        JavaLstmSequenceModel model = java(net, features).withKernel(kernel);
        Forecaster fast = new Forecaster(model, spec);
        double nextDiff = maxAbsDiff(reference, fast.model().predict(x));
        assertThat(nextDiff).as(kernel.name() + " next step, normalised")
            .isLessThanOrEqualTo(TOLERANCE);
        // The flat float entry point: the same float inputs, so the same arithmetic bit for bit.
        double[] flatNext = model.predict(FloatWindows.of(x));
        assertThat(flatNext).as(kernel.name() + " flat next step").containsExactly(model.predict(x));
        assertThat(maxAbsDiff(reference, flatNext)).as(kernel.name() + " flat next step vs DL4J")
            .isLessThanOrEqualTo(TOLERANCE);
        double[] fastPrices = fast.nextStep(raw);
        double[] dl4jPrices = dl4j.nextStep(raw);
        for (int i = 0; i < batch; i++) {
          // The forecaster's next step feeds the flat buffer; p = p0 (n + 1) as below.
          assertThat(Math.abs(fastPrices[i] - dl4jPrices[i]) / raw[i][0][0])
              .as(kernel.name() + " forecaster next step (flat) vs DL4J")
              .isLessThanOrEqualTo(TOLERANCE);
        }
        PathForecast[] b = fast.forecast(raw);
        double pathDiff = 0;
        for (int i = 0; i < batch; i++) {
          double p0 = raw[i][0][0];
          assertThat(b[i].path()).hasSize(horizon);
          for (int h = 0; h < horizon; h++) {
            // p = p0 (n + 1), so a price difference over p0 is the normalised difference.
            pathDiff = Math.max(pathDiff, Math.abs(a[i].path()[h] - b[i].path()[h]) / p0);
          }
        }
        System.out.printf("parity %s %s F=%d W=%d H=%d batch=%d %s: next-step %.3g, path %.3g%n",
            kernel.name(), Arrays.toString(model.lstmUnits()), features, w, horizon, batch,
            variant.configName(), nextDiff, pathDiff);
        assertThat(pathDiff).as(kernel.name() + " " + variant + " path, normalised")
            .isLessThanOrEqualTo(TOLERANCE);
      }
    }
  }

  /** The Java engine over the network's imported weights, on the best kernel, caller only. */
  static JavaLstmSequenceModel java(MultiLayerNetwork net, int features) {
    return new JavaLstmSequenceModel(Dl4jImport.weights(net, features));
  }

  static double[][][] normalised(double[][][] raw) {
    double[][][] out = new double[raw.length][][];
    for (int b = 0; b < raw.length; b++) {
      out[b] = Normalisation.FIRST_PRICE.apply(raw[b]);
    }
    return out;
  }

  static double maxAbsDiff(double[] a, double[] b) {
    assertThat(b).hasSameSizeAs(a);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
