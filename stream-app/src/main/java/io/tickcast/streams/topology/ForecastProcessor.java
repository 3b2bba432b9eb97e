package io.tickcast.streams.topology;

import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.forecast.PreparedBatch;
import io.tickcast.core.guard.ForecastGuard;
import io.tickcast.core.model.InputProfile;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.normalise.NormalisationException;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.inference.FeatureMapping;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.core.baseline.Drift;
import io.tickcast.streams.metrics.TickcastMetrics;
import io.tickcast.ticks.RejectReason;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.WindowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each symbol's last W ticks in the window store, applies the {@link WindowPolicy}, queues
 * every full window in the symbol's window-store value ({@link TickWindow#enqueue}: the queued
 * window shares the value's ticks, so it is serialised once) and forecasts queued windows in
 * micro-batches: when
 * {@code maxBatch} windows are queued, and when the oldest queued window has waited {@code
 * maxDelay} (wall clock, checked by a punctuation four times per delay).
 *
 * <p>Only every K-th full window of a symbol ({@code pathEveryTicks}) gets the H-step path; the
 * others get the next step only and an empty path. Full window number c (0-based) of a symbol gets
 * the path when {@code (c + symbol.hashCode()) mod K == 0}: the offset by the symbol's (stable,
 * specified) {@link String#hashCode} staggers symbols that start together, so their paths do not
 * all fall due on the same tick and stall the stream in bursts. The count lives in the window
 * store value ({@link TickWindow#fullWindows()}), so it survives restarts and rebalances, and the
 * decision is queued with the window.
 *
 * <p>Each batch is at most two model calls on this stream thread's network copy (across symbols
 * and across consecutive windows of one symbol, which are independent): one {@link
 * Forecaster#forecast} for the path windows and one {@link Forecaster#nextStep} for the others.
 * Forecasts are forwarded in queue order. The task's queue is an in-memory list of references
 * (symbol, sequence) rebuilt from the window store on start-up; a window leaves its symbol's
 * value only when its forecast is forwarded, in the same Kafka Streams transaction, so a crash
 * re-queues rather than loses it. A batch reads each symbol's value once and writes it once.
 *
 * <p>Integrity ({@link IntegrityPolicy}, stream-app/README.md "Forecast integrity"): a tick too far
 * ahead of its window's newest is dead-lettered; a price jump or a gap restarts the window from
 * the new tick; every queued window gets exactly one record, a forecast with {@code status} ok or
 * a record with a {@code withheld_*} / {@code failed} status and no numbers ({@link
 * ForecastGuard}); idle windows are removed by a wall-clock punctuation.
 *
 * <p>Each forecast also scores the symbol's previous forecast (its numbers are kept in the window
 * value, {@link TickWindow.Scoring}) when that one was made on the
 * window ending at the tick just before this window's newest tick: model error {@code p_next -
 * forecast}, persistence error {@code p_next - p_last}, drift error {@code p_next - p_last
 * exp(mu)} with mu the served model's training drift ({@link Drift#meanLogReturnOf}; 0 for a model
 * that predates it) (a correction does not score), and whether {@code p_next} lay within each of
 * that forecast's next-step prediction intervals.
 *
 * <p>Each forecast carries the prediction intervals of the model that made it ({@link
 * ModelHolder.Active}: forecaster and bounds are taken together once per batch, so a hot swap
 * never mixes one model's forecast with another's bounds).
 */
