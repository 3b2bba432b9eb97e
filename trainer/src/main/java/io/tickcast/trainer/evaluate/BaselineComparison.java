package io.tickcast.trainer.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickcast.core.baseline.Baseline;
import io.tickcast.core.baseline.Baselines;
import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.eval.ForecasterComparison;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.window.Windows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The model against the {@link Baselines#standard() standard baselines} on the same targets, in
 * price units. Each block of test windows has its baselines fitted on the rows its model trained
 * on: the held-out tail on the rows before the first held-out target, each walk-forward fold on
 * that fold's training rows. Blocks are pooled for the per-horizon table.
 *
 * <p>A baseline that cannot be fitted or cannot forecast on some block (e.g. drift on a series
 * with non-positive prices, AR on a series of constant returns) is left out of the comparison
 * and listed in {@code skipped} with the reason; persistence always takes part.
 *
 * @param scheme {@code held-out} or {@code walk-forward}
 * @param fits per block, the rows the baselines were fitted on and their parameters
 * @param skipped baseline name to why it is not in the comparison
 * @param comparison per forecaster and horizon, over every block's paths
 */
public record BaselineComparison(String scheme, List<Fit> fits, Map<String, String> skipped,
    ForecasterComparison comparison) {
  /** Label of the model in the tables. */
  public static final String MODEL = "model";

  /**
   * The baselines of one block.
   *
   * @param trainingRows rows {@code 0 .. trainingRows-1} were all the fit could read
   * @param firstTestTargetRow series row of the block's first target ({@code >= trainingRows})
   * @param paths number of paths in the block
   * @param baselines the fitted baselines, in report order
   */
  public record Fit(int trainingRows, int firstTestTargetRow, int paths,
      List<FittedBaseline> baselines) {}

  /**
   * Compares on the held-out tail: the model's H-step paths from every window from {@code
   * firstTestWindow} on (through the core {@code Forecaster}, as {@link BlockForecasts}), the
   * baselines fitted on rows {@code 0 .. firstTestWindow + W - 1}.
   *
   * @param model the trained model
   * @param spec window, target, horizon H, normalisation and the roll-forward variant to score
   * @param series all rows, shape {@code [N][features]}, raw units
   * @param firstTestWindow first held-out window (its target is row {@code firstTestWindow + W})
   * @param baselines what to compare with
   * @throws IllegalArgumentException if there is no test window or a baseline cannot be fitted
   */
  public static BaselineComparison heldOut(SequenceModel model, ForecastSpec spec,
      double[][] series, int firstTestWindow, List<Baseline> baselines) {
    return tail("held-out", model, spec, series, firstTestWindow, baselines);
  }

  /**
   * {@link #heldOut} under another label, e.g. for a model scored on a new series.
   *
   * @param scheme the label of the tables and chart
   */
  public static BaselineComparison tail(String scheme, SequenceModel model, ForecastSpec spec,
      double[][] series, int firstTestWindow, List<Baseline> baselines) {
    int windows = Windows.count(series.length, spec.windowLength());
    if (firstTestWindow < 0 || firstTestWindow >= windows) {
      throw new IllegalArgumentException("no test window: first test window " + firstTestWindow
          + " of " + windows);
    }
    BlockForecasts block = BlockForecasts.of(model, spec, series, firstTestWindow, windows, 1);
    Collector c = new Collector(scheme, spec.targetColumn(), baselines);
    c.add(column(series, spec.targetColumn(), block.firstTargetRow()), series, block);
    return c.result();
  }

  /**
   * Collects walk-forward folds: pass it to {@link WalkForwardEvaluator#evaluate(double[][],
   * ForecastSpec, int, double, WalkForwardEvaluator.FoldTrainer,
   * WalkForwardEvaluator.FoldObserver)}; each fold's baselines are fitted on exactly the rows its
   * model was handed.
   *
   * @param targetColumn the forecast column
   * @param baselines what to compare with
   */
  public static Collector walkForward(int targetColumn, List<Baseline> baselines) {
    return new Collector("walk-forward", targetColumn, baselines);
  }

  /**
   * Collects held-out blocks of one or more series under {@code scheme} (e.g. one block per
   * symbol): pass each to {@link Collector#addHeldOut}; {@link Collector#result()} pools them.
   *
   * @param scheme the label of the tables and chart
   * @param targetColumn the forecast column
   * @param baselines what to compare with
   */
  public static Collector collector(String scheme, int targetColumn, List<Baseline> baselines) {
    return new Collector(scheme, targetColumn, baselines);
  }

  /** Accumulates blocks; {@link #result()} pools them. */
  public static final class Collector implements WalkForwardEvaluator.FoldObserver {
    private final String scheme;
    private final int target;
    private final List<Baseline> baselines;
    private final List<Fit> fits = new ArrayList<>();
    private final List<BlockForecasts> blocks = new ArrayList<>();
    private final Map<String, List<double[]>> paths = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    private Collector(String scheme, int target, List<Baseline> baselines) {
      this.scheme = scheme;
      this.target = target;
      this.baselines = List.copyOf(baselines);
      baselines.forEach(b -> paths.put(b.name(), new ArrayList<>()));
    }

    @Override
    public void tested(WalkForwardFold fold, double[][] trainingRows, double[][] series,
        BlockForecasts block) {
      add(column(trainingRows, target, trainingRows.length), series, block);
    }

    /**
     * Adds a block of {@code series}, the baselines fitted on its rows before the block's first
     * target.
     *
     * @param series the block's own series, shape {@code [N][features]}, raw units
     * @param block the model's paths from windows of {@code series}
     */
    public void addHeldOut(double[][] series, BlockForecasts block) {
      add(column(series, target, block.firstTargetRow()), series, block);
    }

    /** Fits on {@code training} (target prices), forecasts from every origin of the block. */
    void add(double[] training, double[][] series, BlockForecasts block) {
      double[] prices = column(series, target, series.length);
      int firstOrigin = block.firstTargetRow() - 1;
      int horizon = block.actual().length == 0 ? 0 : block.actual()[0].length;
      List<FittedBaseline> fitted = new ArrayList<>();
      for (Baseline b : baselines) {
        if (skipped.containsKey(b.name())) {
          continue;
        }
        try {
          FittedBaseline f = b.fit(training);
          double[][] p = f.paths(prices, firstOrigin, block.size(), horizon);
          fitted.add(f);
          paths.get(b.name()).addAll(List.of(p));
        } catch (IllegalArgumentException e) {
          skipped.put(b.name(), e.getMessage());
          paths.remove(b.name());
        }
      }
      fits.add(new Fit(training.length, block.firstTargetRow(), block.size(),
          List.copyOf(fitted)));
      blocks.add(block);
    }

    /** The pooled comparison. */
    public BaselineComparison result() {
      BlockForecasts all = BlockForecasts.concat(blocks);
      Map<String, double[][]> b = new LinkedHashMap<>();
      paths.forEach((name, list) -> b.put(name, list.toArray(double[][]::new)));
      List<Fit> kept = fits.stream().map(f -> new Fit(f.trainingRows(), f.firstTestTargetRow(),
          f.paths(), f.baselines().stream().filter(x -> !skipped.containsKey(x.name())).toList()))
          .toList();
      return new BaselineComparison(scheme, kept, Map.copyOf(skipped),
          ForecasterComparison.of(MODEL, all.predicted(), b, all.actual(), all.last()));
    }
  }

  /**
   * The horizons the printed tables show: those of {@link HeldOutEvaluation#TABLE_HORIZONS}
   * within H, and H.
   */
  public static IntPredicate shownHorizons(int horizon) {
    return h -> h == horizon || (h < horizon && HeldOutEvaluation.TABLE_HORIZONS.contains(h));
  }

  /** The fitted parameters of the first block's baseline {@code name}, if it was fitted. */
  public java.util.Optional<Map<String, Object>> parameters(String name) {
    return fits.get(0).baselines().stream().filter(f -> f.name().equals(name)).findFirst()
        .map(FittedBaseline::parameters);
  }

  /**
   * As JSON: per block the training rows and fitted parameters, then per forecaster the metrics
   * per horizon 1..H and per horizon the best baseline and the DM test of the model against it.
   */
  public JsonNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("scheme", scheme);
    root.put("unit", "price");
    root.put("bestBaseline", "lowest RMSE among the baselines at that horizon;"
        + " dieboldMariano is the model against it (negative statistic: the model better)");
    ArrayNode fitsNode = root.putArray("fits");
    for (Fit f : fits) {
      ObjectNode o = fitsNode.addObject();
      o.put("trainingRows", f.trainingRows());
      o.put("firstTestTargetRow", f.firstTestTargetRow());
      o.put("paths", f.paths());
      ObjectNode params = o.putObject("parameters");
      f.baselines().forEach(b -> params.set(b.name(), mapper.valueToTree(b.parameters())));
    }
    root.set("skipped", mapper.valueToTree(skipped));
    ObjectNode fs = root.putObject("forecasters");
    comparison.forecasters().forEach(f -> fs.set(f.name(), mapper.valueToTree(f.perHorizon())));
    root.set("vsBestBaseline", mapper.valueToTree(comparison.verdicts()));
    return root;
  }

  /** Title line, the fits, the U table and the full side-by-side table at the shown horizons. */
  public String table(IntPredicate shown) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: model against the baselines, %d paths"
        + " (price units; U = RMSE / persistence RMSE)%n", scheme,
        comparison.forecasters().get(0).perHorizon().get(0).count()));
    for (Fit f : fits) {
      sb.append(String.format(Locale.ROOT, "  baselines fitted on rows 0..%d, scored on targets"
          + " from row %d:", f.trainingRows() - 1, f.firstTestTargetRow()));
      for (FittedBaseline b : f.baselines()) {
        sb.append(' ').append(describe(b));
      }
      sb.append(System.lineSeparator());
    }
    skipped.forEach((name, why) -> sb.append("  ").append(name).append(" left out: ").append(why)
        .append(System.lineSeparator()));
    sb.append(comparison.theilUTable(shown));
    sb.append(comparison.table(shown));
    sb.append("  (persistence forecasts no move: its dir.acc counts only flat moves)")
        .append(System.lineSeparator());
    return sb.toString();
  }

  private static String describe(FittedBaseline b) {
    Map<String, Object> p = b.parameters();
    return switch (b.name()) {
      case io.tickcast.core.baseline.Drift.NAME -> String.format(Locale.ROOT, "drift mu %.3g;",
          (Double) p.get(io.tickcast.core.baseline.Drift.MEAN_LOG_RETURN));
      case io.tickcast.core.baseline.AutoRegressive.NAME -> "ar p=" + p.get("order") + " ("
          + p.get("orderChosenBy") + ");";
      case io.tickcast.core.baseline.HoltDamped.NAME -> String.format(Locale.ROOT,
          "holt-damped alpha %.3f beta %.3f phi %.3f;", (Double) p.get("alpha"),
          (Double) p.get("beta"), (Double) p.get("phi"));
      default -> b.name() + ";";
    };
  }

  /** The first {@code count} values of one column. */
  static double[] column(double[][] rows, int column, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = rows[i][column];
    }
    return out;
  }
}
