package io.tickcast.streams.topology;

import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.PathForecast;
import io.tickcast.core.interval.IntervalBands;
import io.tickcast.core.normalise.NormalisationException;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.streams.inference.FeatureMapping;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.metrics.TickcastMetrics;
import io.tickcast.streams.validate.RejectReason;
import io.tickcast.streams.window.TickWindow;
import io.tickcast.streams.window.WindowPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * every full window in the pending store and forecasts queued windows in micro-batches: when
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
 * Forecasts are forwarded in queue order. Windows leave the pending store only when their forecast
 * is forwarded, in the same Kafka Streams transaction, so a crash re-queues rather than loses
 * them.
 *
 * <p>Each forecast also scores the symbol's previous forecast when that one was made on the
 * window ending at the tick just before this window's newest tick: model error {@code p_next -
 * forecast}, persistence error {@code p_next - p_last} (a correction does not score), and
 * whether {@code p_next} lay within each of that forecast's next-step prediction intervals.
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
  private ProcessorContext<String, Emitted> context;
  private KeyValueStore<String, TickWindow> windows;
  private KeyValueStore<Long, PendingWindow> pending;
  private KeyValueStore<String, Forecast> latest;
  private long nextSequence;
  private int pendingCount;
  /** Wall-clock time (ms, the context's clock) the oldest queued window was queued. */
  private long oldestQueuedMs;

  /**
   * @param pathEveryTicks K >= 1: one in K of a symbol's full windows gets the H-step path
   */
  ForecastProcessor(ModelHolder model, TickcastMetrics metrics, int maxBatch, Duration maxDelay,
      int pathEveryTicks) {
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
    this.pending = context.getStateStore(ForecastTopology.PENDING_STORE);
    this.latest = context.getStateStore(ForecastTopology.LATEST_STORE);
    // Restored after a crash or a move to another instance: continue the queue where it was.
    try (KeyValueIterator<Long, PendingWindow> it = pending.reverseAll()) {
      nextSequence = it.hasNext() ? it.next().key + 1 : 0L;
    }
    try (KeyValueIterator<Long, PendingWindow> it = pending.all()) {
      while (it.hasNext()) {
        it.next();
        pendingCount++;
      }
    }
    if (pendingCount > 0) {
      LOG.info("task {} resumes with {} queued windows", context.taskId(), pendingCount);
      oldestQueuedMs = context.currentSystemTimeMs();
    }
    // Check a few times per delay; flush only windows that have waited the full delay, so that a
    // backlog fills batches instead of being forecast a few windows at a time.
    Duration tick = Duration.ofMillis(Math.max(1, maxDelay.toMillis() / 4));
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
      if (pendingCount > 0 && now - oldestQueuedMs >= maxDelay.toMillis()) {
        flush();
      }
    });
  }

  @Override
  public void process(Record<String, AcceptedTick> record) {
    AcceptedTick t = record.value();
    String symbol = t.symbol();
    TickWindow window = windows.get(symbol);
    if (window == null) {
      window = TickWindow.empty();
    }
    WindowPolicy.Decision decision = WindowPolicy.decide(window, t.time(), t.price());
    switch (decision) {
      case OUT_OF_ORDER -> {
        context.forward(record.withValue(Emitted.rejected(new DeadLetter(t.source(),
            RejectReason.OUT_OF_ORDER, "tick time " + t.time() + " is older than the newest tick"
                + " in the window of " + symbol + " (" + window.lastTime() + ")"))));
        return;
      }
      case DUPLICATE -> {
        metrics.duplicate();
        return;
      }
      default -> { }
    }
    int w = model.windowLength();
    TickWindow next = WindowPolicy.apply(decision, window, t.time(), t.price(), t.volume(), w);
    boolean full = next.size() == w;
    long count = next.fullWindows();
    if (full) {
      next = next.withFullWindows(count + 1);
    }
    windows.put(symbol, next);
    metrics.accepted();
    if (full) {
      metrics.tracking(symbol);
      pending.put(nextSequence++, new PendingWindow(symbol, next, t.arrivalEpochNanos(),
          record.timestamp(), getsPath(symbol, count, pathEveryTicks)));
      if (pendingCount++ == 0) {
        oldestQueuedMs = context.currentSystemTimeMs();
      }
      if (pendingCount >= maxBatch) {
        flush();
      }
    }
  }

  /**
   * Whether full window {@code count} (0-based) of {@code symbol} gets the H-step path: {@code
   * (count + symbol.hashCode()) mod k == 0}.
   */
  static boolean getsPath(String symbol, long count, int k) {
    return Math.floorMod(count + symbol.hashCode(), k) == 0;
  }

  /** Forecasts every queued window, in queue order, in batches of at most {@code maxBatch}. */
  private void flush() {
    oldestQueuedMs = context.currentSystemTimeMs();
    while (pendingCount > 0) {
      List<KeyValue<Long, PendingWindow>> batch = new ArrayList<>(Math.min(pendingCount, maxBatch));
      try (KeyValueIterator<Long, PendingWindow> it = pending.all()) {
        while (it.hasNext() && batch.size() < maxBatch) {
          batch.add(it.next());
        }
      }
      if (batch.isEmpty()) {
        pendingCount = 0;
        return;
      }
      runBatch(batch);
      pendingCount -= batch.size();
    }
  }

  private void runBatch(List<KeyValue<Long, PendingWindow>> batch) {
    ModelHolder.Active active = model.forThisThread();
    Forecaster forecaster = active.forecaster();
    FeatureMapping features = model.features();
    List<KeyValue<Long, PendingWindow>> items = new ArrayList<>(batch.size());
    List<double[][]> itemRows = new ArrayList<>(batch.size());
    List<double[][]> pathInputs = new ArrayList<>(batch.size());
    List<double[][]> stepInputs = new ArrayList<>(batch.size());
    for (KeyValue<Long, PendingWindow> kv : batch) {
      double[][] rows = features.rows(kv.value.window());
      try {
        forecaster.spec().normalisation().apply(rows);
      } catch (NormalisationException e) {
        fail(kv, e);
        continue;
      }
      items.add(kv);
      itemRows.add(rows);
      (kv.value.withPath() ? pathInputs : stepInputs).add(rows);
    }
    if (items.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    PathForecast[] paths = paths(forecaster, pathInputs.toArray(new double[0][][]));
    // Windows already normalised above: nextStep cannot fail on them.
    double[] steps = stepInputs.isEmpty() ? new double[0]
        : forecaster.nextStep(stepInputs.toArray(new double[0][][]));
    metrics.batch(items.size(), System.nanoTime() - start);
    // Back to queue order: the i-th path window and the j-th next-step-only window.
    PathForecast[] results = new PathForecast[items.size()];
    int pi = 0;
    int si = 0;
    for (int i = 0; i < results.length; i++) {
      if (items.get(i).value.withPath()) {
        results[i] = paths[pi++];
      } else {
        results[i] = new PathForecast(steps[si++], new double[0]);
      }
    }
    String variant = forecaster.spec().rollForward().configName();
    Instant produced = Instant.now();
    for (int i = 0; i < items.size(); i++) {
      KeyValue<Long, PendingWindow> kv = items.get(i);
      if (results[i] == null) {
        fail(kv, new IllegalStateException("roll-forward left the normalisable range"));
        continue;
      }
      PendingWindow p = kv.value;
      TickWindow win = p.window();
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
      score(p.symbol(), win);
      latest.put(p.symbol(), f);
      pending.delete(kv.key);
      context.forward(new Record<>(p.symbol(), Emitted.forecast(f), p.recordTimestamp()));
      metrics.emitted(p.arrivalEpochNanos(), WallClock.epochNanos());
    }
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
    // The window normalised earlier in this batch, so its base is usable.
    double base = bands.base(rows);
    boolean withPath = forecast.path().length > 0;
    // path[0] is the next step, so the first bound of each band is the next step's.
    double[] path = withPath ? forecast.path() : new double[] {forecast.nextStep()};
    IntervalBands.Band[] b = bands.bands(path, base);
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
  private static PathForecast[] paths(Forecaster forecaster, double[][][] x) {
    if (x.length == 0) {
      return new PathForecast[0];
    }
    try {
      return forecaster.forecast(x);
    } catch (NormalisationException e) {
      // Isolate the window(s) at fault.
      PathForecast[] results = new PathForecast[x.length];
      for (int i = 0; i < x.length; i++) {
        try {
          results[i] = forecaster.forecast(new double[][][] {x[i]})[0];
        } catch (NormalisationException single) {
          results[i] = null;
        }
      }
      return results;
    }
  }

  /** Scores the symbol's previous forecast if it was made one tick before this window's newest. */
  private void score(String symbol, TickWindow win) {
    Forecast previous = latest.get(symbol);
    int n = win.size();
    if (previous == null || n < 2) {
      return;
    }
    if (previous.getLastTickTime().toEpochMilli() == win.time(n - 2)
        && win.lastTime() > win.time(n - 2)) {
      metrics.scored(win.lastPrice(), previous.getNextStep(), previous.getLastTickPrice());
      for (PredictionInterval i : ForecastCodec.intervals(previous)) {
        metrics.intervalScored(i.getLevel(), i.getNextLower(), i.getNextUpper(), win.lastPrice());
      }
    }
  }

  private void fail(KeyValue<Long, PendingWindow> kv, RuntimeException e) {
    LOG.warn("no forecast for {} at {}: {}", kv.value.symbol(), kv.value.window().lastTime(),
        e.getMessage());
    metrics.forecastFailed();
    pending.delete(kv.key);
  }
}
