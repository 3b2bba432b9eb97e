package io.tickcast.trainer.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.ForecastEvaluation;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.trainer.interval.IntervalEvaluation;
import java.util.List;
import java.util.Locale;

/**
 * Walk-forward (expanding-window) evaluation, in price units: per fold and overall (all folds'
 * test paths pooled), per horizon 1..H, RMSE, MAE, MAPE, directional accuracy, persistence RMSE
 * and Theil's U, and a Diebold–Mariano test against persistence at horizon 1.
 *
 * @param rollForward the roll-forward variant of the paths
 * @param tailFraction fraction of the windows covered by the test blocks
 * @param folds per fold, in time order
 * @param overall per horizon, over every fold's test paths
 * @param overallDieboldMariano horizon 1, every fold's test windows (negative statistic: the
 *     model's squared errors are smaller)
 * @param intervals prediction intervals over every fold's test paths, each fold's paths with the
 *     bounds calibrated on that fold's validation windows; {@code null} when the folds have none
 */
public record WalkForwardEvaluation(
    String rollForward,
    double tailFraction,
    List<FoldResult> folds,
    List<HorizonMetrics> overall,
    DieboldMariano.Result overallDieboldMariano,
    IntervalEvaluation intervals) {

  /** Without prediction intervals. */
  public WalkForwardEvaluation(String rollForward, double tailFraction, List<FoldResult> folds,
      List<HorizonMetrics> overall, DieboldMariano.Result overallDieboldMariano) {
    this(rollForward, tailFraction, folds, overall, overallDieboldMariano, null);
  }

  /** Horizons shown in the printed per-fold table (when within H). */
  public static final List<Integer> FOLD_TABLE_HORIZONS = List.of(1, 5, 10, 20, 50);

  /**
   * One fold's outcome.
   *
   * @param fold the fold (window indices)
   * @param trainingRows rows {@code 0 .. trainingRows-1} were all the fold's training could read;
   *     row {@code trainingRows} is the first input row of the first test window
   * @param firstTestTargetRow series row of the first test target ({@code >= trainingRows})
   * @param perHorizon metrics per horizon 1..H over paths from every test window
   * @param dieboldMariano horizon 1 against persistence
   * @param bestEpoch the epoch whose weights were kept
   * @param trainingMillis training time, ms
   */
  public record FoldResult(
      WalkForwardFold fold,
      int trainingRows,
      int firstTestTargetRow,
      List<HorizonMetrics> perHorizon,
      DieboldMariano.Result dieboldMariano,
      int bestEpoch,
      long trainingMillis) {

    /** Mean Theil's U over the horizons. */
    public double meanTheilU() {
      return WalkForwardEvaluation.meanTheilU(perHorizon);
    }
  }

  /** Mean of Theil's U over the horizons of {@code metrics}; {@code NaN} when empty. */
  public static double meanTheilU(List<HorizonMetrics> metrics) {
    return metrics.stream().mapToDouble(HorizonMetrics::theilU).average().orElse(Double.NaN);
  }

  /** Overall mean Theil's U over horizons 1..H. */
  public double meanTheilU() {
    return meanTheilU(overall);
  }

  /** The evaluation as JSON, for the model metadata's {@code evaluation.walkForward}. */
  public JsonNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("folds", folds.size());
    root.put("tailFraction", tailFraction);
    root.put("rollForward", rollForward);
    root.put("unit", "price");
    root.put("scheme", "expanding window: fold k trains on every window of the rows before the"
        + " first row its test windows read (the trainingRows; the W windows in between are"
        + " purged), then forecasts H-step paths from every test window");
    ObjectNode all = root.putObject("overall");
    all.put("meanTheilU", meanTheilU());
    all.set("dieboldMariano", mapper.valueToTree(overallDieboldMariano));
    all.set("perHorizon", mapper.valueToTree(overall));
    if (intervals != null) {
      all.set("intervals", intervals.toJson(mapper));
    }
    ArrayNode arr = root.putArray("perFold");
    for (FoldResult f : folds) {
      ObjectNode o = arr.addObject();
      o.put("fold", f.fold().index() + 1);
      o.put("trainingWindows", f.fold().testStart());
      o.put("trainingRows", f.trainingRows());
      o.put("firstTestTargetRow", f.firstTestTargetRow());
      o.put("testWindows", f.fold().testCount());
      o.put("bestEpoch", f.bestEpoch());
      o.put("trainingMillis", f.trainingMillis());
      o.put("meanTheilU", f.meanTheilU());
      o.set("dieboldMariano", mapper.valueToTree(f.dieboldMariano()));
      o.set("perHorizon", mapper.valueToTree(f.perHorizon()));
    }
    return root;
  }

  /** The evaluation as text: one line per fold, then the overall per-horizon table. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    int horizons = overall.size();
    sb.append(String.format(Locale.ROOT,
        "walk-forward: %d expanding-window folds over the last %.0f%% of the windows,"
            + " roll-forward %s (price units)%n", folds.size(), 100 * tailFraction, rollForward));
    sb.append(String.format(Locale.ROOT, "%4s %8s %16s %8s %9s %8s", "fold", "train", "test rows",
        "rmse@1", "dir.acc@1", "DM p@1"));
    for (int h : FOLD_TABLE_HORIZONS) {
      if (h <= horizons) {
        sb.append(String.format(Locale.ROOT, " %7s", "U@" + h));
      }
    }
    sb.append(String.format(Locale.ROOT, " %7s%n", "mean U"));
    for (FoldResult f : folds) {
      HorizonMetrics h1 = f.perHorizon().get(0);
      sb.append(String.format(Locale.ROOT, "%4d %8d %16s %8.4f %9.3f %8.4f",
          f.fold().index() + 1, f.trainingRows(), f.firstTestTargetRow() + ".."
              + (f.firstTestTargetRow() + f.fold().testCount() - 1),
          h1.rmse(), h1.directionalAccuracy(), f.dieboldMariano().pValue()));
      appendU(sb, f.perHorizon());
      sb.append(String.format(Locale.ROOT, " %7.4f%n", f.meanTheilU()));
    }
    sb.append(String.format(Locale.ROOT,
        "overall: mean U %.4f; Diebold-Mariano at horizon 1 vs persistence: statistic %.3f,"
            + " p-value %.4f (negative: model better)%n", meanTheilU(),
        overallDieboldMariano.statistic(), overallDieboldMariano.pValue()));
    sb.append(ForecastEvaluation.table(overall,
        h -> HeldOutEvaluation.TABLE_HORIZONS.contains(h) || h == horizons));
    if (intervals != null) {
      sb.append(intervals.table("walk-forward prediction intervals (each fold calibrated on its"
              + " own validation windows): coverage, points off nominal, mean width, interval"
              + " score (price units)",
          h -> HeldOutEvaluation.TABLE_HORIZONS.contains(h) || h == horizons));
    }
    return sb.toString();
  }

  private static void appendU(StringBuilder sb, List<HorizonMetrics> metrics) {
    for (int h : FOLD_TABLE_HORIZONS) {
      if (h <= metrics.size()) {
        sb.append(String.format(Locale.ROOT, " %7.4f", metrics.get(h - 1).theilU()));
      }
    }
  }
}
