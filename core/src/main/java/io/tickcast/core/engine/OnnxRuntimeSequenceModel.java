package io.tickcast.core.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.lang.ref.Cleaner;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * ONNX Runtime (its Java package) as a {@link SequenceModel}: the network exported by {@link
 * OnnxExport#statefulModel} (the standard {@code LSTM} operator), run in {@code float}. Held to
 * DL4J's outputs by the parity suite (1e-5 in normalised space).
 *
 * <p>Next step runs the window with zero initial state. The carry-state path is incremental: the
 * window once, then one fed-back row per step through the carried {@code h}/{@code c} of every
 * layer (the LSTM operator's {@code initial_h}/{@code initial_c} inputs and {@code Y_h}/{@code Y_c}
 * outputs), W + H − 1 LSTM steps as the Java engine.
 *
 * <p>{@link OrtSession#run} is thread-safe, so {@link #copy()} shares the session; the session is
 * closed once this model and all its copies are unreachable.
 */
public final class OnnxRuntimeSequenceModel implements SequenceModel {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Shared shared;

  /** The session and what describes it, shared by copies. */
  private static final class Shared {
    final OrtEnvironment env;
    final OrtSession session;
    final int features;
    final int[] units;
    final int threads;

    Shared(OrtEnvironment env, OrtSession session, int features, int[] units, int threads) {
      this.env = env;
      this.session = session;
      this.features = features;
      this.units = units;
      this.threads = threads;
    }
  }

  /**
   * Exports {@code network} and opens an ONNX Runtime session on it.
   *
   * @param network the weights
   * @param threads ONNX Runtime's intra-op threads for one call (≥ 1; the config's inference
   *     threads)
   * @throws IllegalStateException if ONNX Runtime cannot be loaded on this platform or rejects
   *     the graph
   */
  public OnnxRuntimeSequenceModel(LstmNetwork network, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int[] units = new int[network.lstms().length];
    for (int l = 0; l < units.length; l++) {
      units[l] = network.lstms()[l].n();
    }
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = env.createSession(OnnxExport.statefulModel(network), options);
      options.close();
      this.shared = new Shared(env, session, network.features(), units, threads);
      CLEANER.register(shared, new Closer(session));
    } catch (OrtException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("ONNX Runtime cannot run the model: " + e.getMessage(), e);
    }
  }

  private OnnxRuntimeSequenceModel(Shared shared) {
    this.shared = shared;
  }

  /** Closes the session; holds no reference to the model. */
  private record Closer(OrtSession session) implements Runnable {
    @Override
    public void run() {
      try {
        session.close();
      } catch (OrtException e) {
        // Nothing to do at cleanup: the process keeps running without the native session.
      }
    }
  }

  /**
   * Whether ONNX Runtime's native library loads here (it ships for Linux x64/aarch64, macOS
   * aarch64 and Windows x64).
   */
  public static boolean available() {
    try {
      OrtEnvironment.getEnvironment();
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** ONNX Runtime's intra-op threads per call. */
  public int threads() {
    return shared.threads;
  }

  @Override
  public int inputFeatures() {
    return shared.features;
  }

  @Override
  public SequenceModel copy() {
    return new OnnxRuntimeSequenceModel(shared);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if windows are empty, differ in length or their rows are
   *     not F wide
   * @throws IllegalStateException if ONNX Runtime fails
   */
  @Override
  public double[] predict(double[][][] normalisedWindows) {
    int batch = normalisedWindows.length;
    if (batch == 0) {
      return new double[0];
    }
    checkWindows(normalisedWindows);
    return predict(FloatWindows.of(normalisedWindows));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The buffer is wrapped as the input tensor, not copied here.
   *
   * @throws IllegalStateException if ONNX Runtime fails
   */
  @Override
  public double[] predict(FloatWindows normalisedWindows) {
    normalisedWindows.checkRunnable(shared.features);
    int batch = normalisedWindows.batch();
    double[] out = new double[batch];
    if (batch > 0) {
      run(normalisedWindows.data(), batch, normalisedWindows.windowLength(), zeroState(batch),
          out, null);
    }
    return out;
  }

  /** True: the session runs in {@code float}. */
  @Override
  public boolean computesInFloat() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Incremental (see the class comment).
   *
   * @throws IllegalArgumentException as {@link #predict}, or if the horizon is below 1 or the
   *     target column is out of range
   */
  @Override
  public double[][] predictCarryingState(
      double[][][] normalisedWindows, int horizon, int targetColumn) {
    int f = shared.features;
    SequenceModel.checkPath(horizon, targetColumn, f);
    int batch = normalisedWindows.length;
    double[][] out = new double[batch][horizon];
    if (batch == 0) {
      return out;
    }
    int w = checkWindows(normalisedWindows);
    float[] x = FloatWindows.of(normalisedWindows).data();
    float[][] state = zeroState(batch);
    double[] y = new double[batch];
    run(x, batch, w, state, y, state);
    float[] step = new float[batch * f];
    for (int h = 0; ; h++) {
      for (int b = 0; b < batch; b++) {
        out[b][h] = y[b];
      }
      if (h + 1 == horizon) {
        return out;
      }
      for (int b = 0; b < batch; b++) {
        // The fed-back row: the last observed row with the prediction as its target column.
        double[] last = normalisedWindows[b][w - 1];
        for (int c = 0; c < f; c++) {
          step[b * f + c] = (float) (c == targetColumn ? y[b] : last[c]);
        }
      }
      run(step, batch, 1, state, y, state);
    }
  }

  /** Zero {@code h}, {@code c} for every layer: {@code [2l] = h_l}, {@code [2l + 1] = c_l}. */
  private float[][] zeroState(int batch) {
    float[][] s = new float[2 * shared.units.length][];
    for (int l = 0; l < shared.units.length; l++) {
      s[2 * l] = new float[batch * shared.units[l]];
      s[2 * l + 1] = new float[batch * shared.units[l]];
    }
    return s;
  }

  /**
   * Runs {@code steps} time steps of {@code x [batch, steps, F]} from {@code state}; the
   * predictions go to {@code y}, and the final state into {@code stateOut} unless it is null.
   */
  private void run(float[] x, int batch, int steps, float[][] state, double[] y,
      float[][] stateOut) {
    OrtEnvironment env = shared.env;
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put(OnnxExport.INPUT, OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
          new long[] {batch, steps, shared.features}));
      for (int l = 0; l < shared.units.length; l++) {
        long[] shape = {1, batch, shared.units[l]};
        in.put(OnnxExport.initialH(l), OnnxTensor.createTensor(env, FloatBuffer.wrap(state[2 * l]), shape));
        in.put(OnnxExport.initialC(l),
            OnnxTensor.createTensor(env, FloatBuffer.wrap(state[2 * l + 1]), shape));
      }
      try (OrtSession.Result r = shared.session.run(in)) {
        FloatBuffer next = ((OnnxTensor) r.get(OnnxExport.OUTPUT).orElseThrow()).getFloatBuffer();
        for (int b = 0; b < batch; b++) {
          y[b] = next.get(b);
        }
        if (stateOut != null) {
          for (int l = 0; l < shared.units.length; l++) {
            ((OnnxTensor) r.get(OnnxExport.finalH(l)).orElseThrow()).getFloatBuffer()
                .get(stateOut[2 * l]);
            ((OnnxTensor) r.get(OnnxExport.finalC(l)).orElseThrow()).getFloatBuffer()
                .get(stateOut[2 * l + 1]);
          }
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch + ": "
          + e.getMessage(), e);
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  /** W, after checking every window has W rows of F values. */
  private int checkWindows(double[][][] windows) {
    int w = windows[0].length;
    for (int b = 0; b < windows.length; b++) {
      if (windows[b].length == 0 || windows[b].length != w) {
        throw new IllegalArgumentException("window " + b + " has " + windows[b].length
            + " time steps, window 0 has " + w + " (ONNX Runtime runs one length per batch)");
      }
      for (int t = 0; t < w; t++) {
        if (windows[b][t].length != shared.features) {
          throw new IllegalArgumentException("window " + b + " step " + t + " has "
              + windows[b][t].length + " features, the model takes " + shared.features);
        }
      }
    }
    return w;
  }
}
