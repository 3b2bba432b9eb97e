package io.tickcast.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.guard.ForecastGuard;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.ticks.RejectReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The stream app's meters (Micrometer names; Prometheus adds {@code _total} to counters and
 * {@code _seconds} to timers). No meter carries a per-symbol tag. Thread-safe.
 */
public final class TickcastMetrics {
  /** Why a symbol's window was restarted from the newest tick ({@code reason} tag). */
  public enum WindowRestart {
    /** The move from the previous tick exceeded the jump limit (a split, a unit switch). */
    PRICE_JUMP,
    /** The time since the previous tick exceeded the gap limit (a halt). */
    GAP;

    /** Lower-case code, e.g. {@code price_jump}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Tag value of the model's errors in the quality counters. */
  public static final String MODEL = "model";
  /** Tag value of the persistence baseline's errors (next price = last price). */
  public static final String PERSISTENCE = "persistence";
  /**
   * Tag value of the drift baseline's errors (next price = last price times {@code exp(mu)}, mu
   * the mean log return of the model's training rows).
   */
  public static final String DRIFT = "drift";

  private final MeterRegistry registry;
  private final Counter received;
  private final Counter accepted;
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Counter duplicates;
  private final Counter emitted;
  private final Counter failed;
  private final Counter reloadFailures;
  private final Timer batchLatency;
  private final Timer windowLatency;
  private final DistributionSummary batchSize;
  private final Timer tickToForecast;
  private final Counter scored;
  private final Counter squaredModel;
  private final Counter squaredPersistence;
  private final Counter absoluteModel;
  private final Counter absolutePersistence;
  private final Map<String, AtomicLong> trackedByTask = new ConcurrentHashMap<>();
  private final Map<ForecastGuard.Verdict, Counter> withheld = new EnumMap<>(ForecastGuard.Verdict.class);
  private final Map<WindowRestart, Counter> restarted = new EnumMap<>(WindowRestart.class);
  private final Counter evicted;
  private final Counter squaredDrift;
  private final Counter absoluteDrift;
  private final Map<String, IntervalMeters> intervals = new ConcurrentHashMap<>();
  private Gauge modelInfo;

