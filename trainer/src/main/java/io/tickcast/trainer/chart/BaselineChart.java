package io.tickcast.trainer.chart;

import io.tickcast.core.eval.ForecasterComparison;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.trainer.evaluate.BaselineComparison;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 * Theil's U by horizon, one line per forecaster (the model and every baseline), as a PNG
 * (JFreeChart, headless): held-out lines solid, walk-forward lines dashed in the same colour.
 */
public final class BaselineChart {
  /** File name in the artifact directory (and of {@code tickcast evaluate}'s output). */
  public static final String FILE = "baselines-u-by-horizon.png";

  private static final Color[] COLOURS = {new Color(214, 39, 40), new Color(80, 80, 80),
      new Color(31, 119, 180), new Color(44, 160, 44), new Color(148, 103, 189),
      new Color(255, 127, 14)};

  private BaselineChart() {}

  /**
   * Writes the chart.
   *
   * @param file the PNG to write
   * @param title a title prefix, e.g. the data file name
   * @param comparisons one or more comparisons (e.g. held-out, walk-forward); {@code null}
   *     entries are skipped
   * @return {@code file}
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Path write(Path file, String title, List<BaselineComparison> comparisons) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    int scheme = 0;
    for (BaselineComparison c : comparisons) {
      if (c == null) {
        continue;
      }
      int colour = 0;
      for (ForecasterComparison.Forecaster f : c.comparison().forecasters()) {
        int i = data.getSeriesCount();
        data.addSeries(series(c.scheme() + " " + f.name(), f.perHorizon()));
        r.setSeriesPaint(i, COLOURS[colour++ % COLOURS.length]);
        float width = f.name().equals(BaselineComparison.MODEL) ? 2.5f : 1.5f;
        r.setSeriesStroke(i, scheme == 0 ? new BasicStroke(width) : new BasicStroke(width,
            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1.0f, new float[] {8f, 5f}, 0f));
      }
      scheme++;
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        title + ": Theil's U by horizon, model and baselines (below 1 beats persistence)",
        "horizon (ticks ahead)", "U = RMSE / persistence RMSE", data, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(0.8f)));
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, 600);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file, e);
    }
  }

  private static XYSeries series(String name, List<HorizonMetrics> metrics) {
    XYSeries s = new XYSeries(name, false, true);
    for (HorizonMetrics m : metrics) {
      if (Double.isFinite(m.theilU())) {
        s.add(m.horizon(), m.theilU());
      }
    }
    return s;
  }
}
