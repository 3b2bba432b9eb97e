package io.tickcast.trainer.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.ForecastEvaluation;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.RollForward;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation on the held-out tail, in price units: the tutorial's three modes and, for each
 * roll-forward variant, per-horizon metrics against the persistence baseline.
 *
 * @param firstTargetRow series row of the first held-out target
 * @param actual the held-out targets, price units, shape {@code [n]}
 * @param pointByPoint next-step forecasts of the held-out windows (the tutorial's {@code
 *     predict_point_by_point}), shape {@code [n]}
 * @param pointByPointMetrics horizon-1 metrics of {@code pointByPoint}, persistence included
 * @param pointByPointDieboldMariano Diebold–Mariano test of {@code pointByPoint} against
 *     persistence (negative statistic: the model's squared errors are smaller)
 * @param variants per roll-forward variant, in {@link RollForward} order
 * @param winner the exact variant ({@link RollForward#exact()}) with the lowest mean Theil's U
 *     ({@code seed} on a tie); {@code carry-state} is scored but never chosen
 * @param fullSequence the tutorial's {@code predict_sequence_full} with the winner: one path from
 *     the first held-out window, as long as the held-out run, shape {@code [n]}
 * @param fullSequenceRmse RMSE of {@code fullSequence} against {@code actual}
 */
public record HeldOutEvaluation(
    int firstTargetRow,
    double[] actual,
    double[] pointByPoint,
    HorizonMetrics pointByPointMetrics,
    DieboldMariano.Result pointByPointDieboldMariano,
    Map<RollForward, VariantEvaluation> variants,
    RollForward winner,
    double[] fullSequence,
    double fullSequenceRmse) {

  /** Horizons shown in the printed table (when within H). */
  public static final Set<Integer> TABLE_HORIZONS = Set.of(1, 2, 5, 10, 20, 50);

  /** The winner's evaluation. */
  public VariantEvaluation best() {
    return variants.get(winner);
  }

  /**
   * The evaluation as JSON for the model metadata's {@code evaluation}: summary figures and the
   * full per-horizon metrics of every variant, each marked {@code exact} or not (forecast paths
   * are left out).
   */
  public JsonNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("heldOutWindows", actual.length);
    root.put("firstTargetRow", firstTargetRow);
    root.put("unit", "price");
    ObjectNode point = mapper.valueToTree(pointByPointMetrics);
    point.set("dieboldMariano", mapper.valueToTree(pointByPointDieboldMariano));
    root.set("pointByPoint", point);
    root.put("rollForwardWinner", winner.configName());
    ObjectNode full = root.putObject("fullSequence");
    full.put("rollForward", winner.configName());
    full.put("steps", fullSequence.length);
    full.put("rmse", fullSequenceRmse);
    root.put("rankedBy", "mean Theil's U (RMSE / persistence RMSE) over horizons 1..H,"
        + " paths started from every held-out window; only exact variants can win");
    ObjectNode vs = root.putObject("variants");
    for (VariantEvaluation v : variants.values()) {
      ObjectNode o = vs.putObject(v.variant().configName());
      o.put("exact", v.variant().exact());
      o.put("meanTheilU", v.meanTheilU());
      o.put("multipleSequences", v.multipleSequences().length);
      o.put("multipleSequencesRmse", v.multipleSequencesRmse());
      ArrayNode arr = o.putArray("perHorizon");
      for (HorizonMetrics m : v.perHorizon()) {
        ObjectNode h = mapper.valueToTree(m);
        h.set("dieboldMariano", mapper.valueToTree(v.dieboldMariano().get(m.horizon() - 1)));
        arr.add(h);
      }
    }
    return root;
  }

  /**
   * The evaluation as text: summary lines, the winner's per-horizon table (horizons in {@link
   * #TABLE_HORIZONS}), including the ratio to persistence (U) per horizon, and RMSE and U per
   * horizon of every variant side by side.
   */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "held-out: %d windows, targets from row %d (price units)%n", actual.length,
        firstTargetRow));
    HorizonMetrics p = pointByPointMetrics;
    sb.append(String.format(Locale.ROOT,
        "point-by-point next step: rmse %.4f  persistence rmse %.4f  U %.3f  mae %.4f  "
            + "mape %.3f%%  dir.acc %.3f%n",
        p.rmse(), p.persistenceRmse(), p.theilU(), p.mae(), p.mape(), p.directionalAccuracy()));
    sb.append(String.format(Locale.ROOT,
        "  Diebold-Mariano vs persistence: statistic %.3f, p-value %.4f (negative: model better)%n",
        pointByPointDieboldMariano.statistic(), pointByPointDieboldMariano.pValue()));
    for (VariantEvaluation v : variants.values()) {
      sb.append(String.format(Locale.ROOT,
          "roll-forward %-11s mean U over horizons 1..%d %.4f  %d sequences of %d: rmse %.4f%s%n",
          v.variant().configName(), v.perHorizon().size(), v.meanTheilU(),
          v.multipleSequences().length, v.perHorizon().size(), v.multipleSequencesRmse(),
          v.variant().exact() ? "" : "  (approximation, not eligible)"));
    }
    sb.append("winner: ").append(winner.configName()).append(" (lowest mean U of the exact variants)")
        .append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "full sequence (%d steps, %s) rmse %.4f%n",
        fullSequence.length, winner.configName(), fullSequenceRmse));
    List<HorizonMetrics> metrics = best().perHorizon();
    sb.append("per horizon, roll-forward ").append(winner.configName())
        .append(", paths from every held-out window:").append(System.lineSeparator());
    sb.append(ForecastEvaluation.table(metrics,
        h -> TABLE_HORIZONS.contains(h) || h == metrics.size()));
    sb.append(variantTable());
    return sb.toString();
  }

  /** RMSE and U per shown horizon, one column pair per variant. */
  private String variantTable() {
    StringBuilder sb = new StringBuilder("per horizon, every roll-forward variant (rmse / U):")
        .append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "%7s", "horizon"));
    for (VariantEvaluation v : variants.values()) {
      sb.append(String.format(Locale.ROOT, "  %21s", v.variant().configName()));
    }
    sb.append(System.lineSeparator());
    int horizons = best().perHorizon().size();
    for (int h = 1; h <= horizons; h++) {
      if (!TABLE_HORIZONS.contains(h) && h != horizons) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%7d", h));
      for (VariantEvaluation v : variants.values()) {
        HorizonMetrics m = v.perHorizon().get(h - 1);
        sb.append(String.format(Locale.ROOT, "  %12.4f / %6.3f", m.rmse(), m.theilU()));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }
}
