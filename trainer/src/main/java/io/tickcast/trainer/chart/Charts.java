package io.tickcast.trainer.chart;

import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.trainer.evaluate.HeldOutEvaluation;
import io.tickcast.trainer.evaluate.WalkForwardEvaluation;
import io.tickcast.trainer.evaluate.VariantEvaluation;
import io.tickcast.trainer.fit.EpochStats;
import io.tickcast.trainer.fit.TrainingHistory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The tutorial's three pictures, in price units, plus the loss curve, as PNG files (JFreeChart,
 * headless). The x axis of the price charts is the series row (tick index in the data file).
 */
public final class Charts {
  /** Point-by-point next-step forecasts against the true prices. */
  public static final String POINT_BY_POINT = "point-by-point.png";
  /** One full roll-forward sequence from the first held-out window. */
  public static final String FULL_SEQUENCE = "full-sequence.png";
  /** Sequences of H starting every H ticks. */
  public static final String MULTIPLE_SEQUENCES = "multiple-sequences.png";
  /** Training and validation loss per epoch. */
  public static final String LOSS = "loss.png";

  /** Theil's U (RMSE / persistence RMSE) by horizon, held-out and walk-forward. */
  public static final String THEIL_U = "theil-u-by-horizon.png";

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 600;
  private static final Color TRUE_COLOUR = new Color(31, 119, 180);
  private static final Color FORECAST_COLOUR = new Color(255, 127, 14);

  private Charts() {}

  /**
   * Writes the four charts into {@code dir}.
   *
   * @param dir an existing directory
   * @param eval the held-out evaluation (the winner's roll-forward paths are drawn)
   * @param history the training history
   * @param title a title prefix, e.g. the data file name
   * @return the files written
   * @throws UncheckedIOException if a file cannot be written
   */
  public static List<Path> write(Path dir, HeldOutEvaluation eval, TrainingHistory history,
      String title) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    VariantEvaluation best = eval.best();
    String variant = "roll-forward " + best.variant().configName();
    List<Path> out = new ArrayList<>();
    out.add(save(dir.resolve(POINT_BY_POINT), prices(
        title + ": point-by-point next-step forecast (held-out)", eval,
        List.of(series("forecast", eval.firstTargetRow(), eval.pointByPoint())))));
    out.add(save(dir.resolve(FULL_SEQUENCE), prices(
        title + ": full sequence from the first held-out window, " + variant, eval,
        List.of(series("forecast", eval.firstTargetRow(), eval.fullSequence())))));
    List<XYSeries> multi = new ArrayList<>();
    int h = best.multipleSequences().length == 0 ? 0 : best.multipleSequences()[0].length;
    for (int k = 0; k < best.multipleSequences().length; k++) {
      // series keys must be unique; only the first one is shown in the legend
      multi.add(series(k == 0 ? "forecast" : "forecast " + (k + 1), eval.firstTargetRow() + k * h,
          best.multipleSequences()[k]));
    }
    out.add(save(dir.resolve(MULTIPLE_SEQUENCES), prices(
        title + ": " + h + "-step sequences every " + h + " ticks, " + variant, eval, multi)));
    out.add(save(dir.resolve(LOSS), loss(title + ": loss per epoch", history)));
    return out;
  }

  /**
   * Draws Theil's U by horizon 1..H: held-out paths of every roll-forward variant and, when
   * given, the walk-forward overall and per-fold curves; a line marks U = 1 (persistence).
   *
   * @param file the PNG to write
   * @param title a title prefix, e.g. the data file name
   * @param eval the held-out evaluation
   * @param walkForward the walk-forward evaluation, or {@code null}
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Path theilU(Path file, String title, HeldOutEvaluation eval,
      WalkForwardEvaluation walkForward) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (VariantEvaluation v : eval.variants().values()) {
      data.addSeries(uSeries("held-out, roll-forward " + v.variant().configName(),
          v.perHorizon()));
    }
    if (walkForward != null) {
      data.addSeries(uSeries("walk-forward overall (" + walkForward.folds().size() + " folds, "
          + walkForward.rollForward() + ")", walkForward.overall()));
      for (WalkForwardEvaluation.FoldResult f : walkForward.folds()) {
        data.addSeries(uSeries("fold " + (f.fold().index() + 1), f.perHorizon()));
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        title + ": Theil's U by horizon (below 1 beats persistence)", "horizon (ticks ahead)",
        "U = RMSE / persistence RMSE", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      boolean fold = data.getSeriesKey(i).toString().startsWith("fold ");
      r.setSeriesStroke(i, new BasicStroke(fold ? 1.0f : 2.0f));
      if (fold) {
        r.setSeriesPaint(i, new Color(150, 150, 150));
        r.setSeriesVisibleInLegend(i, false);
      }
    }
    plot.setRenderer(r);
    style(plot);
    ValueMarker one = new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.0f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 1.0f, new float[] {6f, 4f}, 0f));
    plot.addRangeMarker(one);
    return save(file, chart);
  }

  private static XYSeries uSeries(String name, List<HorizonMetrics> metrics) {
    XYSeries s = new XYSeries(name, false, true);
    for (HorizonMetrics m : metrics) {
      if (Double.isFinite(m.theilU())) {
        s.add(m.horizon(), m.theilU());
      }
    }
    return s;
  }

  private static XYSeries series(String name, int firstRow, double[] values) {
    XYSeries s = new XYSeries(name, false, true);
    for (int i = 0; i < values.length; i++) {
      s.add(firstRow + i, values[i]);
    }
    return s;
  }

  private static JFreeChart prices(String title, HeldOutEvaluation eval, List<XYSeries> forecasts) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("true", eval.firstTargetRow(), eval.actual()));
    forecasts.forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart(title, "tick (row in data file)", "price",
        data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, TRUE_COLOUR);
    r.setSeriesStroke(0, new BasicStroke(1.5f));
    for (int i = 1; i < data.getSeriesCount(); i++) {
      r.setSeriesPaint(i, FORECAST_COLOUR);
      r.setSeriesStroke(i, new BasicStroke(1.5f));
      r.setSeriesVisibleInLegend(i, i == 1);
    }
    plot.setRenderer(r);
    style(plot);
    return chart;
  }

  private static JFreeChart loss(String title, TrainingHistory history) {
    XYSeries train = new XYSeries("training loss");
    XYSeries val = new XYSeries("validation loss");
    for (EpochStats e : history.epochs()) {
      if (Double.isFinite(e.trainLoss())) {
        train.add(e.epoch(), e.trainLoss());
      }
      if (Double.isFinite(e.validationLoss())) {
        val.add(e.epoch(), e.validationLoss());
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(train);
    data.addSeries(val);
    JFreeChart chart = ChartFactory.createXYLineChart(
        title + " (best epoch " + history.bestEpoch() + ")", "epoch (0 = untrained)",
        "loss (normalised units)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, TRUE_COLOUR);
    r.setSeriesPaint(1, FORECAST_COLOUR);
    plot.setRenderer(r);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    style(plot);
    return chart;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
  }

  private static Path save(Path file, JFreeChart chart) {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file, e);
    }
  }
}