  /**
   * Registers every meter.
   *
   * @param registry where to register
   * @param maxBatch the configured batch limit (upper end of the batch-size histogram)
   */
  public TickcastMetrics(MeterRegistry registry, int maxBatch) {
    this.registry = registry;
    received = Counter.builder("tickcast.ticks.received")
        .description("records read from the ticks topic, good or bad").register(registry);
    accepted = Counter.builder("tickcast.ticks.accepted")
        .description("ticks added to a window (appended or corrections)").register(registry);
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, Counter.builder("tickcast.ticks.rejected").tag("reason", r.code())
          .description("records sent to the dead-letter topic, by reason").register(registry));
    }
    duplicates = Counter.builder("tickcast.ticks.duplicates")
        .description("exact duplicate ticks dropped").register(registry);
    emitted = Counter.builder("tickcast.forecasts.emitted")
        .description("forecasts written to the forecasts topic").register(registry);
    failed = Counter.builder("tickcast.forecasts.failed")
        .description("full windows whose inference raised an error (record status failed)")
        .register(registry);
    for (ForecastGuard.Verdict v : ForecastGuard.Verdict.values()) {
      if (v != ForecastGuard.Verdict.OK) {
        withheld.put(v, Counter.builder("tickcast.forecasts.withheld").tag("reason", v.code())
            .description("full windows not forecast or forecasts withheld by the guard, by reason")
            .register(registry));
      }
    }
    for (WindowRestart r : WindowRestart.values()) {
      restarted.put(r, Counter.builder("tickcast.windows.restarted").tag("reason", r.code())
          .description("windows restarted from the newest tick, by reason").register(registry));
    }
    evicted = Counter.builder("tickcast.windows.evicted")
        .description("windows removed after idling longer than tickcast.window.idle.ttl.ms")
        .register(registry);
    reloadFailures = Counter.builder("tickcast.model.reload.failures")
        .description("new model artifacts that could not be loaded").register(registry);
    batchLatency = timer("tickcast.inference.batch.latency", "model time of one inference batch");
    windowLatency = timer("tickcast.inference.window.latency",
        "model time of a batch divided by its windows");
    batchSize = DistributionSummary.builder("tickcast.inference.batch.size")
        .description("windows per inference batch").publishPercentileHistogram()
        .minimumExpectedValue(1.0).maximumExpectedValue((double) Math.max(2, maxBatch))
        .register(registry);
    tickToForecast = timer("tickcast.tick.to.forecast.latency",
        "wall-clock time from a tick's arrival at the app to its forecast being forwarded");
    scored = Counter.builder("tickcast.forecast.scored")
        .description("next-step forecasts scored against the next tick").register(registry);
    squaredModel = errorCounter("tickcast.forecast.squared.error", MODEL);
    squaredPersistence = errorCounter("tickcast.forecast.squared.error", PERSISTENCE);
    absoluteModel = errorCounter("tickcast.forecast.absolute.error", MODEL);
    absolutePersistence = errorCounter("tickcast.forecast.absolute.error", PERSISTENCE);
    squaredDrift = errorCounter("tickcast.forecast.squared.error", DRIFT);
    absoluteDrift = errorCounter("tickcast.forecast.absolute.error", DRIFT);
    Gauge.builder("tickcast.symbols.tracked", trackedByTask,
            m -> m.values().stream().mapToLong(AtomicLong::get).sum())
        .description("symbols with a window in this instance's state stores").register(registry);
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name).description(description).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  private Counter errorCounter(String name, String forecaster) {
    return Counter.builder(name).tag("forecaster", forecaster)
        .description("summed error of scored next-step forecasts, price units (squared: squared)")
        .register(registry);
  }

  /** The registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** A record was read from the ticks topic. */
  public void received() {
    received.increment();
  }

  /** A tick entered a window. */
  public void accepted() {
    accepted.increment();
  }

  /** A record went to the dead-letter topic. */
  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  /** An exact duplicate was dropped. */
  public void duplicate() {
    duplicates.increment();
  }

  /** A full window could not be forecast. */
  public void forecastFailed() {
    failed.increment();
  }

  /** A new model artifact failed to load. */
  public void reloadFailed() {
    reloadFailures.increment();
  }

  /** A full window was withheld by the guard (record status {@code withheld_<reason>}). */
  public void withheld(ForecastGuard.Verdict reason) {
    withheld.get(reason).increment();
  }

  /** A window was restarted from its newest tick. */
  public void restarted(WindowRestart reason) {
    restarted.get(reason).increment();
  }

  /** An idle window was removed. */
  public void evicted() {
    evicted.increment();
  }

  /**
   * Sets the number of windows a task holds (counted from its store when the task starts, then
   * kept up to date), so that {@code tickcast.symbols.tracked} is exact across restarts and
   * rebalances.
   *
   * @param task the task id
   * @param windows windows in its store
   */
  public void tracked(String task, long windows) {
    trackedByTask.computeIfAbsent(task, t -> new AtomicLong()).set(windows);
  }

  /** Adds to a task's window count (+1 for a new symbol, -1 for a removed window). */
  public void trackedDelta(String task, long delta) {
    trackedByTask.computeIfAbsent(task, t -> new AtomicLong()).addAndGet(delta);
  }

  /** Forgets a task that left this instance (closed, moved by a rebalance). */
  public void untracked(String task) {
    trackedByTask.remove(task);
  }

  /**
   * One inference batch ran.
   *
   * @param windows windows in the batch
   * @param nanos model time of the batch
   */
  public void batch(int windows, long nanos) {
    batchLatency.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(windows);
    long perWindow = nanos / Math.max(1, windows);
    for (int i = 0; i < windows; i++) {
      windowLatency.record(perWindow, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A forecast was forwarded.
   *
   * @param arrivalEpochNanos wall-clock arrival of its tick, epoch nanoseconds
   * @param nowEpochNanos now, epoch nanoseconds
   */
  public void emitted(long arrivalEpochNanos, long nowEpochNanos) {
    emitted.increment();
    tickToForecast.record(Math.max(0, nowEpochNanos - arrivalEpochNanos), TimeUnit.NANOSECONDS);
  }

  /**
   * The next tick scored a previous next-step forecast.
   *
   * @param actual the next tick's price
   * @param modelForecast the model's next-step forecast
   * @param persistenceForecast the last price before it (the persistence baseline)
   * @param driftForecast the drift baseline's next-step forecast from that price
   */
  public void scored(double actual, double modelForecast, double persistenceForecast,
      double driftForecast) {
    double em = actual - modelForecast;
    double ep = actual - persistenceForecast;
    double ed = actual - driftForecast;
    scored.increment();
    squaredModel.increment(em * em);
    squaredPersistence.increment(ep * ep);
    squaredDrift.increment(ed * ed);
    absoluteModel.increment(Math.abs(em));
    absolutePersistence.increment(Math.abs(ep));
    absoluteDrift.increment(Math.abs(ed));
  }

  /** Most distinct interval levels given meters: keeps the {@code level} label set bounded. */
  public static final int MAX_INTERVAL_LEVELS = 8;

  private record IntervalMeters(Counter scored, Counter covered, DistributionSummary width) {}

  /**
   * The next tick scored a previous forecast's next-step prediction interval: counts it under
   * {@code tickcast.forecast.interval.scored{level}}, under {@code
   * tickcast.forecast.interval.covered{level}} when {@code lower <= actual <= upper}, and records
   * its width ({@code upper - lower}, price units) in {@code
   * tickcast.forecast.interval.width{level}}; {@code tickcast.forecast.interval.nominal{level}}
   * is the level as a number, so that PromQL can subtract it from the coverage. Coverage is
   * covered / scored; the mean width is the width summary's sum / count. Levels beyond the first
   * {@value #MAX_INTERVAL_LEVELS} seen are not counted.
   *
   * @param level nominal coverage, e.g. 0.8 (the label is its shortest decimal form, "0.8")
   * @param lower lower bound of the next price
   * @param upper upper bound
   * @param actual the next tick's price
   */
  public void intervalScored(double level, double lower, double upper, double actual) {
    String label = levelLabel(level);
    IntervalMeters m = intervals.get(label);
    if (m == null) {
      if (intervals.size() >= MAX_INTERVAL_LEVELS) {
        return;
      }
      m = intervals.computeIfAbsent(label, l -> {
        Gauge.builder("tickcast.forecast.interval.nominal", () -> level).tag("level", l)
            .description("nominal coverage of the level, as a number (for coverage - nominal)")
            .register(registry);
        return new IntervalMeters(
            Counter.builder("tickcast.forecast.interval.scored").tag("level", l)
                .description("next-step prediction intervals scored against the next tick, by"
                    + " nominal level").register(registry),
            Counter.builder("tickcast.forecast.interval.covered").tag("level", l)
                .description("scored next-step prediction intervals that held the next tick's"
                    + " price, by nominal level").register(registry),
            DistributionSummary.builder("tickcast.forecast.interval.width").tag("level", l)
                .description("width of scored next-step prediction intervals, price units, by"
                    + " nominal level").register(registry));
      });
    }
    m.scored().increment();
    if (lower <= actual && actual <= upper) {
      m.covered().increment();
    }
    m.width().record(upper - lower);
  }

  /** The {@code level} label of a nominal coverage: its shortest decimal form, e.g. "0.95". */
  public static String levelLabel(double level) {
    return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
  }

  /**
   * Publishes {@code tickcast.model.info} for the model now served, replacing the previous one.
   *
   * @param model the model
   * @param rollForward the roll-forward variant its paths are actually computed with (a
   *     configured override, else the model's own)
   */
  public synchronized void modelInfo(LoadedModel model, RollForward rollForward) {
    if (modelInfo != null) {
      registry.remove(modelInfo);
    }
    modelInfo = Gauge.builder("tickcast.model.info", () -> 1)
        .description("the model served: version, roll-forward variant, normalisation")
        .tag("version", model.version())
        .tag("roll_forward", rollForward.configName())
        .tag("normalisation", model.metadata().forecastSpec().normalisation().configName())
        .register(registry);
  }
}
