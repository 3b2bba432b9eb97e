package io.tickcast.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The fault suite: generated adversarial tick streams and corrupted records through the real
 * topology ({@link ForecastTopology#build}, the production wiring, in a {@link
 * org.apache.kafka.streams.TopologyTestDriver}). Tries are kept small for CI.
 */
class FaultSuiteTest {
  private static final int W = 4;
  private static final Path ROOT = tempDir("tickcast-faults");
  private static final Map<Double, Path> MODELS = new ConcurrentHashMap<>();
  private static final String CONTROL = "CTRL";

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A first-price model whose next step is {@code p_last + bias * p_0}, saved once per bias. */
  private static Path model(double bias) {
    return MODELS.computeIfAbsent(bias, b -> {
      Path dir = ROOT.resolve("model-" + MODELS.size() + "-" + System.nanoTime());
      Models.lastValuePlus(dir, W, 3, Normalisation.FIRST_PRICE, RollForward.SEED, b);
      return dir;
    });
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (Stream<Path> s = Files.walk(ROOT)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One generated tick: symbol, event time, price. */
  record Raw(String symbol, long time, double price) {}

  @Provide
  Arbitrary<Double> prices() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE, 0.0, -0.0, 1e-300, 1e300,
            1e-9, 1e9, 25.0, 100.0, 400.0, 10_000.0),
        Arbitraries.doubles().between(50, 150));
  }

  @Provide
  Arbitrary<Long> times() {
    long start = TopologyFixture.START.toEpochMilli();
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1_704_153_600L, start),
        // near the control stream, with gaps of minutes to days
        Arbitraries.longs().between(start, start + Duration.ofDays(60).toMillis()));
  }

  @Provide
  Arbitrary<List<Raw>> noise() {
    Arbitrary<String> symbols = Arbitraries.oneOf(
        Arbitraries.of("A", "B", "C", "D", "BRK.A", "^GSPC"),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(40));
    Arbitrary<Raw> raw = Combinators.combine(symbols, times(), prices()).as(Raw::new);
    // Bursts: repeat a tick (duplicates) and reorder (disorder) by shuffling chunks.
    return raw.list().ofMinSize(0).ofMaxSize(120)
        .flatMap(list -> Arbitraries.integers().between(0, 3).map(dup -> {
          List<Raw> out = new ArrayList<>(list);
          for (int i = 0; i < dup && !list.isEmpty(); i++) {
            out.addAll(list.subList(0, Math.min(10, list.size())));
          }
          java.util.Collections.shuffle(out, new Random(out.size()));
          return out;
        }));
  }

  @Provide
  Arbitrary<Double> biases() {
    return Arbitraries.of(0.0, 0.01, -2.0, 1.5);
  }

  @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
  void adversarialStreamsNeverEmitAnUnusableNumberAndTheControlSymbolGetsOneRecordPerTick(
      @ForAll("noise") List<Raw> noise, @ForAll("biases") double bias,
      @ForAll @IntRange(min = 5, max = 40) int controlTicks,
      @ForAll @IntRange(min = 1, max = 8) int maxBatch, @ForAll Random random) {
    Path state = tempDir("tickcast-faults-state");
    IntegrityPolicy policy = IntegrityPolicy.defaults().withWallSkewMs(0);
    try (TopologyFixture fx = new TopologyFixture(model(bias), state, WireFormat.AVRO, maxBatch,
        Duration.ofMillis(20), null, 2, policy)) {
      // Interleave the noise with a clean control symbol: one tick a minute, small moves.
      List<Tick> ticks = new ArrayList<>();
      for (Raw r : noise) {
        if (CONTROL.equals(r.symbol())) {
          continue;
        }
        ticks.add(Tick.newBuilder().setSymbol(r.symbol()).setTimestamp(Instant.ofEpochMilli(r.time()))
            .setPrice(r.price()).build());
      }
      double p = 100;
      int at = 0;
      for (int i = 0; i < controlTicks; i++) {
        p *= 1 + (random.nextDouble() - 0.5) * 0.01;
        at = Math.min(ticks.size(), at + random.nextInt(4));
        ticks.add(at++, TopologyFixture.tick(CONTROL, i, p));
      }
      for (Tick t : ticks) {
        boolean keyed = random.nextInt(4) != 0;
        fx.ticks.pipeInput(keyed ? TopologyFixture.utf8(t.getSymbol()) : null, fx.bytes(t));
      }
      fx.driver.advanceWallClockTime(Duration.ofMillis(100));

      List<Forecast> out = fx.drainForecasts();
      for (Forecast f : out) {
        if (ForecastCodec.isOk(f)) {
          assertThat(f.getNextStep()).as("next step of %s", f).isFinite().isPositive();
          assertThat(f.getPath()).as("path of %s", f)
              .allSatisfy(v -> assertThat(v).isFinite().isPositive());
        } else {
          assertThat(f.getNextStep()).isNaN();
          assertThat(f.getPath()).isEmpty();
        }
      }
      List<Forecast> control = out.stream().filter(f -> f.getSymbol().equals(CONTROL)).toList();
      assertThat(control).hasSize(controlTicks - W + 1);
      assertThat(control).extracting(f -> f.getLastTickTime())
          .doesNotHaveDuplicates().isSorted();
      if (bias == 0.0 || bias == 0.01) {
        assertThat(control).allSatisfy(f -> assertThat(f.getStatus()).isEqualTo("ok"));
      }
    } finally {
      deleteQuietly(state);
    }
  }

  @Provide
  Arbitrary<List<byte[]>> corrupted() {
    Tick valid = TopologyFixture.tick("A", 1, 100);
    byte[] avro = TickCodec.encode(valid, WireFormat.AVRO);
    byte[] json = TickCodec.encode(valid, WireFormat.JSON);
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> truncated = Arbitraries.of(avro, json).flatMap(b ->
        Arbitraries.integers().between(0, b.length).map(n -> java.util.Arrays.copyOf(b, n)));
    Arbitrary<byte[]> mutated = Arbitraries.of(avro, json).flatMap(b ->
        Combinators.combine(Arbitraries.integers().between(0, b.length - 1),
            Arbitraries.bytes()).as((i, v) -> {
              byte[] c = b.clone();
              c[i] = v;
              return c;
            }));
    Arbitrary<byte[]> jsonish = Arbitraries.of(
        "{", "[]", "null", "{\"symbol\":\"A\"}", "{\"symbol\":\"A\",\"timestamp\":1e400,\"price\":1}",
        "{\"symbol\":\"A\",\"timestamp\":\"+1000000000-01-01T00:00:00Z\",\"price\":1}",
        "{\"symbol\":\"A\",\"timestamp\":99999999999999999999,\"price\":1}",
        "{\"symbol\":\"A\",\"timestamp\":1704153600000,\"price\":\"1e99999\"}",
        "{\"symbol\":\"A\",\"timestamp\":1704153600000,\"price\":1,\"volume\":\"x\"}")
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, truncated, mutated, jsonish).list().ofMaxSize(60);
  }

  @Property(tries = 20, shrinking = ShrinkingMode.BOUNDED)
  void corruptedRecordsNeverThrowOutOfTheTopologyAndEachIsAccountedForOnce(
      @ForAll("corrupted") List<byte[]> records, @ForAll boolean json) {
    Path state = tempDir("tickcast-faults-state");
    WireFormat format = json ? WireFormat.JSON : WireFormat.AVRO;
    try (TopologyFixture fx = new TopologyFixture(model(0.0), state, format, 2,
        Duration.ofMillis(20), null, 1, IntegrityPolicy.defaults().withWallSkewMs(0))) {
      for (int i = 0; i < records.size(); i++) {
        fx.ticks.pipeInput(i % 3 == 0 ? null : TopologyFixture.utf8("A"), records.get(i));
      }
      fx.drainForecasts();
      int deadLetters = fx.deadLetters.readRecordsToList().size();
      double accepted = fx.counter("tickcast.ticks.accepted");
      double duplicates = fx.counter("tickcast.ticks.duplicates");
      assertThat(fx.counter("tickcast.ticks.received")).isEqualTo(records.size());
      assertThat(deadLetters + accepted + duplicates).isEqualTo(records.size());
    } finally {
      deleteQuietly(state);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory; the OS cleans up
    }
  }
}
