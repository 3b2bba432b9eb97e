package io.tickcast.core.engine;

import io.tickcast.core.model.SequenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pure-Java inference engine for the networks Tickcast trains: stacked DL4J {@link LSTM} layers
 * (the last wrapped in {@link LastTimeStep}), optional {@link DropoutLayer}s (no-ops at
 * inference), then dense layers ending in one output. Weights are copied out of a DL4J {@link
 * MultiLayerNetwork} once; the LSTM layers run in {@code float} (as DL4J's float networks do, and
 * twice as wide per SIMD instruction as {@code double}) with rational tanh/sigmoid approximations
 * that vectorise, the dense layers in {@code double}. DL4J stays the trainer and the reference,
 * and a parity suite holds this engine to its outputs.
 *
 * <p>DL4J's LSTM ({@code LSTMHelpers.activateHelper}, 1.0.0-M2.1): with input weights {@code W}
 * {@code [nIn, 4n]}, recurrent weights {@code RW} {@code [n, 4n]} (GravesLSTM appends 3 peephole
 * columns, not used by {@code LSTM}) and bias {@code b} {@code [1, 4n]}, the pre-activations
 * {@code z = x·W + h·RW + b} are split into four blocks of {@code n} in the order cell input
 * {@code g = act(z[0,n))}, forget {@code f = gate(z[n,2n))}, output {@code o = gate(z[2n,3n))},
 * input gate {@code i = gate(z[3n,4n))}; then {@code c = f⊙c + i⊙g} and {@code h = o⊙act(c)}, with
 * {@code act} the layer's activation (tanh) and {@code gate} its gate activation (sigmoid).
 *
 * <p>The batch is processed in chunks of {@value #CHUNK} windows, all layers advancing one time
 * step together, so that each weight row is loaded once per chunk and the working set stays in
 * cache; the inner loops are GEMM-shaped (rows of the concatenated {@code [W; RW]} scaled by the
 * concatenated {@code [x, h]} and summed) and written so that the JIT vectorises them. A batch of
 * several chunks is spread over up to {@link #threads()} threads ({@link #withThreads}).
 *
 * <p>One call at a time per instance (it reuses scratch buffers); {@link #copy()} shares the
 * immutable weights and makes new buffers for another caller thread.
 */
public final class JavaLstmSequenceModel implements SequenceModel {
  /** Windows processed together; chosen so that a chunk's gate buffers fit in L1 (8 × 4n). */
  static final int CHUNK = 8;

  private final Weights weights;
  private final int threads;
  private final Scratch scratch;
  /** Each pool worker's buffers for this instance, made on its first chunk and kept. */
  private final ThreadLocal<Scratch> workerScratch;

  /**
   * Copies the weights of a DL4J network.
   *
   * @param network an initialised network: one or more {@link LSTM} layers (NCW, activation and
   *     gate activation among identity, tanh, sigmoid, relu), the last one wrapped in {@link
   *     LastTimeStep}, then dense / output layers ending in exactly one output; {@link
   *     DropoutLayer}s anywhere; layer dropout is ignored (inference)
   * @param features F, input channels of the first LSTM
   * @throws IllegalArgumentException if a layer type or activation is not supported, the layers
   *     are in an unsupported order, or sizes do not chain (the message names the layer)
   */
  public JavaLstmSequenceModel(MultiLayerNetwork network, int features) {
    this(Weights.of(network, features), Runtime.getRuntime().availableProcessors());
  }

  private JavaLstmSequenceModel(Weights weights, int threads) {
    this.weights = weights;
    this.threads = threads;
    this.scratch = new Scratch(weights);
    this.workerScratch = ThreadLocal.withInitial(() -> new Scratch(weights));
  }

  /**
   * The same model using at most {@code threads} threads per call (the caller's and {@code
   * threads − 1} pool workers); 1 keeps every call on the caller's thread. The default is the
   * number of processors.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public JavaLstmSequenceModel withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    return new JavaLstmSequenceModel(weights, threads);
  }

  /** The most threads one call uses. */
  public int threads() {
    return threads;
  }

  @Override
  public int inputFeatures() {
    return weights.features;
  }

  @Override
  public SequenceModel copy() {
    return new JavaLstmSequenceModel(weights, threads);
  }

  /** The LSTM layer sizes n, input side first (for descriptions and tests). */
  public int[] lstmUnits() {
    int[] out = new int[weights.lstms.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weights.lstms[i].n;
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a window is empty or its rows are not {@code F} wide
   */
  @Override
  public double[] predict(double[][][] normalisedWindows) {
    checkWindows(normalisedWindows);
    double[] out = new double[normalisedWindows.length];
    forEachChunk(normalisedWindows.length, (from, rows, s) -> {
      runWindow(normalisedWindows, from, rows, s);
      readout(s, rows, out, from);
    });
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Incremental: the window is run once, then each step feeds one row through the carried
   * state, W + H − 1 LSTM steps in all instead of the growing sequences' H·W + H(H − 1)/2.
   *
   * @throws IllegalArgumentException if a window is empty, its rows are not {@code F} wide, the
   *     horizon is below 1 or the target column is out of range
   */
  @Override
  public double[][] predictCarryingState(
      double[][][] normalisedWindows, int horizon, int targetColumn) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    if (targetColumn < 0 || targetColumn >= weights.features) {
      throw new IllegalArgumentException("target column " + targetColumn + " is outside the "
          + weights.features + " features");
    }
    checkWindows(normalisedWindows);
    double[][] out = new double[normalisedWindows.length][horizon];
    forEachChunk(normalisedWindows.length, (from, rows, s) -> {
      runWindow(normalisedWindows, from, rows, s);
      double[] y = new double[rows];
      readout(s, rows, y, 0);
      int last = normalisedWindows[from].length - 1;
      for (int h = 0; ; h++) {
        for (int b = 0; b < rows; b++) {
          out[from + b][h] = y[b];
        }
        if (h + 1 == horizon) {
          return;
        }
        for (int b = 0; b < rows; b++) {
          // The fed-back row: the last observed row with the prediction as its target column.
          setInput(s, b, normalisedWindows[from + b][last]);
          s.in[0][b][targetColumn] = (float) y[b];
        }
        step(s, rows);
        readout(s, rows, y, 0);
      }
    });
    return out;
  }

  /** Work on the chunk of windows {@code [from, from + rows)} with a scratch of its own. */
  @FunctionalInterface
  private interface ChunkWork {
    void run(int from, int rows, Scratch scratch);
  }

  /**
   * Runs {@code work} on every chunk of a batch: on the calling thread alone, or, when the batch
   * has several chunks and this model may use more threads, on the calling thread together with
   * up to {@code threads − 1} workers of a shared pool, each taking the next chunk until none is
   * left (so a core busy with other work simply takes fewer chunks). Returns when every chunk is
   * done; rethrows the first failure.
   */
  private void forEachChunk(int batch, ChunkWork work) {
    int chunks = (batch + CHUNK - 1) / CHUNK;
    int helpers = Math.min(threads, chunks) - 1;
    if (helpers <= 0) {
      for (int from = 0; from < batch; from += CHUNK) {
        work.run(from, Math.min(CHUNK, batch - from), scratch);
      }
      return;
    }
    ChunkQueue queue = new ChunkQueue(batch, work);
    for (int i = 0; i < helpers; i++) {
      Workers.POOL.execute(() -> queue.drain(workerScratch::get));
    }
    queue.drain(() -> scratch);
    queue.awaitAll();
  }

  /** The chunks of one batch, taken in order by whichever thread is free. */
  private static final class ChunkQueue {
    private final int batch;
    private final int chunks;
    private final ChunkWork work;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ChunkQueue(int batch, ChunkWork work) {
      this.batch = batch;
      this.chunks = (batch + CHUNK - 1) / CHUNK;
      this.work = work;
      this.done = new CountDownLatch(chunks);
    }

    /** Takes chunks until none is left; the scratch is made only if a chunk is taken. */
    void drain(Supplier<Scratch> scratch) {
      Scratch own = null;
      for (int c; (c = next.getAndIncrement()) < chunks; ) {
        try {
          own = own == null ? scratch.get() : own;
          int from = c * CHUNK;
          work.run(from, Math.min(CHUNK, batch - from), own);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    }

    /**
     * Waits for the chunks other threads took, uninterruptibly (they finish within one chunk's
     * time; an interrupt is kept for the caller, as a serial batch would leave it); rethrows the
     * first failure.
     */
    void awaitAll() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable e = failure.get();
      if (e instanceof RuntimeException r) {
        throw r;
      }
      if (e instanceof Error err) {
        throw err;
      }
      if (e != null) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Daemon threads shared by every instance, one fewer than the processors. */
  private static final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService POOL = Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
          Thread t = new Thread(r, "tickcast-inference-" + COUNT.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private void checkWindows(double[][][] windows) {
    int f = weights.features;
    for (int b = 0; b < windows.length; b++) {
      double[][] w = windows[b];
      if (w.length == 0) {
        throw new IllegalArgumentException("window " + b + " has no time steps");
      }
      int first = b - b % CHUNK;
      if (w.length != windows[first].length) {
        throw new IllegalArgumentException("window " + b + " has " + w.length
            + " time steps, window " + first + " has " + windows[first].length);
      }
      for (int t = 0; t < w.length; t++) {
        if (w[t].length != f) {
          throw new IllegalArgumentException("window " + b + " step " + t + " has "
              + w[t].length + " features, the model takes " + f);
        }
      }
    }
  }

  /** Runs the chunk's windows from zero state; the state is left in {@code s}. */
  private void runWindow(double[][][] windows, int from, int rows, Scratch s) {
    for (int l = 0; l < weights.lstms.length; l++) {
      for (int b = 0; b < rows; b++) {
        java.util.Arrays.fill(s.in[l][b], 0.0f);
        java.util.Arrays.fill(s.cell[l][b], 0.0f);
      }
    }
    int steps = windows[from].length;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < rows; b++) {
        setInput(s, b, windows[from + b][t]);
      }
      step(s, rows);
    }
  }

  private void setInput(Scratch s, int b, double[] x) {
    float[] row = s.in[0][b];
    for (int c = 0; c < x.length; c++) {
      row[c] = (float) x[c];
    }
  }

  /** One time step of every LSTM layer for the chunk's rows, all layers advancing together. */
  private void step(Scratch s, int rows) {
    Lstm[] lstms = weights.lstms;
    for (int l = 0; l < lstms.length; l++) {
      Lstm layer = lstms[l];
      float[][] in = s.in[l];
      float[][] gates = s.gates[l];
      matmulBias(in, rows, layer.w, layer.bias, gates);
      float[][] next = l + 1 < lstms.length ? s.in[l + 1] : null;
      for (int b = 0; b < rows; b++) {
        cellUpdate(layer, gates[b], s.cell[l][b], in[b], next == null ? null : next[b]);
      }
    }
  }

  /** The dense layers on the last LSTM's h: {@code out[at + b]} for the chunk's rows. */
  private void readout(Scratch s, int rows, double[] out, int at) {
    Lstm top = weights.lstms[weights.lstms.length - 1];
    double[][] act = s.dense[0];
    for (int b = 0; b < rows; b++) {
      float[] h = s.in[weights.lstms.length - 1][b];
      for (int u = 0; u < top.n; u++) {
        act[b][u] = h[top.nIn + u];
      }
    }
    for (int d = 0; d < weights.dense.length; d++) {
      Dense layer = weights.dense[d];
      double[][] o = s.dense[d + 1];
      matmulBias(act, rows, layer.w, layer.bias, o);
      for (int b = 0; b < rows; b++) {
        layer.act.applyInPlace(o[b], 0, layer.nOut);
      }
      act = o;
    }
    for (int b = 0; b < rows; b++) {
      out[at + b] = act[b][0];
    }
  }

  /**
   * {@code out[b] = bias + in[b] · w} for {@code b < rows}; {@code w} is {@code [K][G]} as rows.
   * {@code float} operands, as DL4J's float networks use, for twice the SIMD width of {@code
   * double}; eight rows of {@code w} per pass so that each output element is loaded and stored
   * once per eight multiply-adds.
   */
  static void matmulBias(float[][] in, int rows, float[][] w, float[] bias, float[][] out) {
    int k = w.length;
    int g = bias.length;
    for (int b = 0; b < rows; b++) {
      System.arraycopy(bias, 0, out[b], 0, g);
    }
    int kk = 0;
    for (; kk + 4 <= k; kk += 4) {
      float[] w0 = w[kk];
      float[] w1 = w[kk + 1];
      float[] w2 = w[kk + 2];
      float[] w3 = w[kk + 3];
      for (int b = 0; b < rows; b++) {
        float[] x = in[b];
        float s0 = x[kk];
        float s1 = x[kk + 1];
        float s2 = x[kk + 2];
        float s3 = x[kk + 3];
        float[] o = out[b];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j] + s1 * w1[j] + s2 * w2[j] + s3 * w3[j];
        }
      }
    }
    for (; kk < k; kk++) {
      float[] w0 = w[kk];
      for (int b = 0; b < rows; b++) {
        float s0 = in[b][kk];
        float[] o = out[b];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j];
        }
      }
    }
  }

  /**
   * {@code out[b] = bias + in[b] · w} for {@code b < rows}; {@code w} is {@code [K][G]} as rows
   * (dense layers, in {@code double}: they are a negligible share of the work).
   */
  static void matmulBias(double[][] in, int rows, double[][] w, double[] bias, double[][] out) {
    int k = w.length;
    int g = bias.length;
    for (int b = 0; b < rows; b++) {
      System.arraycopy(bias, 0, out[b], 0, g);
      double[] x = in[b];
      double[] o = out[b];
      for (int kk = 0; kk < k; kk++) {
        double s0 = x[kk];
        double[] w0 = w[kk];
        for (int j = 0; j < g; j++) {
          o[j] += s0 * w0[j];
        }
      }
    }
  }

  /**
   * One LSTM step for one window from its pre-activations {@code z} (blocks g, f, o, i; activated
   * in place): updates {@code c} and writes the new h into the recurrent tail of {@code in} and,
   * when there is a next layer, into the head of its input row. Array-at-a-time loops, one
   * activation each, because the JIT vectorises those (a single fused loop over the units ran
   * 2.5 times slower, scalar).
   */
  private static void cellUpdate(Lstm layer, float[] z, float[] c, float[] in, float[] next) {
    int n = layer.n;
    int tail = layer.nIn;
    layer.act.applyInPlace(z, 0, n);
    layer.gate.applyInPlace(z, n, 4 * n);
    for (int u = 0; u < n; u++) {
      c[u] = z[n + u] * c[u] + z[3 * n + u] * z[u];
    }
    // h = o * act(c), computed in the g block (no longer needed) to keep c intact.
    System.arraycopy(c, 0, z, 0, n);
    layer.act.applyInPlace(z, 0, n);
    for (int u = 0; u < n; u++) {
      in[tail + u] = z[2 * n + u] * z[u];
    }
    if (next != null) {
      System.arraycopy(in, tail, next, 0, n);
    }
  }

  /** Element-wise activations DL4J layers may use here. */
  enum Act {
    IDENTITY,
    TANH,
    SIGMOID,
    RELU;

    /** Applies the activation to {@code v[from, to)}. */
    void applyInPlace(float[] v, int from, int to) {
      switch (this) {
        case IDENTITY -> { }
        case TANH -> {
          for (int i = from; i < to; i++) {
            v[i] = tanh(v[i]);
          }
        }
        case SIGMOID -> {
          for (int i = from; i < to; i++) {
            v[i] = sigmoid(v[i]);
          }
        }
        case RELU -> {
          for (int i = from; i < to; i++) {
            v[i] = Math.max(v[i], 0.0f);
          }
        }
        default -> throw new IllegalStateException(name());
      }
    }

    /** Applies the activation to {@code v[from, to)} (dense layers). */
    void applyInPlace(double[] v, int from, int to) {
      switch (this) {
        case IDENTITY -> { }
        case TANH -> {
          for (int i = from; i < to; i++) {
            v[i] = Math.tanh(v[i]);
          }
        }
        case SIGMOID -> {
          for (int i = from; i < to; i++) {
            v[i] = 1.0 / (1.0 + Math.exp(-v[i]));
          }
        }
        case RELU -> {
          for (int i = from; i < to; i++) {
            v[i] = Math.max(v[i], 0.0);
          }
        }
        default -> throw new IllegalStateException(name());
      }
    }

    static Act of(IActivation a, String where) {
      if (a instanceof ActivationTanH) {
        return TANH;
      }
      if (a instanceof ActivationSigmoid) {
        return SIGMOID;
      }
      if (a instanceof ActivationIdentity) {
        return IDENTITY;
      }
      if (a instanceof ActivationReLU r && isPlainRelu(r)) {
        return RELU;
      }
      throw new IllegalArgumentException(where + " uses activation " + a
          + "; the Java engine supports identity, tanh, sigmoid and relu");
    }

    private static boolean isPlainRelu(ActivationReLU r) {
      boolean zero = r.getThreshold() == null || r.getThreshold() == 0.0;
      boolean flat = r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0;
      return r.getMax() == null && zero && flat;
    }
  }

  /** Logistic sigmoid {@code 1 / (1 + e^-x)}, as {@code (1 + tanh(x / 2)) / 2}. */
  static float sigmoid(float x) {
    return 0.5f + 0.5f * tanh(0.5f * x);
  }

  /**
   * tanh in {@code float} from the odd rational approximation of degree 13/6 that Eigen uses
   * ({@code generic_fast_tanh_float}; absolute error below 4e-7 over all floats, checked by a
   * test), clamped where tanh is 1 to float precision. Only multiply, add, divide, min and max,
   * so loops over arrays vectorise ({@link Math#tanh} and {@link Math#exp} do not).
   */
  static float tanh(float x) {
    float c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
    float x2 = c * c;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = p * x2 + -8.60467152213735e-11f;
    p = p * x2 + 5.12229709037114e-08f;
    p = p * x2 + 1.48572235717979e-05f;
    p = p * x2 + 6.37261928875436e-04f;
    p = p * x2 + 4.89352455891786e-03f;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = q * x2 + 2.26843463243900e-03f;
    q = q * x2 + 4.89352518554385e-03f;
    return c * p / q;
  }

  private static final float TANH_CLAMP = 7.99881172180175781f;

  /** One LSTM layer: {@code w} rows are {@code [W; RW]}, {@code (nIn + n)} rows of {@code 4n}. */
  private record Lstm(int nIn, int n, float[][] w, float[] bias, Act act, Act gate) {}

  /** One dense layer: {@code w} is {@code [nIn][nOut]}. */
  private record Dense(int nIn, int nOut, double[][] w, double[] bias, Act act) {}

  /** Immutable weights, shared between copies. */
  private record Weights(int features, Lstm[] lstms, Dense[] dense) {

    static Weights of(MultiLayerNetwork network, int features) {
      List<Lstm> lstms = new ArrayList<>();
      List<Dense> dense = new ArrayList<>();
      boolean sequenceDone = false;
      long width = features;
      int layers = network.getnLayers();
      for (int i = 0; i < layers; i++) {
        Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
        String where = "layer " + i + " (" + conf.getClass().getSimpleName() + ")";
        var params = network.getLayer(i).paramTable();
        if (conf instanceof DropoutLayer) {
          continue;
        }
        boolean lastStep = false;
        if (conf instanceof LastTimeStep lts) {
          conf = lts.getUnderlying();
          lastStep = true;
          where = "layer " + i + " (LastTimeStep(" + conf.getClass().getSimpleName() + "))";
        }
        if (conf.getClass() == LSTM.class) {
          LSTM lstm = (LSTM) conf;
          if (sequenceDone) {
            throw new IllegalArgumentException(where + " follows the layer that took the last"
                + " time step; the Java engine needs all LSTM layers before it");
          }
          if (lstm.getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException(where + " uses data format "
                + lstm.getRnnDataFormat() + "; the Java engine supports NCW");
          }
          int nIn = (int) lstm.getNIn();
          int n = (int) lstm.getNOut();
          if (nIn != width) {
            throw new IllegalArgumentException(where + " takes " + nIn + " inputs but receives "
                + width);
          }
          float[][] w = new float[nIn + n][];
          System.arraycopy(toFloat(matrix(params.get("W"), nIn, 4 * n, where + " W")), 0, w, 0, nIn);
          System.arraycopy(toFloat(matrix(params.get("RW"), n, 4 * n, where + " RW")), 0, w, nIn, n);
          float[] bias = toFloat(vector(params.get("b"), 4 * n, where + " b"));
          lstms.add(new Lstm(nIn, n, w, bias, Act.of(lstm.getActivationFn(), where),
              Act.of(lstm.getGateActivationFn(), where + " gate")));
          width = n;
          sequenceDone = lastStep;
        } else if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
          if (conf instanceof BaseOutputLayer && conf.getClass() != org.deeplearning4j.nn.conf
              .layers.OutputLayer.class) {
            throw new IllegalArgumentException(where + " is not supported by the Java engine"
                + " (supported output layer: OutputLayer)");
          }
          if (!sequenceDone) {
            throw new IllegalArgumentException(where + " is a dense layer before any LSTM that"
                + " takes the last time step (wrap the last LSTM in LastTimeStep)");
          }
          var ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
          int nIn = (int) ff.getNIn();
          int nOut = (int) ff.getNOut();
          if (nIn != width) {
            throw new IllegalArgumentException(where + " takes " + nIn + " inputs but receives "
                + width);
          }
          double[][] w = matrix(params.get("W"), nIn, nOut, where + " W");
          double[] bias = params.containsKey("b") ? vector(params.get("b"), nOut, where + " b")
              : new double[nOut];
          dense.add(new Dense(nIn, nOut, w, bias, Act.of(ff.getActivationFn(), where)));
          width = nOut;
        } else {
          throw new IllegalArgumentException(where + " is not supported by the Java engine"
              + " (supported: LSTM, LastTimeStep(LSTM), DropoutLayer, DenseLayer, OutputLayer)");
        }
      }
      if (lstms.isEmpty() || !sequenceDone) {
        throw new IllegalArgumentException("the network has no LSTM wrapped in LastTimeStep;"
            + " the Java engine needs stacked LSTM layers, the last one taking the last time step");
      }
      if (width != 1) {
        throw new IllegalArgumentException("the network outputs " + width
            + " values per window; the Java engine needs exactly 1");
      }
      return new Weights(features, lstms.toArray(Lstm[]::new), dense.toArray(Dense[]::new));
    }

    private static double[][] matrix(INDArray a, int rows, int cols, String what) {
      if (a == null || a.rank() != 2 || a.rows() != rows || a.columns() < cols) {
        throw new IllegalArgumentException(what + " has shape "
            + (a == null ? "none" : java.util.Arrays.toString(a.shape())) + ", expected ["
            + rows + ", " + cols + "]");
      }
      double[][] all = a.toDoubleMatrix();
      double[][] out = new double[rows][];
      for (int r = 0; r < rows; r++) {
        out[r] = java.util.Arrays.copyOf(all[r], cols);
      }
      return out;
    }

    private static float[][] toFloat(double[][] m) {
      float[][] out = new float[m.length][];
      for (int r = 0; r < m.length; r++) {
        out[r] = toFloat(m[r]);
      }
      return out;
    }

    private static float[] toFloat(double[] v) {
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) v[i];
      }
      return out;
    }

    private static double[] vector(INDArray a, int n, String what) {
      if (a == null || a.length() != n) {
        throw new IllegalArgumentException(what + " has "
            + (a == null ? "no values" : a.length() + " values") + ", expected " + n);
      }
      return a.reshape(n).toDoubleVector();
    }
  }

  /** Per-instance buffers for one chunk. */
  private static final class Scratch {
    /** Per LSTM layer, per row: {@code [x_t, h_{t-1}]}. */
    final float[][][] in;
    /** Per LSTM layer, per row: the 4n pre-activations. */
    final float[][][] gates;
    /** Per LSTM layer, per row: the cell state c. */
    final float[][][] cell;
    /** Dense activations: index 0 the last LSTM's h, then one per dense layer. */
    final double[][][] dense;

    Scratch(Weights w) {
      int l = w.lstms.length;
      in = new float[l][][];
      gates = new float[l][][];
      cell = new float[l][][];
      for (int i = 0; i < l; i++) {
        Lstm layer = w.lstms[i];
        in[i] = new float[CHUNK][layer.nIn + layer.n];
        gates[i] = new float[CHUNK][4 * layer.n];
        cell[i] = new float[CHUNK][layer.n];
      }
      dense = new double[w.dense.length + 1][][];
      dense[0] = new double[CHUNK][w.lstms[l - 1].n];
      for (int i = 0; i < w.dense.length; i++) {
        dense[i + 1] = new double[CHUNK][w.dense[i].nOut];
      }
    }
  }
}
