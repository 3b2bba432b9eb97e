package io.tickcast.cli.demo;

import io.tickcast.cli.ForecastReader;
import io.tickcast.cli.replay.CsvTicks;
import io.tickcast.cli.replay.Rate;
import io.tickcast.cli.replay.TickPublisher;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.RunningApp;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.testkit.LocalPipeline;
import io.tickcast.trainer.config.TrainerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: a Kafka broker (embedded, or an existing one), a model
 * (trained here, or given), the stream app started in this JVM by a {@link LocalPipeline}
 * (the production entry point, topology, serdes and model loader), a replay of a CSV price column as ticks,
 * and a consumer of the forecasts topic. Everything it starts is stopped before {@link #run}
 * returns, also on failure or when {@code stop} turns true.
 */
public final class DemoRun {
  private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
  /** File name of the chart of the whole series, written into the output directory. */
  public static final String CHART_FILE = "forecasts.png";
  /** File name of the chart of the series' last {@value #TAIL_ROWS} ticks. */
  public static final String TAIL_CHART_FILE = "forecasts-last-500.png";
  private static final int TAIL_ROWS = 500;
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(2);

  /**
   * What to run.
   *
   * @param data CSV file with a price column
   * @param priceColumn price column header (e.g. {@code Close}), or null for a one-column file
   * @param timing where tick event times come from
   * @param symbol symbol of the replayed series
   * @param model a model artifact directory (or a directory of them); null trains one
   * @param output directory for the trained model ({@code models/}) and the chart
   * @param trainConfig trainer config file to train with (the S&P 500 default), null for the
   *     trainer's built-in defaults
   * @param trainEpochs most epochs when training, null for the config's (early stopping applies)
   * @param trainRows rows of {@code data} used for training (from the start)
   * @param rate pace of the replay, all symbols together
   * @param symbols how many symbols: {@code symbol} plus {@code symbols - 1} scaled copies
   * @param limit ticks per symbol (from the start of the file), null for all
   * @param format wire format of ticks and forecasts
   * @param partitions partitions of the created topics
   * @param bootstrapServers an existing Kafka cluster, or null for an embedded broker
   * @param idleTimeout stop waiting for forecasts after this long without a new one
   * @param httpPort port of the stream app's HTTP endpoint; 0 free, -1 off
   * @param batchSize most windows per inference call ({@code tickcast.batch.max.size})
   * @param batchDelay longest a full window waits for its batch ({@code
   *     tickcast.batch.max.delay.ms})
   * @param liveProgress rewrite one progress line in place (a terminal) instead of printing a
   *     new line every few seconds
   * @param columns price columns of a wide {@code data} file replayed as their own symbols (the
   *     column headers, e.g. DAX, SMI, CAC), one model trained on all of them; empty: {@code
   *     priceColumn} as {@code symbol} plus {@code symbols - 1} scaled copies
   */
  public record Options(
      Path data,
      String priceColumn,
      CsvTicks.Timing timing,
      String symbol,
      Path model,
      Path output,
      Path trainConfig,
      Integer trainEpochs,
      int trainRows,
      Rate rate,
      int symbols,
      Integer limit,
      WireFormat format,
      int partitions,
      String bootstrapServers,
      Duration idleTimeout,
      int httpPort,
      int batchSize,
      Duration batchDelay,
      boolean liveProgress,
      List<String> columns) {
    /** @throws IllegalArgumentException naming the bad value */
    public Options {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(output, "output");
      if (symbols < 1 || symbols > 1000) {
        throw new IllegalArgumentException("--symbols must be 1..1000, was " + symbols);
      }
      if (limit != null && limit < 2) {
        throw new IllegalArgumentException("--limit must be at least 2, was " + limit);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batch-max-size must be at least 1, was " + batchSize);
      }
      if ((trainEpochs != null && trainEpochs < 1) || trainRows < 2) {
        throw new IllegalArgumentException("training needs at least 1 epoch and 2 rows");
      }
      columns = List.copyOf(columns);
      if (!columns.isEmpty() && symbols != columns.size()) {
        throw new IllegalArgumentException("--symbols names " + columns.size() + " columns "
            + columns + ", but " + symbols + " symbols were asked for");
      }
    }

    /** One price column and {@code symbols - 1} scaled copies of it (no {@link #columns}). */
    public Options(Path data, String priceColumn, CsvTicks.Timing timing, String symbol,
        Path model, Path output, Path trainConfig, Integer trainEpochs, int trainRows, Rate rate,
        int symbols, Integer limit, WireFormat format, int partitions, String bootstrapServers,
        Duration idleTimeout, int httpPort, int batchSize, Duration batchDelay,
        boolean liveProgress) {
      this(data, priceColumn, timing, symbol, model, output, trainConfig, trainEpochs, trainRows,
          rate, symbols, limit, format, partitions, bootstrapServers, idleTimeout, httpPort,
          batchSize, batchDelay, liveProgress, List.of());
    }
  }

  /**
   * What happened.
   *
   * @param summary the measured numbers
   * @param chart the PNG of the whole series
   * @param tailChart the PNG of the last 500 ticks, where the paths are easier to see
   * @param modelDir the model artifact served
   * @param modelVersion its version
   * @param trainedRows rows the model was trained on (from the file's start), 0 if unknown
   * @param unseen the summary of the forecasts whose next tick lies after the training rows,
   *     empty when the model was not trained here
   * @param expectedForecasts forecasts the stream app should emit: per symbol N - W + 1
   * @param sent every tick published
   * @param received every forecast consumed
   * @param ticksTopic the ticks topic
   * @param forecastsTopic the forecasts topic
   * @param elapsed wall-clock time of the whole run
   * @param windowLength W of the served model (a symbol's first forecast is at its W-th tick)
   */
  public record Result(
      DemoSummary summary,
      Path chart,
      Path tailChart,
      Path modelDir,
      String modelVersion,
      int trainedRows,
      Optional<DemoSummary> unseen,
      int expectedForecasts,
      List<SentTick> sent,
      List<ReceivedForecast> received,
      String ticksTopic,
      String forecastsTopic,
      Duration elapsed,
      int windowLength) {}

  private DemoRun() {}

  /**
   * Runs the demo.
   *
   * @param o options
   * @param out where progress and the summary are printed
   * @param stop polled throughout; true ends the replay early and shuts everything down
   * @return what happened
   * @throws io.tickcast.core.series.SeriesFormatException if the data file is bad
   * @throws io.tickcast.streams.StartupException if the stream app cannot start
   * @throws io.tickcast.broker.EmbeddedKafkaException if the embedded broker cannot start
   * @throws IllegalStateException if stream processing fails during the run
   * @throws InterruptedException if interrupted
   */
  public static Result run(Options o, PrintWriter out, BooleanSupplier stop)
      throws InterruptedException {
    long t0 = System.nanoTime();
    List<DemoSeries.Named> replayed;
    int fileRows; // training reads the file, not the --limit'ed ticks
    if (o.columns().isEmpty()) {
      CsvTicks.Series whole = CsvTicks.read(o.data(), o.priceColumn(), o.timing());
      fileRows = whole.size();
      replayed = DemoSeries.copies(o.symbol(), o.symbols(),
          o.limit() == null ? whole : whole.head(o.limit()));
    } else {
      replayed = DemoSeries.columns(o.data(), o.columns(), o.timing());
      fileRows = replayed.get(0).series().size();
      if (o.limit() != null) {
        replayed = DemoSeries.head(replayed, o.limit());
      }
    }
    CsvTicks.Series series = replayed.get(0).series();
    List<String> symbols = replayed.stream().map(DemoSeries.Named::symbol).toList();
    List<Tick> ticks = DemoSeries.interleave(replayed);
    String run = UUID.randomUUID().toString().substring(0, 8);
    boolean embedded = o.bootstrapServers() == null;
    // On a shared cluster, fresh topic names keep runs apart; an embedded broker is empty anyway.
    String suffix = embedded ? "" : ".demo-" + run;
    String ticksTopic = AppConfig.defaultValues().get(AppConfig.TOPIC_TICKS) + suffix;
    String forecastsTopic = AppConfig.defaultValues().get(AppConfig.TOPIC_FORECASTS) + suffix;
    String deadLetterTopic = AppConfig.defaultValues().get(AppConfig.TOPIC_DEAD_LETTER) + suffix;

    // 1. Kafka
    try (LocalPipeline pipeline = embedded
        ? LocalPipeline.embedded(o.partitions(), ticksTopic, forecastsTopic, deadLetterTopic)
        : LocalPipeline.existing(o.bootstrapServers())) {
      String bootstrap = pipeline.bootstrapServers();
      if (embedded) {
        out.printf("[1/5] Kafka broker (embedded, KRaft) at %s; topics %s, %s, %s%n", bootstrap,
            ticksTopic, forecastsTopic, deadLetterTopic);
      } else {
        out.printf("[1/5] Kafka at %s; topics %s, %s, %s%n", bootstrap, ticksTopic,
            forecastsTopic, deadLetterTopic);
      }
      out.flush();

      // 2. Model
      Path modelDir;
      int trainedRows = 0;
      if (o.model() != null) {
        modelDir = o.model();
        out.printf("[2/5] model: %s%n", modelDir);
      } else {
        TrainerConfig config = trainConfig(o);
        int epochs = config.training().epochs();
        out.printf(Locale.ROOT, "[2/5] training the LSTM on %s (%s, first %d rows, at most %d"
                + " epoch%s, config %s) ...%n", o.data().getFileName(),
            DemoModel.columns(o), o.trainRows(), epochs,
            epochs == 1 ? "" : "s",
            o.trainConfig() == null ? "built-in defaults" : o.trainConfig().getFileName());
        out.flush();
        DemoModel.Trained trained = DemoModel.train(config, o, o.output().resolve("models"));
        modelDir = trained.artifactDir();
        trainedRows = Math.min(o.trainRows(), fileRows);
        out.printf(Locale.ROOT, "      trained in %.1f s: model %s in %s%n",
            trained.elapsedMillis() / 1000.0, trained.modelVersion().substring(0, 12), modelDir);
      }
      out.flush();
      if (stop.getAsBoolean()) {
        throw new InterruptedException("stopped");
      }

      // 3. Stream app, in this JVM, from its production entry point
      Map<String, String> settings = new HashMap<>();
      settings.put(AppConfig.APPLICATION_ID, "tickcast-demo" + (embedded ? "" : "-" + run));
      settings.put(AppConfig.TOPIC_TICKS, ticksTopic);
      settings.put(AppConfig.TOPIC_FORECASTS, forecastsTopic);
      settings.put(AppConfig.TOPIC_DEAD_LETTER, deadLetterTopic);
      settings.put(AppConfig.TICK_FORMAT, o.format().configName());
      settings.put(AppConfig.FORECAST_FORMAT, o.format().configName());
      settings.put(AppConfig.MODEL_DIR, modelDir.toString());
      settings.put(AppConfig.MODEL_POLL_INTERVAL_MS, "0");
      settings.put(AppConfig.HTTP_PORT, Integer.toString(o.httpPort()));
      settings.put(AppConfig.HTTP_HOST, "127.0.0.1");
      settings.put(AppConfig.TOPICS_PARTITIONS, Integer.toString(o.partitions()));
      settings.put(AppConfig.BATCH_MAX_SIZE, Integer.toString(o.batchSize()));
      settings.put(AppConfig.BATCH_MAX_DELAY_MS, Long.toString(o.batchDelay().toMillis()));
      // A replay far faster than inference keeps every batch full; on a busy 2-core machine a
      // transaction can then outlast Kafka Streams' 10 s default and fence the producer.
      settings.put(AppConfig.STREAMS_PREFIX + "producer.transaction.timeout.ms",
          Long.toString(TRANSACTION_TIMEOUT.toMillis()));
      RunningApp app = pipeline.startApp(settings, STARTUP_TIMEOUT, "tickcast-demo-state-");
      AppConfig config = pipeline.config();
      ModelMetadata meta = app.model().current().metadata();
      int w = meta.windowLength();
      int expected = DemoSeries.expectedForecasts(replayed, w);
      out.printf(Locale.ROOT, "[3/5] stream app running: model %s (window %d, horizon %d, %s"
              + " normalisation, roll-forward %s), %s%s%n", app.modelVersion().substring(0, 12),
          w, meta.horizon(), meta.normalisation(), meta.rollForward(),
          config.processingGuarantee(), app.httpPort() > 0
              ? "; metrics at http://localhost:" + app.httpPort() + "/metrics" : "");
      out.flush();

      // 4. Consume forecasts, replay ticks
      List<SentTick> sent = Collections.synchronizedList(new ArrayList<>(ticks.size()));
      List<ReceivedForecast> received = Collections.synchronizedList(new ArrayList<>());
      ForecastReader consumer = pipeline.open(new ForecastReader(bootstrap, forecastsTopic,
          o.format(), "tickcast-demo-forecasts",
          (f, now) -> received.add(new ReceivedForecast(f, now))));
      consumer.start();

      out.printf(Locale.ROOT, "[4/5] replaying %d ticks (%d symbol%s x %d) at %s; expecting %d"
              + " forecasts%n", ticks.size(), symbols.size(), symbols.size() == 1 ? "" : "s",
          series.size(), o.rate(), expected);
      out.flush();
      ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tickcast-demo-progress");
        t.setDaemon(true);
        return t;
      });
      pipeline.open(progress::shutdownNow);
      ProgressPrinter printer = new ProgressPrinter(out, o.liveProgress(), expected);
      progress.scheduleAtFixedRate(() -> printer.update(DemoSummary.of(copy(sent),
          copy(received))), 1, 1, TimeUnit.SECONDS);

      try (TickPublisher publisher = TickPublisher.create(bootstrap, ticksTopic, o.format(),
          Map.of())) {
        publisher.publish(ticks, o.rate(), () -> stop.getAsBoolean() || app.hasFailed(),
            (i, tick, at) -> sent.add(new SentTick(tick.getSymbol(),
                tick.getTimestamp().toEpochMilli(), tick.getPrice(), at)));
      }
      awaitForecasts(received, expected, o.idleTimeout(), app, stop);
      progress.shutdownNow();
      progress.awaitTermination(5, TimeUnit.SECONDS);
      printer.finish(DemoSummary.of(copy(sent), copy(received)));
      if (app.hasFailed()) {
        throw new IllegalStateException("stream processing failed; see the log above");
      }

      // 5. Summary and chart, from what came out of Kafka
      List<SentTick> allSent = copy(sent);
      List<ReceivedForecast> allReceived = copy(received);
      DemoSummary summary = DemoSummary.of(allSent, allReceived);
      Optional<DemoSummary> unseen = Optional.empty();
      if (trainedRows > 0 && trainedRows < series.size()) {
        // Forecasts made at row trainedRows-1 or later predict rows the model never saw.
        long from = series.timestamps()[trainedRows - 1];
        unseen = Optional.of(DemoSummary.of(allSent, allReceived.stream()
            .filter(r -> r.forecast().getLastTickTime().toEpochMilli() >= from).toList()));
      }
      Path chart = o.output().resolve(CHART_FILE);
      // Copies of one series: the original's chart; several columns: one panel per symbol.
      List<DemoSeries.Named> drawn = o.columns().isEmpty() ? replayed.subList(0, 1) : replayed;
      ForecastChart.writeDemo(chart, drawn, allReceived, meta.horizon(), o.data(), "");
      Path tailChart = o.output().resolve(TAIL_CHART_FILE);
      List<DemoSeries.Named> tails = new ArrayList<>();
      for (DemoSeries.Named d : drawn) {
        CsvTicks.Series s = d.series();
        int from = Math.max(0, s.size() - TAIL_ROWS);
        tails.add(new DemoSeries.Named(d.symbol(), new CsvTicks.Series(
            Arrays.copyOfRange(s.timestamps(), from, s.size()),
            Arrays.copyOfRange(s.prices(), from, s.size()))));
      }
      ForecastChart.writeDemo(tailChart, tails, allReceived, meta.horizon(), o.data(),
          ", last " + tails.get(0).series().size() + " ticks");
      if (consumer.malformed() > 0) {
        out.printf("      %d forecast records could not be decoded and were skipped%n",
            consumer.malformed());
      }
      return new Result(summary, chart, tailChart, modelDir, app.modelVersion(), trainedRows, unseen,
          expected,
          allSent, allReceived, ticksTopic, forecastsTopic,
          Duration.ofNanos(System.nanoTime() - t0), w);
    }
  }

  /**
   * The symbols replayed: the given one, then copies {@code SYMBOL-2 .. SYMBOL-n}.
   *
   * @param symbol the first symbol
   * @param n how many
   * @return n names
   */
  public static List<String> symbolNames(String symbol, int n) {
    List<String> out = new ArrayList<>();
    out.add(symbol);
    for (int k = 2; k <= n; k++) {
      out.add(symbol + "-" + k);
    }
    return out;
  }

  /**
   * The price multiplier of the {@code k}-th symbol (1-based): 1 for the original, {@code 1 +
   * (k-1)/10} for the copies, so that each copy is a distinct but equally shaped series.
   */
  public static double scale(int k) {
    return 1.0 + (k - 1) / 10.0;
  }

  /** The config file (or the trainer's defaults) limited to the demo's rows and epochs. */
  private static TrainerConfig trainConfig(Options o) {
    TrainerConfig base =
        o.trainConfig() == null ? TrainerConfig.defaults() : TrainerConfig.load(o.trainConfig());
    var data = base.data().withMaxRows(o.trainRows());
    if (o.priceColumn() != null) {
      data = data.withColumns(List.of(o.priceColumn())).withTarget(o.priceColumn());
    }
    var training = o.trainEpochs() == null
        ? base.training() : base.training().withEpochs(o.trainEpochs());
    return base.withData(data).withTraining(training).validate();
  }

  private static void awaitForecasts(List<ReceivedForecast> received, int expected,
      Duration idle, RunningApp app, BooleanSupplier stop) throws InterruptedException {
    int last = -1;
    long lastChange = System.nanoTime();
    while (!stop.getAsBoolean() && !app.hasFailed()) {
      int n;
      synchronized (received) {
        n = (int) received.stream()
            .map(r -> r.forecast().getSymbol() + "@" + r.forecast().getLastTickTime())
            .distinct().count();
      }
      if (n >= expected) {
        return;
      }
      if (n != last) {
        last = n;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > idle.toNanos()) {
        LOG.warn("no new forecast for {} s; {} of {} arrived", idle.toSeconds(), n, expected);
        return;
      }
      Thread.sleep(100);
    }
  }

  private static <T> List<T> copy(List<T> synchronizedList) {
    synchronized (synchronizedList) {
      return new ArrayList<>(synchronizedList);
    }
  }

  /**
   * Progress output: on a terminal one line rewritten in place every second; otherwise a new
   * line when something changed, at most every 5 s.
   */
  private static final class ProgressPrinter {
    private final PrintWriter out;
    private final boolean live;
    private final int expected;
    private long lastPrinted;
    private String lastLine = "";

    ProgressPrinter(PrintWriter out, boolean live, int expected) {
      this.out = out;
      this.live = live;
      this.expected = expected;
    }

    synchronized void update(DemoSummary now) {
      String line = now.progressLine(expected);
      if (live) {
        out.print("\r      " + line + "   ");
        out.flush();
        return;
      }
      long t = System.nanoTime();
      if (!line.equals(lastLine) && t - lastPrinted >= 5_000_000_000L) {
        out.println("      " + line);
        out.flush();
        lastPrinted = t;
        lastLine = line;
      }
    }

    synchronized void finish(DemoSummary now) {
      String line = now.progressLine(expected);
      if (live) {
        out.println("\r      " + line + "   ");
      } else if (!line.equals(lastLine)) {
        out.println("      " + line);
      }
      out.flush();
    }
  }
}
