package io.tickcast.bench;

import io.tickcast.core.engine.ChunkScheduler;
import io.tickcast.core.engine.Dl4jImport;
import io.tickcast.core.engine.FloatMatrix;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.engine.JavaLstmSequenceModel;
import io.tickcast.core.engine.OnnxRuntimeSequenceModel;
import io.tickcast.core.engine.LstmKernel;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The benchmarked model and inputs: the tutorial's default size, random weights and windows. */
public final class BenchModels {
  /** W, ticks per window (the tutorial's 50). */
  public static final int WINDOW = 50;
  /** H, steps of the rolled-forward path (the tutorial's 50). */
  public static final int HORIZON = 50;

  /**
   * {@code {nIn, n}} of each LSTM layer of {@link #tutorialNetwork} with one feature, input side
   * first (the shapes {@link CeilingBenchmark} measures the matrix products at).
   */
  public static final int[][] LSTM_SHAPES = {{1, 50}, {50, 100}};

  private BenchModels() {}

  /**
   * FLOPs of one time step's matrix products per window: {@code Σ 2 (nIn + n) 4n} over {@link
   * #LSTM_SHAPES} (140,400; × W = 7.02 MFLOP per window; the dense layer's 200 are left out).
   */
  public static long stepFlops() {
    long f = 0;
    for (int[] s : LSTM_SHAPES) {
      f += 2L * (s[0] + s[1]) * 4 * s[1];
    }
    return f;
  }

  /**
   * LSTM 50 → dropout 0.2 → LSTM 100 (last step) → dropout 0.2 → dense 1 (linear), float, built
   * as the trainer builds it; XAVIER_UNIFORM random weights (inference cost does not depend on
   * their values).
   */
  public static MultiLayerNetwork tutorialNetwork(int features) {
    return TestModels.tutorialShaped(features, WINDOW, 42);
  }

  /**
   * A forecaster over the tutorial network (one close column, first-price normalisation).
   *
   * @param engine {@code dl4j}; {@code java} (the Java engine on its best kernel, a batch's
   *     chunks on the calling thread and {@link #HELPERS} pool workers, as the app runs it with
   *     {@code tickcast.inference.threads} = the processors); {@code java-1t} (the same on the
   *     calling thread only); {@code java-scalar}, {@code java-scalar-1t} (the same on the scalar
   *     kernel); {@code onnx}, {@code onnx-1t} (ONNX Runtime on the exported graph with as many
   *     intra-op threads as processors, or one)
   * @param variant roll-forward variant of the path
   */
  public static Forecaster forecaster(String engine, RollForward variant) {
    ForecastSpec spec = new ForecastSpec(WINDOW, 1, 0, HORIZON, Normalisation.FIRST_PRICE, variant);
    SequenceModel model;
    if (engine.equals("dl4j")) {
      model = InferenceEngine.DL4J.create(tutorialNetwork(1), 1);
    } else if (engine.startsWith("java")) {
      String kernel = engine.contains("-scalar") ? "scalar" : "auto";
      ChunkScheduler scheduler = engine.endsWith("-1t") ? ChunkScheduler.CALLER_ONLY
          : new ChunkScheduler(POOL, HELPERS);
      model = new JavaLstmSequenceModel(Dl4jImport.weights(tutorialNetwork(1), 1),
          LstmKernel.named(kernel), scheduler);
      System.out.println("# engine " + engine + ": kernel " + ((JavaLstmSequenceModel) model)
          .kernel().name() + ", " + ((JavaLstmSequenceModel) model).threads() + " threads");
    } else if (engine.equals("onnx") || engine.equals("onnx-1t")) {
      // ONNX Runtime's intra-op threads: every processor, or the calling thread only.
      int threads = engine.endsWith("-1t") ? 1 : HELPERS + 1;
      model = new OnnxRuntimeSequenceModel(Dl4jImport.weights(tutorialNetwork(1), 1), threads);
      System.out.println("# engine " + engine + ": ONNX Runtime, " + threads + " intra-op threads");
    } else {
      throw new IllegalArgumentException("unknown engine '" + engine + "'");
    }
    return new Forecaster(model, spec);
  }

  /** Helper threads of the {@code java} engines: one fewer than the processors. */
  static final int HELPERS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  private static final ExecutorService POOL = ChunkScheduler.newWorkerPool(HELPERS);

  /** {@code batch} random-walk price windows near 100 price units, shape {@code [batch][W][1]}. */
  public static double[][][] windows(int batch, long seed) {
    Random r = new Random(seed);
    double[][][] out = new double[batch][WINDOW][1];
    for (int b = 0; b < batch; b++) {
      double p = 50 + 100 * r.nextDouble();
      for (int t = 0; t < WINDOW; t++) {
        p *= 1 + 0.01 * r.nextGaussian();
        out[b][t][0] = p;
      }
    }
    return out;
  }

  /**
   * One LSTM step's matrix products at {@link #LSTM_SHAPES} through an engine kernel ({@code
   * matmulBias} with a zero bias), on random inputs: {@code [batch, in + hidden] x [in + hidden,
   * 4 hidden]} per layer.
   */
  static Runnable kernelStep(LstmKernel kernel, int batch) {
    Random r = new Random(7);
    int layers = LSTM_SHAPES.length;
    float[][][] a = new float[layers][][];
    FloatMatrix[] b = new FloatMatrix[layers];
    float[][][] c = new float[layers][][];
    float[][] bias = new float[layers][];
    for (int l = 0; l < layers; l++) {
      int k = LSTM_SHAPES[l][0] + LSTM_SHAPES[l][1];
      int n = 4 * LSTM_SHAPES[l][1];
      a[l] = random(r, batch, k);
      b[l] = FloatMatrix.of(random(r, k, n));
      c[l] = new float[batch][n];
      bias[l] = new float[n];
    }
    return () -> {
      for (int l = 0; l < layers; l++) {
        kernel.matmulBias(a[l], batch, b[l], bias[l], c[l]);
      }
    };
  }

  /** A {@code [rows, cols]} matrix of uniform values in [-0.5, 0.5). */
  static float[][] random(Random r, int rows, int cols) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = r.nextFloat() - 0.5f;
      }
    }
    return m;
  }

  /**
   * One LSTM step's matrix products at {@link #LSTM_SHAPES} through ND4J's native BLAS ({@code
   * Nd4j.gemm} on float arrays), on random inputs.
   */
  static Runnable nd4jStep(int batch) {
    int layers = LSTM_SHAPES.length;
    INDArray[] a = new INDArray[layers];
    INDArray[] b = new INDArray[layers];
    INDArray[] c = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      int k = LSTM_SHAPES[l][0] + LSTM_SHAPES[l][1];
      int n = 4 * LSTM_SHAPES[l][1];
      a[l] = Nd4j.rand(DataType.FLOAT, batch, k);
      b[l] = Nd4j.rand(DataType.FLOAT, k, n);
      c[l] = Nd4j.create(DataType.FLOAT, batch, n);
    }
    return () -> {
      for (int l = 0; l < layers; l++) {
        Nd4j.gemm(a[l], b[l], c[l], false, false, 1.0, 0.0);
      }
    };
  }
}
