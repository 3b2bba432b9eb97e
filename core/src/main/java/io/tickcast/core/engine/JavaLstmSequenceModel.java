package io.tickcast.core.engine;


/**
 * The pure-Java inference engine as a {@link SequenceModel}: an {@link LstmNetwork} (weights
 * imported from DL4J by {@link Dl4jImport}) run by an {@link LstmKernel} on chunks of {@value
 * #CHUNK} windows, the chunks of a batch scheduled by a {@link ChunkScheduler}. Held to DL4J's
 * outputs by a parity suite (1e-5 in normalised space).
 *
 * <p>One call at a time per instance (it reuses scratch buffers); {@link #copy()} shares the
 * immutable weights, kernel and scheduler and makes new buffers for another caller thread.
 */
public final class JavaLstmSequenceModel implements SequenceModel {
  /** Windows processed together; chosen so that a chunk's gate buffers fit in L1 (8 × 4n). */
  public static final int CHUNK = 8;

  private final LstmRunner runner;
  private final ChunkScheduler scheduler;
  private final LstmRunner.Scratch scratch;
  /** Each helper thread's buffers for this instance, made on its first chunk and kept. */
  private final ThreadLocal<LstmRunner.Scratch> helperScratch;

  /** The network on {@link LstmKernel#best()}, every chunk on the calling thread. */
  public JavaLstmSequenceModel(LstmNetwork network) {
    this(network, LstmKernel.best(), ChunkScheduler.CALLER_ONLY);
  }

  /**
   * @param network the weights
   * @param kernel the arithmetic
   * @param scheduler where a batch's chunks run
   */
  public JavaLstmSequenceModel(LstmNetwork network, LstmKernel kernel, ChunkScheduler scheduler) {
    this.runner = new LstmRunner(network, kernel, CHUNK);
    this.scheduler = scheduler;
    this.scratch = runner.newScratch();
    this.helperScratch = ThreadLocal.withInitial(runner::newScratch);
  }

  /** The same model with its chunks scheduled by {@code other}. */
  public JavaLstmSequenceModel withScheduler(ChunkScheduler other) {
    return new JavaLstmSequenceModel(runner.network(), runner.kernel(), other);
  }

  /** The same model on another kernel. */
  public JavaLstmSequenceModel withKernel(LstmKernel other) {
    return new JavaLstmSequenceModel(runner.network(), other, scheduler);
  }

  /** The most threads one call uses ({@link ChunkScheduler#threads()}). */
  public int threads() {
    return scheduler.threads();
  }

  /** The kernel it runs on. */
  public LstmKernel kernel() {
    return runner.kernel();
  }

  /** The LSTM layer sizes n, input side first (for descriptions and tests). */
  public int[] lstmUnits() {
    LstmNetwork.Lstm[] lstms = runner.network().lstms();
    int[] out = new int[lstms.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = lstms[i].n();
    }
    return out;
  }

  @Override
  public int inputFeatures() {
    return runner.network().features();
  }

  @Override
  public SequenceModel copy() {
    return new JavaLstmSequenceModel(runner.network(), runner.kernel(), scheduler);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a window is empty, its rows are not {@code F} wide, or
   *     windows of one chunk differ in length
   */
  @Override
  public double[] predict(double[][][] normalisedWindows) {
    checkWindows(normalisedWindows);
    double[] out = new double[normalisedWindows.length];
    scheduler.forEachChunk(normalisedWindows.length, CHUNK, scratch, helperScratch::get,
        (from, rows, s) -> {
          runner.runWindow(normalisedWindows, from, rows, s);
          runner.readout(s, rows, out, from);
        });
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the buffer directly: each step's values are copied from it into the kernel's input.
   */
  @Override
  public double[] predict(FloatWindows normalisedWindows) {
    normalisedWindows.checkRunnable(inputFeatures());
    double[] out = new double[normalisedWindows.batch()];
    scheduler.forEachChunk(out.length, CHUNK, scratch, helperScratch::get,
        (from, rows, s) -> {
          runner.runWindow(normalisedWindows, from, rows, s);
          runner.readout(s, rows, out, from);
        });
    return out;
  }

  /** True: the kernels compute in {@code float}. */
  @Override
  public boolean computesInFloat() {
    return true;
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
    SequenceModel.checkPath(horizon, targetColumn, inputFeatures());
    checkWindows(normalisedWindows);
    double[][] out = new double[normalisedWindows.length][horizon];
    scheduler.forEachChunk(normalisedWindows.length, CHUNK, scratch, helperScratch::get,
        (from, rows, s) -> {
          runner.runWindow(normalisedWindows, from, rows, s);
          double[] y = new double[rows];
          runner.readout(s, rows, y, 0);
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
              runner.setInput(s, b, normalisedWindows[from + b][last]);
              runner.setInput(s, b, targetColumn, y[b]);
            }
            runner.step(s, rows);
            runner.readout(s, rows, y, 0);
          }
        });
    return out;
  }

  private void checkWindows(double[][][] windows) {
    int f = inputFeatures();
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
}
