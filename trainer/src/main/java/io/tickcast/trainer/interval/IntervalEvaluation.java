package io.tickcast.trainer.interval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.eval.IntervalMetrics;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * How one forecaster's prediction intervals did, per level and horizon (price units).
 *
 * @param forecaster what made the paths, e.g. {@code model}
 * @param perLevel per level (ascending), per horizon 1..H
 */
public record IntervalEvaluation(String forecaster, List<List<IntervalMetrics>> perLevel) {

  /** The metrics of level index {@code l} at horizon {@code h} (1-based). */
  public IntervalMetrics at(int l, int h) {
    return perLevel.get(l).get(h - 1);
  }

  /** As JSON: per level, its per-horizon metrics. */
  public JsonNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("forecaster", forecaster);
    root.put("unit", "price");
    root.put("intervalScore", "Winkler / Gneiting-Raftery interval score: width + (2/alpha) x"
        + " distance outside, alpha = 1 - level; lower is better");
    ArrayNode levels = root.putArray("levels");
    for (List<IntervalMetrics> level : perLevel) {
      ObjectNode o = levels.addObject();
      o.put("level", level.isEmpty() ? Double.NaN : level.get(0).level());
      ArrayNode arr = o.putArray("perHorizon");
      for (IntervalMetrics m : level) {
        ObjectNode h = arr.addObject();
        h.put("horizon", m.horizon());
        h.put("count", m.count());
        putFinite(h, "coverage", m.coverage());
        putFinite(h, "meanWidth", m.meanWidth());
        putFinite(h, "intervalScore", m.intervalScore());
      }
    }
    return root;
  }

  /**
   * As text: one row per shown horizon, per level coverage (and its distance from nominal, in
   * points), mean width and interval score.
   *
   * @param title first line
   * @param shown which horizons to print
   */
  public String table(String title, IntPredicate shown) {
    StringBuilder sb = new StringBuilder(title).append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "%7s", "horizon"));
    for (List<IntervalMetrics> level : perLevel) {
      String l = String.format(Locale.ROOT, "%.0f%%", 100 * level.get(0).level());
      sb.append(String.format(Locale.ROOT, "  %9s %8s %10s %10s", l + " cov", "(pts)",
          "width", "score"));
    }
    sb.append(String.format(Locale.ROOT, "  %6s%n", "n"));
    int horizons = perLevel.isEmpty() ? 0 : perLevel.get(0).size();
    for (int h = 1; h <= horizons; h++) {
      if (!shown.test(h)) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%7d", h));
      int n = 0;
      for (List<IntervalMetrics> level : perLevel) {
        IntervalMetrics m = level.get(h - 1);
        sb.append(String.format(Locale.ROOT, "  %8.1f%% %+8.1f %10.4f %10.4f",
            100 * m.coverage(), 100 * (m.coverage() - m.level()), m.meanWidth(),
            m.intervalScore()));
        n = m.count();
      }
      sb.append(String.format(Locale.ROOT, "  %6d%n", n));
    }
    return sb.toString();
  }

  private static void putFinite(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
