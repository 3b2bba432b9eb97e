package io.tickcast.streams.inference;

import io.tickcast.core.baseline.Drift;
import io.tickcast.core.engine.ChunkScheduler;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.model.LoadedModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The model being served. Inference engines are not thread-safe, so each stream thread gets its own
 * {@link Forecaster} over its own model copy ({@link LoadedModel#newForecaster(InferenceEngine)}),
 * made lazily and remade when the model is replaced. A configured roll-forward variant overrides
 * the one in each model's metadata.
 */
public final class ModelHolder {
  /**
   * A model with the calling thread's forecaster for it and its prediction intervals, so that a
   * batch's forecasts, bounds and model version all come from the one model (also across a hot
   * swap).
   *
   * @param model the artifact
   * @param forecaster a forecaster over this thread's copy of its network
   * @param intervals the bounds of the model's calibrated intervals (no level when it has none)
   */
  public record Active(LoadedModel model, Forecaster forecaster, IntervalBands intervals) {
    /** The model version (network SHA-256). */
    public String version() {
      return model.version();
    }
  }

  /** A served model and the concrete engine chosen for it (once, when it is taken in). */
  private record Served(LoadedModel model, InferenceEngine engine) {}

  /** Windows per call when {@link InferenceEngine#AUTO} times the engines, unless configured. */
  public static final int DEFAULT_MEASURE_BATCH = 64;

  private final AtomicReference<Served> current;
  private final int measureBatch;
  private final FeatureMapping features;
  private final ThreadLocal<Active> perThread = new ThreadLocal<>();
  private final List<Consumer<LoadedModel>> listeners = new CopyOnWriteArrayList<>();
  private final InferenceEngine engine;
  private final RollForward rollForwardOverride;
  private final ChunkScheduler scheduler;

  /**
   * Serves on {@link InferenceEngine#AUTO}.
   *
   * @param initial the validated model to serve
   * @throws IllegalArgumentException if its input columns cannot be fed from ticks
   */
  public ModelHolder(LoadedModel initial) {
    this(initial, InferenceEngine.AUTO);
  }

  /**
   * @param initial the validated model to serve
   * @param engine the inference engine
   * @throws IllegalArgumentException if its input columns cannot be fed from ticks, or the engine
   *     is {@link InferenceEngine#JAVA} and does not support the network
   */
  public ModelHolder(LoadedModel initial, InferenceEngine engine) {
    this(initial, engine, null);
  }

  /**
   * @param initial the validated model to serve
   * @param engine the inference engine
   * @param rollForward the roll-forward variant of every served model's paths, or {@code null}
   *     for each model's own (its metadata's)
   * @throws IllegalArgumentException if its input columns cannot be fed from ticks, or the engine
   *     is {@link InferenceEngine#JAVA} and does not support the network
   */
  public ModelHolder(LoadedModel initial, InferenceEngine engine, RollForward rollForward) {
    this(initial, engine, rollForward, ChunkScheduler.CALLER_ONLY);
  }

  /**
   * @param initial the validated model to serve
   * @param engine the inference engine
   * @param rollForward the roll-forward variant of every served model's paths, or {@code null}
   *     for each model's own (its metadata's)
   * @param scheduler where the Java engine runs each batch's chunks, shared by every thread
   * @throws IllegalArgumentException if its input columns cannot be fed from ticks, or the engine
   *     is {@link InferenceEngine#JAVA} and does not support the network
   */
  public ModelHolder(LoadedModel initial, InferenceEngine engine, RollForward rollForward,
      ChunkScheduler scheduler) {
    this(initial, engine, rollForward, scheduler, DEFAULT_MEASURE_BATCH);
  }

  /**
   * @param initial the validated model to serve
   * @param engine the inference engine; {@link InferenceEngine#AUTO} times the engines on each
   *     model taken in ({@link InferenceEngine#choose}) and serves the fastest
   * @param rollForward the roll-forward variant of every served model's paths, or {@code null}
   *     for each model's own (its metadata's)
   * @param scheduler where the Java engine runs each batch's chunks, shared by every thread
   * @param measureBatch windows per call of {@code auto}'s measurement (the batch size served)
   * @throws IllegalArgumentException if its input columns cannot be fed from ticks, or the engine
   *     is {@link InferenceEngine#JAVA} or {@link InferenceEngine#ONNX} and does not support the
   *     network
   */
  public ModelHolder(LoadedModel initial, InferenceEngine engine, RollForward rollForward,
      ChunkScheduler scheduler, int measureBatch) {
    this.scheduler = scheduler;
    this.features = FeatureMapping.of(initial.metadata());
    this.engine = engine;
    this.rollForwardOverride = rollForward;
    this.measureBatch = measureBatch;
    this.current = new AtomicReference<>(new Served(initial, choose(initial)));
  }

  private InferenceEngine choose(LoadedModel m) {
    return engine.choose(m.network(), m.metadata().features().size(),
        m.metadata().windowLength(), measureBatch, scheduler);
  }

  /** The engine that runs the current model ({@link InferenceEngine#AUTO} resolved). */
  public InferenceEngine engine() {
    return current.get().engine();
  }

  /** The roll-forward variant the paths of {@code model} are computed with (override or its own). */
  public RollForward rollForward(LoadedModel model) {
    return rollForwardOverride != null ? rollForwardOverride
        : model.metadata().forecastSpec().rollForward();
  }

  /** The roll-forward variant the current model's paths are computed with. */
  public RollForward rollForward() {
    return rollForward(current.get().model());
  }

  /** The model now served. */
  public LoadedModel current() {
    return current.get().model();
  }

  /** How ticks feed the model's input columns (fixed for the life of the holder). */
  public FeatureMapping features() {
    return features;
  }

  /**
   * The drift baseline's rate for the current model: the mean log return per tick of its training
   * rows, as stored by the trainer ({@link Drift#meanLogReturnOf}); 0 (drift scores as
   * persistence) for a model trained before the rate was stored.
   */
  public double driftRate() {
    return Drift.meanLogReturnOf(current().metadata()).orElse(0.0);
  }

  /** W, ticks per window (fixed for the life of the holder). */
  public int windowLength() {
    return current().metadata().windowLength();
  }

  /** The current model and this thread's forecaster for it. */
  public Active forThisThread() {
    Served served = current.get();
    LoadedModel m = served.model();
    Active a = perThread.get();
    if (a == null || a.model() != m) {
      Forecaster f = m.newForecaster(served.engine(), scheduler);
      if (f.spec().rollForward() != rollForward(m)) {
        f = new Forecaster(f.model(), f.spec().withRollForward(rollForward(m)));
      }
      a = new Active(m, f, m.metadata().intervalBands());
      perThread.set(a);
    }
    return a;
  }

  /**
   * Serves another model from now on; each thread switches at its next batch.
   *
   * @param next a validated model
   * @throws IncompatibleModelException if its window length or input columns differ, or the
   *     engine is {@link InferenceEngine#JAVA} and does not support the network
   */
  public void replace(LoadedModel next) {
    LoadedModel now = current();
    if (next.metadata().windowLength() != now.metadata().windowLength()) {
      throw new IncompatibleModelException("model " + next.directory() + " has window length "
          + next.metadata().windowLength() + ", the running model "
          + now.metadata().windowLength() + "; a different window length needs a restart");
    }
    if (!next.metadata().features().equals(now.metadata().features())
        || !next.metadata().target().equals(now.metadata().target())) {
      throw new IncompatibleModelException("model " + next.directory() + " reads columns "
          + next.metadata().features() + ", the running model " + now.metadata().features()
          + "; other input columns need a restart");
    }
    InferenceEngine chosen;
    try {
      chosen = choose(next);
    } catch (IllegalArgumentException e) {
      throw new IncompatibleModelException("model " + next.directory() + " cannot run on the "
          + engine.configName() + " inference engine: " + e.getMessage());
    }
    current.set(new Served(next, chosen));
    for (Consumer<LoadedModel> l : listeners) {
      l.accept(next);
    }
  }

  /** Calls {@code listener} with each model that replaces the current one. */
  public void onReplace(Consumer<LoadedModel> listener) {
    listeners.add(listener);
  }
}