final class ForecastProcessor implements Processor<String, AcceptedTick, String, Emitted> {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastProcessor.class);

  private final ModelHolder model;
  private final TickcastMetrics metrics;
  private final int maxBatch;
  private final Duration maxDelay;
  private final int pathEveryTicks;
  private final IntegrityPolicy policy;
  private final WireFormat forecastFormat;
  private ProcessorContext<String, Emitted> context;
  private String task;
  /** Newest event time of any tick accepted by this task, epoch ms (the idle TTL's clock). */
  private long streamTimeMs = Long.MIN_VALUE;
  private Limits limits;
  private KeyValueStore<String, TickWindow> windows;
  private KeyValueStore<String, byte[]> latest;
  private long nextSequence;
  /** The queued windows of this task, in sequence order (their ticks are in the window store). */
  private final ArrayDeque<QueueRef> queue = new ArrayDeque<>();
  /** Wall-clock time (ms, the context's clock) the oldest queued window was queued. */
  private long oldestQueuedMs;

  /**
   * @param pathEveryTicks K >= 1: one in K of a symbol's full windows gets the H-step path
   * @param forecastFormat wire format of the forecasts topic
   */
  ForecastProcessor(ModelHolder model, TickcastMetrics metrics, int maxBatch, Duration maxDelay,
      int pathEveryTicks, IntegrityPolicy policy, WireFormat forecastFormat) {
    this.policy = policy;
    this.forecastFormat = forecastFormat;
    if (pathEveryTicks < 1) {
      throw new IllegalArgumentException("pathEveryTicks must be >= 1, was " + pathEveryTicks);
    }
    this.model = model;
    this.metrics = metrics;
    this.maxBatch = maxBatch;
    this.maxDelay = maxDelay;
    this.pathEveryTicks = pathEveryTicks;
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    this.windows = context.getStateStore(ForecastTopology.WINDOW_STORE);
    this.latest = context.getStateStore(ForecastTopology.LATEST_STORE);
    // Count the windows this task holds (after restoration, so exact across restarts and
    // rebalances), find the newest accepted tick time, the clock of the idle TTL, and rebuild the
    // queue of windows restored unforecast after a crash or a move to another instance.
    task = context.taskId().toString();
    long held = 0;
    List<QueueRef> restored = new ArrayList<>();
    try (KeyValueIterator<String, TickWindow> it = windows.all()) {
      while (it.hasNext()) {
        KeyValue<String, TickWindow> kv = it.next();
        TickWindow w = kv.value;
        held++;
        if (!w.isEmpty()) {
          streamTimeMs = Math.max(streamTimeMs, w.lastTime());
        }
        for (TickWindow.Queued q : w.queued()) {
          restored.add(new QueueRef(kv.key, q.sequence()));
        }
      }
    }
    restored.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    queue.addAll(restored);
    nextSequence = restored.isEmpty() ? 0L : restored.get(restored.size() - 1).sequence() + 1;
    if (!queue.isEmpty()) {
      LOG.info("task {} resumes with {} queued windows", context.taskId(), queue.size());
      oldestQueuedMs = context.currentSystemTimeMs();
    }
    metrics.tracked(task, held);
    if (policy.idleTtlMs() > 0) {
      Duration every = Duration.ofMillis(Math.min(policy.idleTtlMs(), EVICTION_INTERVAL_MS));
      context.schedule(every, PunctuationType.WALL_CLOCK_TIME, now -> evictIdle());
    }
    // Check a few times per delay; flush only windows that have waited the full delay, so that a
    // backlog fills batches instead of being forecast a few windows at a time.
    Duration tick = Duration.ofMillis(Math.max(1, maxDelay.toMillis() / 4));
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
      if (!queue.isEmpty() && now - oldestQueuedMs >= maxDelay.toMillis()) {
        flush();
      }
    });
  }

  /** Longest wall-clock interval between idle-window scans, ms. */
  static final long EVICTION_INTERVAL_MS = 60_000;

  @Override
  public void process(Record<String, AcceptedTick> record) {
    AcceptedTick t = record.value();
    String symbol = t.symbol();
    TickWindow stored = windows.get(symbol);
    TickWindow window = stored == null ? TickWindow.empty() : stored;
    if (!window.isEmpty() && policy.windowSkewMs() > 0
        && t.time() - window.lastTime() > policy.windowSkewMs()) {
      context.forward(record.withValue((Emitted) new DeadLetter(t.source(),
          RejectReason.FUTURE_TIMESTAMP, "tick time " + t.time() + " is "
              + (t.time() - window.lastTime()) + " ms ahead of the newest tick in the window of "
              + symbol + " (at most " + policy.windowSkewMs() + ")")));
      return;
    }
    WindowPolicy.Decision decision = WindowPolicy.decide(window, t.time(), t.price());
    switch (decision) {
      case OUT_OF_ORDER -> {
        context.forward(record.withValue((Emitted) new DeadLetter(t.source(),
            RejectReason.OUT_OF_ORDER, "tick time " + t.time() + " is older than the newest tick"
                + " in the window of " + symbol + " (" + window.lastTime() + ")")));
        return;
      }
      case DUPLICATE -> {
        metrics.duplicate();
        return;
      }
      default -> { }
    }
    int w = model.windowLength();
    TickcastMetrics.WindowRestart restart = restartReason(decision, window, t);
    if (restart != null) {
      // Start afresh from this tick, so that no window mixes both sides of a jump or a gap.
      metrics.restarted(restart);
      window = window.restarted();
      decision = WindowPolicy.Decision.APPEND;
    }
    TickWindow next = WindowPolicy.apply(decision, window, t.time(), t.price(), t.volume(), w);
    boolean full = next.size() == w;
    long count = next.fullWindows();
    long sequence = nextSequence;
    if (full) {
      next = next.withFullWindows(count + 1).enqueue(nextSequence++, t.arrivalEpochNanos(),
          record.timestamp(), getsPath(symbol, count, pathEveryTicks));
    }
    windows.put(symbol, next);
    if (stored == null) {
      metrics.trackedDelta(task, 1);
    }
    streamTimeMs = Math.max(streamTimeMs, t.time());
    metrics.accepted();
    if (full) {
      if (queue.isEmpty()) {
        oldestQueuedMs = context.currentSystemTimeMs();
      }
      queue.add(new QueueRef(symbol, sequence));
      if (queue.size() >= maxBatch) {
        flush();
      }
    }
  }

  /**
   * Why the window must restart at this tick, or null: a price jump (the move from the previous
   * tick, {@link InputProfile#move}, beyond the jump limit; for a correction, from the tick before
   * the corrected one) or a gap (an append more than {@code gapMaxIntervals} median intervals of
   * the window, and more than {@code gapMinMs}, after its newest tick).
   */
  private TickcastMetrics.WindowRestart restartReason(WindowPolicy.Decision decision,
      TickWindow window, AcceptedTick t) {
    int n = window.size();
    int previous = decision == WindowPolicy.Decision.APPEND ? n - 1 : n - 2;
    if (previous < 0) {
      return null;
    }
    Limits l = limits();
    double move = InputProfile.move(l.normalisation, window.price(previous), t.price());
    if (!(move <= l.jumpLimit)) {
      return TickcastMetrics.WindowRestart.PRICE_JUMP;
    }
    if (decision == WindowPolicy.Decision.APPEND && policy.gapMaxIntervals() > 0
        && n - 1 >= IntegrityPolicy.MIN_INTERVALS_FOR_GAP) {
      long gap = t.time() - window.lastTime();
      // The floor first: most ticks are closer than it, and then the W-1 intervals aren't sorted.
      if (gap > policy.gapMinMs()) {
        double median = medianInterval(window);
        if (median > 0 && gap > policy.gapMaxIntervals() * median) {
          return TickcastMetrics.WindowRestart.GAP;
        }
      }
    }
    return null;
  }

  /** The median of the intervals between a window's consecutive ticks, ms (n >= 2 ticks). */
  static double medianInterval(TickWindow w) {
    long[] d = new long[w.size() - 1];
    for (int i = 1; i < w.size(); i++) {
      d[i - 1] = w.time(i) - w.time(i - 1);
    }
    Arrays.sort(d);
    int m = d.length / 2;
    return d.length % 2 == 1 ? d[m] : (d[m - 1] + d[m]) / 2.0;
  }

  /** The guard and jump limit of the model now served (rebuilt when it is replaced). */
  private Limits limits() {
    LoadedModel current = model.current();
    if (limits == null || !limits.version.equals(current.version())) {
      ModelMetadata m = current.metadata();
      limits = new Limits(current.version(), Normalisation.fromConfig(m.normalisation()),
          policy.guard(m), policy.jumpLimit(m));
    }
    return limits;
  }

  private record Limits(String version, Normalisation normalisation, ForecastGuard guard,
      double jumpLimit) {}

  /**
   * Removes the windows (and latest forecasts) of symbols whose newest tick is more than the
   * idle TTL behind this task's newest accepted tick.
   */
  private void evictIdle() {
    if (streamTimeMs == Long.MIN_VALUE) {
      return;
    }
    long cutoff = streamTimeMs - policy.idleTtlMs();
    List<String> idle = new ArrayList<>();
    try (KeyValueIterator<String, TickWindow> it = windows.all()) {
      while (it.hasNext()) {
        KeyValue<String, TickWindow> kv = it.next();
        // (a symbol with windows still queued waits for their forecasts)
        if (kv.value.queued().isEmpty()
            && (kv.value.isEmpty() || kv.value.lastTime() < cutoff)) {
          idle.add(kv.key);
        }
      }
    }
    for (String symbol : idle) {
      windows.delete(symbol);
      latest.delete(symbol);
      metrics.trackedDelta(task, -1);
      metrics.evicted();
    }
    if (!idle.isEmpty()) {
      LOG.debug("task {} removed {} idle windows", task, idle.size());
    }
  }

  @Override
  public void close() {
    if (task != null) {
      metrics.untracked(task);
    }
  }

  /**
   * Whether full window {@code count} (0-based) of {@code symbol} gets the H-step path: {@code
   * (count + symbol.hashCode()) mod k == 0}.
   */
  static boolean getsPath(String symbol, long count, int k) {
    return Math.floorMod(count + symbol.hashCode(), k) == 0;
  }

  /** A queued window: its symbol (the window-store key) and its sequence number. */
  private record QueueRef(String symbol, long sequence) {}

  /** A queued window taken into a batch: its symbol, its queue entry and its ticks. */
  private record Item(String symbol, TickWindow.Queued queued, TickWindow window) {}

  /** Forecasts every queued window, in queue order, in batches of at most {@code maxBatch}. */
  private void flush() {
    oldestQueuedMs = context.currentSystemTimeMs();
    while (!queue.isEmpty()) {
      List<QueueRef> refs = new ArrayList<>(Math.min(queue.size(), maxBatch));
      while (!queue.isEmpty() && refs.size() < maxBatch) {
        refs.add(queue.poll());
      }
      runBatch(refs);
    }
  }

  /** Symbol → its window-store value, each read once per batch, written once after it. */
  private Map<String, TickWindow> states;
  /** Symbol → the scoring state of its newest record in this batch (null: not ok). */
  private Map<String, TickWindow.Scoring> scoring;

  private void runBatch(List<QueueRef> refs) {
    states = new LinkedHashMap<>();
    scoring = new HashMap<>();
    Map<String, Integer> taken = new HashMap<>();
    List<Item> batch = new ArrayList<>(refs.size());
    for (QueueRef ref : refs) {
      TickWindow state = states.computeIfAbsent(ref.symbol(), windows::get);
      int i = taken.merge(ref.symbol(), 1, Integer::sum) - 1;
      if (state == null || i >= state.queued().size()
          || state.queued().get(i).sequence() != ref.sequence()) {
        // Cannot happen: the value holds its symbol's queued windows in sequence order.
        throw new IllegalStateException("queued window " + ref + " is not in the window store");
      }
      TickWindow.Queued q = state.queued().get(i);
      batch.add(new Item(ref.symbol(), q, state.window(q)));
      scoring.putIfAbsent(ref.symbol(), state.previous());
    }
    forecastBatch(batch);
    for (Map.Entry<String, TickWindow> e : states.entrySet()) {
      windows.put(e.getKey(), e.getValue().dequeue(taken.get(e.getKey()))
          .withPrevious(scoring.get(e.getKey())));
    }
  }

  private void forecastBatch(List<Item> batch) {
    ModelHolder.Active active = model.forThisThread();
    Forecaster forecaster = active.forecaster();
    FeatureMapping features = model.features();
    ForecastGuard guard = limits().guard;
    String variant = forecaster.spec().rollForward().configName();
    List<Item> items = new ArrayList<>(batch.size());
    List<double[][]> itemRows = new ArrayList<>(batch.size());
    List<PreparedBatch.Window> pathInputs = new ArrayList<>(batch.size());
    List<PreparedBatch.Window> stepInputs = new ArrayList<>(batch.size());
    for (Item kv : batch) {
      double[][] rows = features.rows(kv.window());
      ForecastGuard.Verdict verdict;
      // Normalised once: the guard checks the window the model then reads.
      PreparedBatch.Window prepared = null;
      try {
        prepared = PreparedBatch.window(forecaster.spec(), rows);
        verdict = guard.checkInput(prepared.normalised());
      } catch (NormalisationException e) {
        verdict = ForecastGuard.Verdict.INPUT_NON_FINITE;
      }
      if (verdict != ForecastGuard.Verdict.OK) {
        metrics.withheld(verdict);
        publish(kv, withheld(kv, active.version(), variant, STATUS_WITHHELD + verdict.code()));
        continue;
      }
      items.add(kv);
      itemRows.add(rows);
      (kv.queued().withPath() ? pathInputs : stepInputs).add(prepared);
    }
    if (items.isEmpty()) {
      return;
    }
    PathForecast[] paths;
    double[] steps;
    long start = System.nanoTime();
    try {
      paths = paths(forecaster, pathInputs);
      // Windows already normalised above: nextStep does not normalise them again.
      steps = stepInputs.isEmpty() ? new double[0]
          : forecaster.nextStep(PreparedBatch.of(stepInputs));
    } catch (RuntimeException e) {
      // A model error is a real failure: every window of the batch gets a failed record.
      LOG.warn("inference failed for a batch of {} windows", items.size(), e);
      for (Item kv : items) {
        metrics.forecastFailed();
        publish(kv, withheld(kv, active.version(), variant, STATUS_FAILED));
      }
      return;
    }
    metrics.batch(items.size(), System.nanoTime() - start);
    // Back to queue order: the i-th path window and the j-th next-step-only window.
    PathForecast[] results = new PathForecast[items.size()];
    int pi = 0;
    int si = 0;
    for (int i = 0; i < results.length; i++) {
      if (items.get(i).queued().withPath()) {
        results[i] = paths[pi++];
      } else {
        results[i] = new PathForecast(steps[si++], new double[0]);
      }
    }
    Instant produced = Instant.now();
    for (int i = 0; i < items.size(); i++) {
      Item p = items.get(i);
      TickWindow win = p.window();
      ForecastGuard.Verdict verdict = results[i] == null
          // renormalise: a rolled-forward step made the shifted window unnormalisable (<= 0).
          ? ForecastGuard.Verdict.OUTPUT_NON_POSITIVE
          : guard.checkOutputs(win.lastPrice(), results[i].nextStep(), results[i].path());
      if (verdict != ForecastGuard.Verdict.OK) {
        metrics.withheld(verdict);
        publish(p, withheld(p, active.version(), variant, STATUS_WITHHELD + verdict.code()));
        continue;
      }
      List<Double> path = new ArrayList<>(results[i].path().length);
      for (double v : results[i].path()) {
        path.add(v);
      }
      Forecast f = Forecast.newBuilder()
          .setSymbol(p.symbol())
          .setLastTickTime(Instant.ofEpochMilli(win.lastTime()))
          .setLastTickPrice(win.lastPrice())
          .setNextStep(results[i].nextStep())
          .setPath(path)
          .setModelVersion(active.version())
          .setRollForward(variant)
          .setProducedAt(produced)
          .setIntervals(intervals(active.intervals(), itemRows.get(i), results[i]))
          .build();
      score(scoring.get(p.symbol()), win);
      publish(p, f);
      metrics.emitted(p.queued().arrivalEpochNanos(), WallClock.epochNanos());
    }
  }

  /** {@code status} prefix of a forecast withheld by the guard. */
  static final String STATUS_WITHHELD = "withheld_";
  /** {@code status} of a window whose inference raised an error. */
  static final String STATUS_FAILED = "failed";

  /** A record with a status and no numbers: nextStep NaN, empty path. */
  private static Forecast withheld(Item p, String version, String variant,
      String status) {
    return Forecast.newBuilder()
        .setSymbol(p.symbol())
        .setLastTickTime(Instant.ofEpochMilli(p.window().lastTime()))
        .setLastTickPrice(p.window().lastPrice())
        .setNextStep(Double.NaN)
        .setPath(List.of())
        .setModelVersion(version)
        .setRollForward(variant)
        .setProducedAt(Instant.now())
        .setStatus(status)
        .build();
  }

  /**
   * Forwards a record for a queued window and keeps its scoring state (the window leaves its
   * symbol's value when the batch writes the value back).
   */
  private void publish(Item p, Forecast f) {
    // Encoded once for the store and, in the same format, the sink.
    byte[] stored = ForecastCodec.encode(f, WireFormat.AVRO);
    latest.put(p.symbol(), stored);
    scoring.put(p.symbol(), ForecastCodec.isOk(f) ? scoringOf(f) : null);
    byte[] out = forecastFormat == WireFormat.AVRO ? stored : ForecastCodec.encode(f, forecastFormat);
    context.forward(new Record<>(p.symbol(), new Emitted.Forecast(out),
        p.queued().recordTimestamp()));
  }

  /** What scoring the next window needs of an ok forecast. */
  private static TickWindow.Scoring scoringOf(Forecast f) {
    List<PredictionInterval> intervals = ForecastCodec.intervals(f);
    double[] levels = new double[intervals.size()];
    double[] lower = new double[levels.length];
    double[] upper = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = intervals.get(i).getLevel();
      lower[i] = intervals.get(i).getNextLower();
      upper[i] = intervals.get(i).getNextUpper();
    }
    return new TickWindow.Scoring(f.getLastTickTime().toEpochMilli(), f.getLastTickPrice(),
        f.getNextStep(), levels, lower, upper);
  }

  /**
   * The bounds of every calibrated level around a forecast: next step, and each path step when
   * the forecast has a path; {@code null} when the model has no intervals.
   */
  private static List<PredictionInterval> intervals(IntervalBands bands, double[][] rows,
      PathForecast forecast) {
    if (bands.levelCount() == 0) {
      return null; // as records from before intervals: the JSON form then has no key at all
    }
    // The window normalised earlier in this batch, so its base is usable; under
    // window-volatility scaling its own volatility scales the half-widths.
    IntervalBands.WindowScale scale = bands.scale(rows);
    boolean withPath = forecast.path().length > 0;
    // path[0] is the next step, so the first bound of each band is the next step's.
    double[] path = withPath ? forecast.path() : new double[] {forecast.nextStep()};
    IntervalBands.Band[] b = bands.bands(path, scale);
    List<PredictionInterval> out = new ArrayList<>(b.length);
    for (IntervalBands.Band band : b) {
      out.add(PredictionInterval.newBuilder()
          .setLevel(band.level())
          .setNextLower(band.lower()[0])
          .setNextUpper(band.upper()[0])
          .setPathLower(withPath ? boxed(band.lower()) : List.of())
          .setPathUpper(withPath ? boxed(band.upper()) : List.of())
          .build());
    }
    return out;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  /**
   * The H-step forecasts of the path windows in one call; {@code null} for a window whose
   * rolled-forward window left the normalisable range ({@code renormalise} only).
   */
  private static PathForecast[] paths(Forecaster forecaster, List<PreparedBatch.Window> x) {
    if (x.isEmpty()) {
      return new PathForecast[0];
    }
    try {
      return forecaster.forecast(PreparedBatch.of(x));
    } catch (NormalisationException e) {
      // Isolate the window(s) at fault.
      PathForecast[] results = new PathForecast[x.size()];
      for (int i = 0; i < results.length; i++) {
        try {
          results[i] = forecaster.forecast(PreparedBatch.of(List.of(x.get(i))))[0];
        } catch (NormalisationException single) {
          results[i] = null;
        }
      }
      return results;
    }
  }

  /**
   * Scores the symbol's previous forecast if it was made one tick before this window's newest.
   *
   * @param previous the previous record's scoring state, null when it was not ok (or none)
   */
  private void score(TickWindow.Scoring previous, TickWindow win) {
    int n = win.size();
    if (previous == null || n < 2) {
      return;
    }
    if (previous.lastTickTime() == win.time(n - 2) && win.lastTime() > win.time(n - 2)) {
      double last = previous.lastTickPrice();
      metrics.scored(win.lastPrice(), previous.nextStep(), last,
          Drift.next(last, model.driftRate(), 1));
      for (int i = 0; i < previous.levels().length; i++) {
        metrics.intervalScored(previous.levels()[i], previous.nextLower()[i],
            previous.nextUpper()[i], win.lastPrice());
      }
    }
  }
}
