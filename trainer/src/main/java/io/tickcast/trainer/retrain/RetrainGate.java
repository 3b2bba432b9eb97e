package io.tickcast.trainer.retrain;

import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.ForecastEvaluation;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.series.MultiSeries;
import io.tickcast.core.series.MultiSeriesReader;
import io.tickcast.core.series.SymbolSeries;
import io.tickcast.core.window.Windows;
import io.tickcast.streams.inference.FeatureMapping;
import io.tickcast.trainer.evaluate.BlockForecasts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The champion/challenger gate: both models forecast H-step paths from every window whose
 * next-step target is one of the latest held-out ticks (each symbol's ticks at or after the
 * challenger's cut-off time), and the challenger may replace the champion only by {@link #RULE}.
 */
public final class RetrainGate {
  /** Significance level of the Diebold–Mariano test at h = 1. */
  public static final double ALPHA = 0.05;

  /** The publishing rule, as stored with every decision. */
  public static final String RULE = "publish when there is no champion, or when the"
      + " challenger's mean Theil's U over horizons 1..H is at most the champion's AND the"
      + " Diebold-Mariano test at h=1 (challenger vs champion, squared error) does not find the"
      + " challenger significantly worse at 5% (worse: statistic > 0 and p < 0.05); both scored"
      + " in price units on the same paths: every symbol's targets at or after the challenger's"
      + " cut-off time";

  private RetrainGate() {}

  /**
   * The decision and the figures behind it.
   *
   * @param publish whether the challenger is to be published
   * @param reason one line saying why
   * @param rule {@link #RULE}
   * @param challengerVersion the challenger's model version
   * @param championVersion the champion's, or null when the topic has none
   * @param cutoffTime the held-out ticks' first time (series time unit, epoch ms for ticks)
   * @param paths scored paths (origins), pooled over symbols
   * @param horizon H scored: the smaller of the two models' horizons
   * @param challengerMeanU mean U over horizons 1..H (U = RMSE / persistence RMSE)
   * @param championMeanU the champion's; NaN without a champion
   * @param challengerTheilU per horizon 1..H
   * @param championTheilU per horizon 1..H; empty without a champion
   * @param dieboldMarianoAtOne challenger vs champion at h = 1 (negative statistic: the
   *     challenger's squared errors are smaller); null without a champion
   */
  public record Decision(boolean publish, String reason, String rule, String challengerVersion,
      String championVersion, long cutoffTime, int paths, int horizon, double challengerMeanU,
      double championMeanU, List<Double> challengerTheilU, List<Double> championTheilU,
      DieboldMariano.Result dieboldMarianoAtOne) {
    /** One log line with both scores. */
    public String summary() {
      String champ = championVersion == null ? "no champion"
          : String.format(Locale.ROOT, "champion %s mean U %.4f", shortV(championVersion),
              championMeanU);
      String dm = dieboldMarianoAtOne == null ? "" : String.format(Locale.ROOT,
          ", DM@1 %+.3f p %.4f", dieboldMarianoAtOne.statistic(), dieboldMarianoAtOne.pValue());
      return String.format(Locale.ROOT, "retrain: %s challenger %s (mean U %.4f over %d paths,"
              + " H %d) vs %s%s: %s", publish ? "PUBLISH" : "KEEP CHAMPION, not publishing",
          shortV(challengerVersion), challengerMeanU, paths, horizon, champ, dm, reason);
    }

    private static String shortV(String v) {
      return v.length() > 12 ? v.substring(0, 12) : v;
    }
  }

  /**
   * Scores both models and decides.
   *
   * @param challenger the newly trained model
   * @param champion the serving model, or null when there is none
   * @param series the symbols' series (columns {@code price} and optionally {@code volume})
   * @param cutoffTime the challenger's cut-off: targets at or after it are scored
   * @return the decision
   * @throws IllegalArgumentException if no symbol has a target after the cut-off, or a model
   *     reads a column the series lacks (e.g. volume)
   */
  public static Decision decide(LoadedModel challenger, LoadedModel champion, MultiSeries series,
      long cutoffTime) {
    int horizon = champion == null ? challenger.metadata().horizon()
        : Math.min(challenger.metadata().horizon(), champion.metadata().horizon());
    int minRow = Math.max(challenger.metadata().windowLength(),
        champion == null ? 0 : champion.metadata().windowLength());
    List<BlockForecasts> ch = new ArrayList<>();
    List<BlockForecasts> cp = new ArrayList<>();
    for (SymbolSeries s : series.symbols()) {
      int first = 0;
      while (first < s.size() && s.times()[first] < cutoffTime) {
        first++;
      }
      first = Math.max(first, minRow);
      if (first >= s.size()) {
        continue;
      }
      ch.add(paths(challenger, series, s, first, horizon));
      if (champion != null) {
        cp.add(paths(champion, series, s, first, horizon));
      }
    }
    if (ch.isEmpty()) {
      throw new IllegalArgumentException("no symbol of " + series.source() + " has a tick at or"
          + " after the cut-off time " + cutoffTime + " with a full window before it");
    }
    BlockForecasts c = BlockForecasts.concat(ch);
    List<Double> cu = theilU(c);
    double cMean = mean(cu);
    String cv = challenger.metadata().modelVersion();
    if (champion == null) {
      return new Decision(true, "no champion on the models topic", RULE, cv, null, cutoffTime,
          c.size(), horizon, cMean, Double.NaN, cu, List.of(), null);
    }
    BlockForecasts p = BlockForecasts.concat(cp);
    List<Double> pu = theilU(p);
    double pMean = mean(pu);
    DieboldMariano.Result dm = ForecastEvaluation.dieboldMariano(c.predicted(), p.predicted(),
        c.actual(), 1);
    boolean notHigherU = cMean <= pMean;
    boolean significantlyWorse = dm.statistic() > 0 && dm.pValue() < ALPHA;
    String reason;
    if (!notHigherU) {
      reason = String.format(Locale.ROOT, "higher mean U than the champion (%.4f > %.4f)",
          cMean, pMean);
    } else if (significantlyWorse) {
      reason = String.format(Locale.ROOT, "significantly worse at h=1 (DM %+.3f, p %.4f < %.2f)",
          dm.statistic(), dm.pValue(), ALPHA);
    } else {
      reason = String.format(Locale.ROOT, "mean U %.4f <= champion's %.4f and not significantly"
          + " worse at h=1", cMean, pMean);
    }
    return new Decision(notHigherU && !significantlyWorse, reason, RULE, cv,
        champion.metadata().modelVersion(), cutoffTime, c.size(), horizon, cMean, pMean, cu, pu,
        dm);
  }

  /** A model's paths from the windows whose next-step targets are rows {@code first..N-1}. */
  private static BlockForecasts paths(LoadedModel model, MultiSeries series, SymbolSeries s,
      int first, int horizon) {
    ModelMetadata meta = model.metadata();
    double[][] rows = inputs(meta, series, s);
    int w = meta.windowLength();
    return BlockForecasts.of(new Dl4jSequenceModel(model.network(), meta.features().size()),
        meta.forecastSpec().withHorizon(horizon), rows, first - w, Windows.count(rows.length, w),
        1);
  }

  /** The symbol's rows in the model's input order: its target takes the price, 'volume' the volume. */
  private static double[][] inputs(ModelMetadata meta, MultiSeries series, SymbolSeries s) {
    FeatureMapping.of(meta); // rejects a column that ticks do not carry
    int price = series.columns().indexOf(MultiSeriesReader.PRICE);
    int volume = series.columns().indexOf(MultiSeriesReader.VOLUME);
    int[] from = new int[meta.features().size()];
    for (int i = 0; i < from.length; i++) {
      from[i] = meta.features().get(i).equals(meta.target()) ? price : volume;
      if (from[i] < 0) {
        throw new IllegalArgumentException("model " + meta.modelVersion() + " reads "
            + meta.features() + "; " + series.source() + " has " + series.columns());
      }
    }
    double[][] rows = new double[s.size()][from.length];
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < from.length; i++) {
        rows[r][i] = s.rows()[r][from[i]];
      }
    }
    return rows;
  }

  private static List<Double> theilU(BlockForecasts b) {
    return b.perHorizon().stream().map(HorizonMetrics::theilU).toList();
  }

  private static double mean(List<Double> u) {
    return u.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
