package io.tickcast.trainer.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.baseline.Baseline;
import io.tickcast.core.baseline.Drift;
import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.eval.ForecasterComparison;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.trainer.data.MultiSeriesWindows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;

/**
 * A model trained on many symbols, scored on every symbol's held-out windows (target time at or
 * after the one cut-off time), in price units: per symbol the {@link HeldOutEvaluator} figures
 * and the model against the baselines fitted on that symbol's own training rows, and the pooled
 * comparison over all symbols' paths.
 *
 * <p>Pooled figures are in price units over all paths, so a symbol with larger prices (and
 * moves) weighs more; {@link #meanOfSymbolMeanTheilU()} weighs every symbol equally.
 *
 * @param cutoffTime the cut-off, in the series' time unit
 * @param winner the exact roll-forward variant with the lowest mean, over symbols, of its mean U
 *     over horizons 1..H ({@code seed} on a tie); every comparison scores it
 * @param symbols per evaluated symbol, in series order
 * @param notEvaluated symbol to why it has no evaluation (no training or no held-out window)
 * @param pooled the model and the baselines over every evaluated symbol's paths
 */
public record MultiSeriesEvaluation(long cutoffTime, RollForward winner,
    List<SymbolResult> symbols, Map<String, String> notEvaluated, BaselineComparison pooled) {

  /** How symbols are ranked best to worst. */
  public static final String RANKED_BY = "mean Theil's U of the model over horizons 1..H"
      + " (RMSE / persistence RMSE on that symbol's held-out paths)";

  /**
   * One symbol's evaluation.
   *
   * @param symbol the symbol
   * @param heldOutFrom its first held-out window index, i.e. its windows with target time
   *     before the cut-off (trained on, validated on or purged)
   * @param trainingWindows its fit and validation windows (after the purge gaps)
   * @param firstTestTargetTime time of its first held-out target
   * @param heldOut every roll-forward variant, point by point and full sequence on its held-out
   *     windows
   * @param baselines the model ({@code winner}) against the baselines fitted on this symbol's
   *     rows before its first held-out target
   * @param paths the {@code winner}'s H-step paths from every held-out window, with actuals and
   *     last prices (price units), e.g. to score prediction intervals on
   */
  public record SymbolResult(String symbol, int heldOutFrom, int trainingWindows,
      long firstTestTargetTime,
      HeldOutEvaluation heldOut, BaselineComparison baselines, BlockForecasts paths) {
    /** The model's metrics per horizon 1..H. */
    public List<HorizonMetrics> model() {
      return baselines.comparison().forecaster(BaselineComparison.MODEL).perHorizon();
    }

    /** The model's mean U over horizons 1..H. */
    public double meanTheilU() {
      return meanU(model());
    }

    /** Held-out windows. */
    public int testWindows() {
      return heldOut.actual().length;
    }

    /** The baseline (not the model) with the lowest mean U over horizons 1..H. */
    public ForecasterComparison.Forecaster bestBaseline() {
      return baselines.comparison().forecasters().stream()
          .filter(f -> !f.name().equals(BaselineComparison.MODEL))
          .min(Comparator.comparingDouble(f -> meanU(f.perHorizon()))).orElseThrow();
    }
  }

  /**
   * Evaluates a model on every symbol's held-out windows.
   *
   * @param model the trained model
   * @param carryStateModel the same network on an engine that carries the LSTM state (see
   *     {@link HeldOutEvaluator#evaluate(SequenceModel, SequenceModel, ForecastSpec, double[][],
   *     int)})
   * @param spec window, features, target, horizon H, normalisation (roll-forward: all scored)
   * @param series the symbols' series the windows were cut from
   * @param windows the per-symbol windows split at one cut-off
   * @param baselines what to compare with, fitted per symbol
   * @return the evaluation
   * @throws IllegalArgumentException if no symbol has both a window before the cut-off and a
   *     held-out window
   */
  public static MultiSeriesEvaluation evaluate(SequenceModel model, SequenceModel carryStateModel,
      ForecastSpec spec, MultiSeries series, MultiSeriesWindows windows, List<Baseline> baselines) {
    Map<String, String> skipped = new LinkedHashMap<>();
    List<SymbolSeries> kept = new ArrayList<>();
    List<MultiSeriesWindows.SymbolWindows> keptWindows = new ArrayList<>();
    List<HeldOutEvaluation> heldOut = new ArrayList<>();
    for (int k = 0; k < series.symbols().size(); k++) {
      SymbolSeries s = series.symbols().get(k);
      MultiSeriesWindows.SymbolWindows sw = windows.symbols().get(k);
      int heldOutWindows = sw.windows().size() - sw.testStart();
      if (sw.testStart() == 0 || heldOutWindows == 0) {
        skipped.put(s.symbol(), sw.testStart() + " windows before the cut-off and "
            + heldOutWindows + " held-out windows (" + s.size() + " rows, window "
            + spec.windowLength() + ")");
        continue;
      }
      kept.add(s);
      keptWindows.add(sw);
      heldOut.add(HeldOutEvaluator.evaluate(model, carryStateModel, spec, s.rows(),
          sw.testStart()));
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no symbol of " + series.source() + " has both a"
          + " window before and a window at or after the cut-off at cut-off " + windows.cutoffTime() + ": " + skipped);
    }
    RollForward winner = null;
    double winnerU = Double.NaN;
    for (RollForward v : RollForward.values()) {
      double u = heldOut.stream().mapToDouble(e -> e.variants().get(v).meanTheilU()).average()
          .orElse(Double.NaN);
      if (v.exact() && (winner == null || u < winnerU)) {
        winner = v;
        winnerU = u;
      }
    }
    ForecastSpec scored = spec.withRollForward(winner);
    int target = spec.targetColumn();
    BaselineComparison.Collector all = BaselineComparison.collector("held-out, pooled over "
        + kept.size() + " symbols", target, baselines);
    List<SymbolResult> out = new ArrayList<>();
    for (int k = 0; k < kept.size(); k++) {
      SymbolSeries s = kept.get(k);
      MultiSeriesWindows.SymbolWindows sw = keptWindows.get(k);
      int first = sw.testStart();
      BlockForecasts block = BlockForecasts.of(model, scored, s.rows(), first,
          sw.windows().size(), 1);
      BaselineComparison.Collector one =
          BaselineComparison.collector("held-out " + s.symbol(), target, baselines);
      one.addHeldOut(s.rows(), block);
      all.addHeldOut(s.rows(), block);
      out.add(new SymbolResult(s.symbol(), first, sw.trainingCount(), sw.targetTimes()[first],
          heldOut.get(k), one.result(), block));
    }
    return new MultiSeriesEvaluation(windows.cutoffTime(), winner, List.copyOf(out),
        Map.copyOf(skipped), all.result());
  }

  /** The symbols from best to worst by {@link #RANKED_BY}. */
  public List<SymbolResult> ranked() {
    return symbols.stream().sorted(Comparator.comparingDouble(SymbolResult::meanTheilU)).toList();
  }

  /** How many symbols {@link #best()} and {@link #worst()} list: a third, 1 to 3. */
  private int listed() {
    return Math.max(1, Math.min(3, symbols.size() / 3));
  }

  /** The best-ranked symbols (lowest mean U), best first. */
  public List<String> best() {
    return ranked().subList(0, listed()).stream().map(SymbolResult::symbol).toList();
  }

  /** The worst-ranked symbols (highest mean U), worst first. */
  public List<String> worst() {
    List<SymbolResult> r = new ArrayList<>(ranked());
    java.util.Collections.reverse(r);
    return r.subList(0, listed()).stream().map(SymbolResult::symbol).toList();
  }

  /** The mean over symbols of each symbol's mean U (every symbol weighs the same). */
  public double meanOfSymbolMeanTheilU() {
    return symbols.stream().mapToDouble(SymbolResult::meanTheilU).average().orElse(Double.NaN);
  }

  /**
   * The drift every symbol is served with: the mean log return per tick over all evaluated
   * symbols' training rows, {@code sum_s (n_s - 1) mu_s / sum_s (n_s - 1)} from each symbol's
   * fitted {@link Drift} ({@code mu_s} over its {@code n_s} training rows), i.e. the mean of all
   * their tick log returns.
   *
   * @return empty when drift was not fitted on some symbol
   */
  public OptionalDouble pooledDrift() {
    double sum = 0;
    long returns = 0;
    for (SymbolResult s : symbols) {
      Drift.Fitted d = null;
      for (FittedBaseline f : s.baselines().fits().get(0).baselines()) {
        if (f instanceof Drift.Fitted fd) {
          d = fd;
        }
      }
      if (d == null) {
        return OptionalDouble.empty();
      }
      sum += d.meanLogReturn() * (d.trainingRows() - 1);
      returns += d.trainingRows() - 1;
    }
    return returns == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / returns);
  }

  /**
   * The per-symbol table (U at the shown horizons, mean U, the best baseline by mean U and the
   * DM test at h = 1 against the best baseline there), best and worst symbols, the pooled
   * comparison and each symbol's U table of the model and baselines.
   */
  public String table(IntPredicate shown) {
    StringBuilder sb = new StringBuilder();
    int horizons = symbols.get(0).model().size();
    sb.append(String.format(Locale.ROOT, "per symbol: held-out windows with target time >= %d"
        + " (one cut-off for all symbols), roll-forward %s; U = RMSE / persistence RMSE%n",
        cutoffTime, winner.configName()));
    sb.append(String.format(Locale.ROOT, "%-10s %6s %6s", "symbol", "train", "test"));
    for (int h = 1; h <= horizons; h++) {
      if (shown.test(h)) {
        sb.append(String.format(Locale.ROOT, " %7s", "U@" + h));
      }
    }
    sb.append(String.format(Locale.ROOT, " %7s  %-24s %s%n", "mean U", "best baseline (mean U)",
        "h=1 vs best baseline: DM p"));
    for (SymbolResult s : symbols) {
      sb.append(String.format(Locale.ROOT, "%-10s %6d %6d", s.symbol(), s.trainingWindows(),
          s.testWindows()));
      for (HorizonMetrics m : s.model()) {
        if (shown.test(m.horizon())) {
          sb.append(String.format(Locale.ROOT, " %7.4f", m.theilU()));
        }
      }
      ForecasterComparison.Forecaster b = s.bestBaseline();
      ForecasterComparison.Verdict v = s.baselines().comparison().verdicts().get(0);
      sb.append(String.format(Locale.ROOT, " %7.4f  %-24s %s p %.4f (DM %+.3f)%n",
          s.meanTheilU(), b.name() + " (" + String.format(Locale.ROOT, "%.4f",
              meanU(b.perHorizon())) + ")", v.bestBaseline(), v.modelVsBest().pValue(),
          v.modelVsBest().statistic()));
    }
    sb.append(String.format(Locale.ROOT, "best %s, worst %s (by %s); mean over symbols of the"
        + " mean U %.4f%n", best(), worst(), "mean U", meanOfSymbolMeanTheilU()));
    notEvaluated.forEach((s, why) -> sb.append("  ").append(s).append(" not evaluated: ")
        .append(why).append(System.lineSeparator()));
    sb.append(System.lineSeparator()).append(pooled.table(shown));
    for (SymbolResult s : symbols) {
      sb.append(System.lineSeparator()).append(s.symbol())
          .append(": U by horizon, model and baselines fitted on its training rows")
          .append(System.lineSeparator()).append(s.baselines().comparison().theilUTable(shown));
    }
    return sb.toString();
  }

  /**
   * As JSON for the model metadata's {@code evaluation.multiSeries}: the cut-off, the winner,
   * the ranking, the pooled comparison and per symbol its U per horizon, its {@link
   * HeldOutEvaluation#toJson} and its {@link BaselineComparison#toJson}.
   */
  public JsonNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("cutoffTime", cutoffTime);
    root.put("unit", "price");
    root.put("rollForwardWinner", winner.configName());
    root.put("rankedBy", RANKED_BY);
    root.set("best", mapper.valueToTree(best()));
    root.set("worst", mapper.valueToTree(worst()));
    root.put("meanOfSymbolMeanTheilU", meanOfSymbolMeanTheilU());
    root.set("notEvaluated", mapper.valueToTree(notEvaluated));
    root.set("pooled", pooled.toJson(mapper));
    ObjectNode per = root.putObject("symbols");
    for (SymbolResult s : symbols) {
      ObjectNode o = per.putObject(s.symbol());
      o.put("trainWindows", s.trainingWindows());
      o.put("heldOutFromWindow", s.heldOutFrom());
      o.put("heldOutWindows", s.testWindows());
      o.put("firstTestTargetTime", s.firstTestTargetTime());
      o.put("meanTheilU", s.meanTheilU());
      o.set("theilU", mapper.valueToTree(s.model().stream().map(HorizonMetrics::theilU).toList()));
      o.put("bestBaseline", s.bestBaseline().name());
      o.set("heldOut", s.heldOut().toJson(mapper));
      o.set("baselines", s.baselines().toJson(mapper));
    }
    return root;
  }

  private static double meanU(List<HorizonMetrics> metrics) {
    return metrics.stream().mapToDouble(HorizonMetrics::theilU).average().orElse(Double.NaN);
  }
}
