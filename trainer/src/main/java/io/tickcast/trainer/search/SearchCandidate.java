package io.tickcast.trainer.search;

import io.tickcast.core.engine.Activation;
import io.tickcast.core.model.ModelMetadata.LayerSpec;
import io.tickcast.trainer.config.ModelConfig;
import io.tickcast.trainer.config.TrainerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One point of the search grid.
 *
 * @param normalisation {@code first-price}, {@code last-price} or {@code none}
 * @param window W, ticks per window
 * @param lstmUnits units of each stacked LSTM layer, e.g. {@code [50, 100]} (the tutorial's)
 * @param dropout Keras dropout rate after each LSTM; 0: no dropout layer
 * @param epochs maximum epochs (early stopping may end sooner)
 * @param learningRate the optimiser's step size
 */
public record SearchCandidate(String normalisation, int window, List<Integer> lstmUnits,
    double dropout, int epochs, double learningRate) {

  /** Copies the unit list. */
  public SearchCandidate {
    lstmUnits = List.copyOf(lstmUnits);
  }

  /**
   * Parses a layer-size spec: LSTM units separated by {@code -}, e.g. {@code 50-100} or {@code
   * 32}.
   *
   * @throws IllegalArgumentException if a size is not a positive integer
   */
  public static List<Integer> parseUnits(String spec) {
    List<Integer> out = new ArrayList<>();
    for (String p : spec.split("-")) {
      int u;
      try {
        u = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("layer sizes '" + spec + "': '" + p
            + "' is not an integer (expected e.g. 50-100 or 32)");
      }
      if (u < 1) {
        throw new IllegalArgumentException("layer sizes '" + spec + "': " + u + " is not >= 1");
      }
      out.add(u);
    }
    return out;
  }

  /** The units as written on the command line, e.g. {@code 50-100}. */
  public String unitsSpec() {
    StringBuilder sb = new StringBuilder();
    for (int u : lstmUnits) {
      if (sb.length() > 0) {
        sb.append('-');
      }
      sb.append(u);
    }
    return sb.toString();
  }

  /**
   * The layer stack: LSTM layers of {@link #lstmUnits} (all but the last returning sequences),
   * each followed by a dropout layer of rate {@link #dropout} when it is above 0, then dense 1.
   */
  public List<LayerSpec> layers() {
    List<LayerSpec> out = new ArrayList<>();
    for (int i = 0; i < lstmUnits.size(); i++) {
      out.add(new LayerSpec("lstm", lstmUnits.get(i), null, i < lstmUnits.size() - 1, Activation.TANH.configName()));
      if (dropout > 0) {
        out.add(new LayerSpec("dropout", null, dropout, null, null));
      }
    }
    out.add(new LayerSpec("dense", 1, null, null, Activation.IDENTITY.configName()));
    return out;
  }

  /**
   * The base config with this candidate's normalisation, window, layers, epochs and learning rate.
   *
   * @throws io.tickcast.trainer.config.ConfigException if the result is invalid
   */
  public TrainerConfig apply(TrainerConfig base) {
    ModelConfig model = base.model().withLayers(layers())
        .withOptimizer(base.model().optimizer().withLearningRate(learningRate));
    return base.withData(base.data().withNormalisation(normalisation).withWindowLength(window))
        .withTraining(base.training().withEpochs(epochs))
        .withModel(model)
        .validate();
  }

  /** A short label, e.g. {@code last-price W50 lstm 50-100 drop 0.2 ep 10 lr 0.001}. */
  public String label() {
    return String.format(Locale.ROOT, "%s W%d lstm %s drop %s ep %d lr %s", normalisation, window,
        unitsSpec(), dropout, epochs, learningRate);
  }
}
