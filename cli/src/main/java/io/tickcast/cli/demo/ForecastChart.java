package io.tickcast.cli.demo;

import io.tickcast.schemas.Forecast;
import io.tickcast.schemas.PredictionInterval;
import io.tickcast.schemas.serde.ForecastCodec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The tutorial's "multiple sequences" picture drawn from streamed data: a symbol's true prices
 * and, every {@code H}-th forecast, its H-step path starting at the tick after the forecast's
 * window. Path step {@code h} is drawn at the event time of the tick {@code h} positions later
 * (steps past the end of the series are left out). Around each drawn path, the forecast's own
 * prediction intervals ({@code pathLower}/{@code pathUpper} per level) are drawn as a fan of
 * bands, widest level lightest. Several symbols ({@link #writeDemo}) get one such panel each on
 * a shared time axis. PNG, headless JFreeChart.
 */
public final class ForecastChart {
  private static final Color TRUE_COLOUR = new Color(31, 119, 180);
  private static final Color PATH_COLOUR = new Color(255, 127, 14);

  private ForecastChart() {}

  /** Light orange for the widest level, stronger for narrower ones (opaque, drawn in order). */
  private static Color bandColour(int levelIndex, int levels) {
    // levelIndex 0 is the narrowest level: t = 0, the strongest colour.
    float t = levels <= 1 ? 0f : (float) levelIndex / (levels - 1);
    int r = 255;
    int g = Math.round(200 + 40 * t);
    int b = Math.round(150 + 80 * t);
    return new Color(r, g, b);
  }

  /**
   * The forecasts drawn: among those with a path (a server that computes paths every K-th tick
   * sends next-step-only forecasts with an empty path in between), sorted by tick position, the
   * first one and then each next one at least {@code every} ticks later.
   *
   * @param times the symbol's tick event times, epoch ms, ascending
   * @param forecasts that symbol's forecasts (any order, duplicates allowed)
   * @param every spacing in forecasts, e.g. the horizon H for non-overlapping paths
   * @return the chosen forecasts in time order
   */
  public static List<Forecast> everyNth(long[] times, List<Forecast> forecasts, int every) {
    Map<Long, Forecast> byTime = new HashMap<>();
    for (Forecast f : forecasts) {
      if (!f.getPath().isEmpty()) {
        byTime.putIfAbsent(f.getLastTickTime().toEpochMilli(), f);
      }
    }
    List<Forecast> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < times.length; i++) {
      Forecast f = byTime.get(times[i]);
      if (f != null && i >= next) {
        out.add(f);
        next = i + Math.max(1, every);
      }
    }
    return out;
  }

  /**
   * Writes the chart.
   *
   * @param png the output file (parent directories are created)
   * @param title chart title
   * @param times the symbol's tick event times, epoch ms, ascending, shape {@code [N]}
   * @param prices the symbol's tick prices, price units, shape {@code [N]}
   * @param paths the forecasts whose paths to draw (their ticks must be among {@code times})
   * @param width image width, pixels
   * @param height image height, pixels
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path png, String title, long[] times, double[] prices,
      List<Forecast> paths, int width, int height) {
    headless();
    XYPlot plot = plot(times, prices, paths, new DateAxis("Event time (UTC)"), "Price");
    save(png, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), width, height);
  }

  /**
   * Writes the demo's chart of the replayed symbols: for one symbol the chart of {@link #write}
   * (1600 × 800), for several one panel per symbol on a shared time axis (1600 × 400 per
   * panel), each with that symbol's true prices, every {@code horizon}-th of its streamed paths
   * ({@link #everyNth}) and their prediction bands.
   *
   * @param png the output file
   * @param symbols the symbols' series, in panel order
   * @param received every forecast consumed (other symbols' are ignored per panel)
   * @param horizon H, the spacing of the drawn paths
   * @param data the replayed file, named in the title
   * @param part appended to the title's file name, e.g. {@code ", last 500 ticks"}
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void writeDemo(Path png, List<DemoSeries.Named> symbols,
      List<ReceivedForecast> received, int horizon, Path data, String part) {
    headless();
    String what = "true prices and the " + horizon + "-step forecasts streamed from Kafka";
    if (symbols.size() == 1) {
      DemoSeries.Named one = symbols.get(0);
      write(png, one.symbol() + " (" + data.getFileName() + part + "): " + what,
          one.series().timestamps(), one.series().prices(),
          everyNth(one.series().timestamps(), forecastsOf(one.symbol(), received), horizon),
          1600, 800);
      return;
    }
    DateAxis x = new DateAxis("Event time (UTC)");
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
    combined.setGap(12);
    LegendItemCollection legend = null;
    for (DemoSeries.Named s : symbols) {
      XYPlot panel = plot(s.series().timestamps(), s.series().prices(),
          everyNth(s.series().timestamps(), forecastsOf(s.symbol(), received), horizon), x,
          s.symbol() + " price");
      if (legend == null) {
        legend = panel.getFixedLegendItems();
      }
      combined.add(panel, 1);
    }
    combined.setFixedLegendItems(legend);
    save(png, new JFreeChart(symbols.stream().map(DemoSeries.Named::symbol)
            .collect(java.util.stream.Collectors.joining(", ")) + " (" + data.getFileName() + part
            + "), one model: " + what, JFreeChart.DEFAULT_TITLE_FONT, combined, true),
        1600, 400 * symbols.size());
  }

  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static List<Forecast> forecastsOf(String symbol, List<ReceivedForecast> received) {
    List<Forecast> mine = new ArrayList<>();
    for (ReceivedForecast r : received) {
      if (r.forecast().getSymbol().equals(symbol)) {
        mine.add(r.forecast());
      }
    }
    return mine;
  }

  /** One symbol's plot: true prices, the paths and their bands, with its fixed legend. */
  private static XYPlot plot(long[] times, double[] prices, List<Forecast> paths, DateAxis x,
      String yLabel) {
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < times.length; i++) {
      position.put(times[i], i);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries truth = new XYSeries("True price", false, true);
    for (int i = 0; i < times.length; i++) {
      truth.add(times[i], prices[i]);
    }
    data.addSeries(truth);
    int n = 0;
    for (Forecast f : paths) {
      Integer k = position.get(f.getLastTickTime().toEpochMilli());
      if (k == null) {
        continue;
      }
      XYSeries s = new XYSeries("path " + (n++), false, true);
      List<Double> path = f.getPath();
      for (int h = 1; h <= path.size() && k + h < times.length; h++) {
        s.add(times[k + h], path.get(h - 1));
      }
      if (s.getItemCount() > 0) {
        data.addSeries(s);
      }
    }

    // The fan: each drawn path's prediction bands, widest level first so narrower ones lie on top.
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    List<Double> bandLevels = new ArrayList<>();
    for (Forecast f : paths) {
      Integer k = position.get(f.getLastTickTime().toEpochMilli());
      if (k == null) {
        continue;
      }
      List<PredictionInterval> intervals = new ArrayList<>(ForecastCodec.intervals(f));
      intervals.sort((a, b) -> Double.compare(b.getLevel(), a.getLevel()));
      for (PredictionInterval iv : intervals) {
        YIntervalSeries band = new YIntervalSeries("band " + bands.getSeriesCount(), false, true);
        List<Double> path = f.getPath();
        for (int h = 1; h <= path.size() && h <= iv.getPathLower().size()
            && k + h < times.length; h++) {
          band.add(times[k + h], path.get(h - 1), iv.getPathLower().get(h - 1),
              iv.getPathUpper().get(h - 1));
        }
        if (band.getItemCount() > 0) {
          bands.addSeries(band);
          bandLevels.add(iv.getLevel());
        }
      }
    }
    List<Double> distinctLevels = bandLevels.stream().distinct().sorted().toList();

    x.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, TRUE_COLOUR);
    renderer.setSeriesStroke(0, new BasicStroke(1.2f));
    for (int i = 1; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, PATH_COLOUR);
      renderer.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    if (bands.getSeriesCount() > 0) {
      DeviationRenderer fan = new DeviationRenderer(false, false);
      for (int i = 0; i < bands.getSeriesCount(); i++) {
        fan.setSeriesFillPaint(i, bandColour(distinctLevels.indexOf(bandLevels.get(i)),
            distinctLevels.size()));
      }
      fan.setAlpha(1.0f);
      plot.setDataset(1, bands);
      plot.setRenderer(1, fan);
      plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // bands beneath the lines
      plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // wide band, then narrow on it
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("True price", TRUE_COLOUR));
    String h = paths.isEmpty() ? "" : paths.get(0).getPath().size() + "-step ";
    legend.add(new LegendItem("Streamed " + h + "forecast paths (" + (data.getSeriesCount() - 1)
        + ")", PATH_COLOUR));
    for (int i = distinctLevels.size() - 1; i >= 0; i--) {
      legend.add(new LegendItem(String.format(java.util.Locale.ROOT, "%.0f%% prediction band",
          100 * distinctLevels.get(i)), bandColour(i, distinctLevels.size())));
    }
    plot.setFixedLegendItems(legend);
    return plot;
  }

  private static void save(Path png, JFreeChart chart, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    try {
      Path parent = png.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + png, e);
    }
  }
}
