package io.tickcast.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tickcast-bench stream} end to end with tiny settings: a real embedded broker, the real
 * stream app with a tiny LSTM, 5 symbols and 300 ticks, twice (two repeats), H-step paths every
 * 2nd full window (next steps every tick), the roll-forward variant overridden with {@code -S},
 * and a short engine measurement. Checks counts and path flags computed here from the settings,
 * the setup as the app ran it, the spread and ratio recomputed from the repeats' figures, and
 * that the measured figures are finite and positive (never their size: timings depend on the
 * machine).
 */
class StreamBenchIntegrationTest {
  private static final int SYMBOLS = 5;
  private static final int TICKS = 300;
  private static final int WARMUP = 50;
  private static final int W = 5;
  private static final int H = 3;

  @Test
  void everyTickCompletingAWindowGetsExactlyOneForecastAndTheFiguresAreFinite(@TempDir Path dir)
      throws Exception {
    Path model = dir.resolve("model");
    TestModels.saveTinyLstm(model, W, H, Normalisation.FIRST_PRICE, RollForward.SEED, 7L);
    Path json = dir.resolve("bench.json");
    StringWriter printed = new StringWriter();
    CommandLine cli = BenchCommand.commandLine();
    cli.setOut(new PrintWriter(printed, true));
    List<TickLedger> ledgers = new java.util.ArrayList<>();
    StreamBenchCommand stream = cli.getSubcommands().get("stream").getCommand();
    stream.ledgerInspector = ledgers::add;

    int exit = cli.execute("stream", "--model", model.toString(),
        "--symbols", "" + SYMBOLS, "--ticks", "" + TICKS, "--warmup-ticks", "" + WARMUP,
        "--rate", "1000/s", "--partitions", "2", "--batch-max-delay", "5ms", "--path-every", "2",
        "--idle-timeout", "60s", "--repeats", "2", "--engine-time", "1s",
        "--json", json.toString(), "-S", "tickcast.forecast.roll.forward=renormalise");

    assertThat(exit).as(printed.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("runs")).hasSize(2);
    assertThat(ledgers).hasSize(2);
    assertThat(report.get("complete").asBoolean()).isTrue();
    // The spread of two repeats: median = their mean, min and max = the smaller and larger.
    double f1 = report.get("runs").get(0).get("throughput").get("forecastsPerSecond").asDouble();
    double f2 = report.get("runs").get(1).get("throughput").get("forecastsPerSecond").asDouble();
    JsonNode spread = report.get("forecastsPerSecond");
    assertThat(spread.get("median").asDouble()).isCloseTo((f1 + f2) / 2, within(1e-9));
    assertThat(spread.get("min").asDouble()).isEqualTo(Math.min(f1, f2));
    assertThat(spread.get("max").asDouble()).isEqualTo(Math.max(f1, f2));
    // The engine measured in this process: the served engine at the app's batch size, and the
    // ratio of the two rates.
    JsonNode engine = report.get("engine");
    // auto picks the fastest engine for the model by a start-up measurement; the one measured
    // here is the one the app resolved to, as its setup reports it.
    String setupEngine = report.get("runs").get(0).get("setup").get("engine").asText();
    assertThat(setupEngine).matches("auto \\((java|onnx)\\)");
    assertThat(engine.get("engine").asText())
        .isEqualTo(setupEngine.substring(6, setupEngine.length() - 1));
    assertThat(engine.get("batch").asInt())
        .isEqualTo(report.get("runs").get(0).get("setup").get("batchMaxSize").asInt());
    assertThat(engine.get("windows").asLong()).isPositive();
    assertThat(engine.get("seconds").asDouble()).isGreaterThanOrEqualTo(1.0);
    assertThat(engine.get("windowsPerSecond").asDouble()).isCloseTo(
        engine.get("windows").asLong() / engine.get("seconds").asDouble(), within(1e-6));
    assertThat(report.get("endToEndOverEngine").asDouble()).isCloseTo(
        spread.get("median").asDouble() / engine.get("windowsPerSecond").asDouble(),
        within(1e-12));

    for (int k = 0; k < 2; k++) {
      checkRepeat(report.get("runs").get(k), ledgers.get(k));
    }
    assertThat(printed.toString()).contains("tick-to-forecast latency", "MISSING forecasts",
        "repeat 2", "end to end / engine");
    // Nothing the benchmark started (its clients and the app's stream threads) is left running.
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
        th -> th.isAlive() && th.getName().contains("tickcast-bench"));
  }

  private static void checkRepeat(JsonNode r, TickLedger ledger) {
    // Round-robin: each symbol gets TICKS / SYMBOLS ticks, and all but its first W - 1 complete a
    // window.
    int expected = TICKS - SYMBOLS * (W - 1);
    JsonNode c = r.get("completeness");
    assertThat(c.get("ticksSent").asLong()).isEqualTo(TICKS);
    assertThat(c.get("ticksAccepted").asLong()).isEqualTo(TICKS);
    assertThat(c.get("forecastsExpected").asLong()).isEqualTo(expected);
    assertThat(c.get("forecastsReceived").asLong()).isEqualTo(expected);
    assertThat(c.get("forecastsMissing").asLong()).isZero();
    assertThat(c.get("forecastsDuplicate").asLong()).isZero();
    assertThat(c.get("forecastsUnmatched").asLong()).isZero();
    assertThat(r.get("complete").asBoolean()).isTrue();

    // Every tick from the warm-up on is past its symbol's first W - 1 ticks, so each has an
    // end-to-end latency.
    assertThat(r.get("endToEnd").get("count").asLong()).isEqualTo(TICKS - WARMUP);
    assertThat(r.get("inApp").get("count").asLong()).isPositive();
    for (String latency : List.of("endToEnd", "inApp")) {
      JsonNode l = r.get(latency);
      assertThat(l.get("p50Millis").isNumber()).as(latency).isTrue();
      assertThat(l.get("p50Millis").asDouble()).as(latency).isPositive()
          .isLessThanOrEqualTo(l.get("p99Millis").asDouble());
      assertThat(l.get("maxMillis").asDouble()).as(latency).isPositive().isFinite();
    }
    // The end-to-end maximum is an exact sample, so the 99th percentile cannot exceed it.
    assertThat(r.get("endToEnd").get("p99Millis").asDouble())
        .isLessThanOrEqualTo(r.get("endToEnd").get("maxMillis").asDouble());
    JsonNode t = r.get("throughput");
    assertThat(t.get("ticksPerSecond").isNumber()).isTrue();
    assertThat(t.get("ticksPerSecond").asDouble()).isPositive().isFinite();
    assertThat(t.get("forecastsPerSecond").asDouble()).isPositive().isFinite();
    assertThat(r.get("memory").get("heapUsedAfterGcBytes").asLong()).isPositive();
    assertThat(r.get("memory").get("rssBytes").asLong()).isPositive();

    // A stored window holds at least its W ticks of (time long, price double, volume double),
    // plus a small header.
    assertThat(r.get("state").get("windowSerializedBytes").asInt())
        .isBetween(W * 24, W * 24 + 64);
    assertThat(r.get("state").get("stateDirBytes").asLong()).isPositive();
    assertThat(r.get("state").get("sstBytes").has("tick-windows")).isTrue();
    assertThat(r.get("setup").get("windowLength").asInt()).isEqualTo(W);
    assertThat(r.get("setup").get("untrained").asBoolean()).isFalse();
    assertThat(r.get("setup").get("pathEveryTicks").asInt()).isEqualTo(2);
    // The setup reports what the app ran: the -S override, not the artifact's seed; and the
    // engine auto resolved to (java or onnx run the tiny LSTM -> LSTM -> dense net; auto picks
    // the faster by measurement).
    assertThat(r.get("setup").get("rollForward").asText()).isEqualTo("renormalise");
    assertThat(r.get("setup").get("engine").asText()).matches("auto \\((java|onnx)\\)");

    // Paths every 2nd full window, staggered by symbol: full window c (0-based) of symbol s has
    // the H-step path iff (c + s.hashCode()) mod 2 == 0 (ForecastProcessor.getsPath). Symbols are
    // B0..B4, tick i is symbol i % 5's (i / 5)-th tick, and its (i / 5 - (W - 1))-th full window.
    int withPath = 0;
    for (int i = 0; i < TICKS; i++) {
      int k = i / SYMBOLS;
      if (k < W - 1) {
        continue;
      }
      int window = k - (W - 1);
      boolean path = Math.floorMod(window + ("B" + i % SYMBOLS).hashCode(), 2) == 0;
      withPath += path ? 1 : 0;
      assertThat(ledger.hasPath(i)).as("tick %d: symbol B%d, full window %d", i, i % SYMBOLS, window)
          .isEqualTo(path);
    }
    assertThat(withPath).isEqualTo(expected / 2);
    assertThat(c.get("forecastsWithPath").asLong()).isEqualTo(withPath);
  }
}
