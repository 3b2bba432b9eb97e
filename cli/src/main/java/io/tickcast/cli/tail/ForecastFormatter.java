package io.tickcast.cli.tail;

import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.ForecastCodec;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders forecasts and ticks as one readable line or one JSON object each. */
public final class ForecastFormatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ForecastFormatter() {}

  /**
   * A readable line, e.g. {@code 2000-03-15 00:00:00 SPX last 1455.2200 next 1457.1000 (+0.13%)
   * h50 1460.3000 (+0.35%) model 3f2a1b9c04de seed}. Times UTC; h{@code H} is the path's last
   * step.
   *
   * @param f the forecast
   * @return the line
   */
  public static String line(Forecast f) {
    List<Double> path = f.getPath();
    double last = f.getLastTickPrice();
    StringBuilder sb = new StringBuilder();
    sb.append(TIME.format(f.getLastTickTime())).append(' ').append(f.getSymbol())
        .append(String.format(Locale.ROOT, " last %.4f next %.4f (%s)", last, f.getNextStep(),
            change(last, f.getNextStep())));
    if (!path.isEmpty()) {
      double end = path.get(path.size() - 1);
      sb.append(String.format(Locale.ROOT, " h%d %.4f (%s)", path.size(), end, change(last, end)));
    }
    String version = f.getModelVersion();
    sb.append(" model ").append(version.length() > 12 ? version.substring(0, 12) : version)
        .append(' ').append(f.getRollForward());
    return sb.toString();
  }

  /**
   * A readable line for a tick, e.g. {@code 2000-01-03 00:00:00 SPX 1455.2200}.
   *
   * @param t the tick
   * @return the line
   */
  public static String line(Tick t) {
    return TIME.format(t.getTimestamp()) + " " + t.getSymbol()
        + String.format(Locale.ROOT, " %.4f", t.getPrice())
        + (t.getVolume() == null ? "" : String.format(Locale.ROOT, " volume %.0f", t.getVolume()));
  }

  /** The forecast in Tickcast's JSON wire form (one line). */
  public static String json(Forecast f) {
    return new String(ForecastCodec.encode(f, WireFormat.JSON), StandardCharsets.UTF_8);
  }

  /** The tick in Tickcast's JSON wire form (one line). */
  public static String json(Tick t) {
    return new String(TickCodec.encode(t, WireFormat.JSON), StandardCharsets.UTF_8);
  }

  private static String change(double from, double to) {
    return String.format(Locale.ROOT, "%+.2f%%", 100.0 * (to - from) / from);
  }

  /** For tests and callers that want the time format: formats epoch ms as printed. */
  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }
}
