package io.tickcast.trainer.config;

import io.tickcast.core.engine.Activation;
import io.tickcast.core.model.ModelMetadata.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The network (the tutorial's {@code model} section): loss, optimiser and layer stack. Every
 * field is optional; {@code null} takes the tutorial's value.
 *
 * <p>Layer fields: {@code type} ({@code lstm}, {@code dropout}, {@code dense}); {@code units}
 * (lstm, dense); {@code returnSequences} (lstm, default false as in Keras); {@code rate} (dropout:
 * the Keras rate, the fraction dropped); {@code activation} (lstm default {@code tanh}, dense
 * default {@code linear}).
 *
 * @param loss {@code mse} (default) or {@code mae}
 * @param optimizer optimiser, default RMSprop with Keras's defaults
 * @param layers the stack, default LSTM 50 (return sequences) → Dropout 0.2 → LSTM 100 → Dropout
 *     0.2 → Dense 1 linear
 */
public record ModelConfig(String loss, OptimizerConfig optimizer, List<LayerSpec> layers) {

  /** The tutorial's stack: [1, 50, 100, 1] with dropout 0.2 after each LSTM. */
  public static final List<LayerSpec> TUTORIAL_LAYERS = List.of(
      new LayerSpec("lstm", 50, null, true, Activation.TANH.configName()),
      new LayerSpec("dropout", null, 0.2, null, null),
      new LayerSpec("lstm", 100, null, false, Activation.TANH.configName()),
      new LayerSpec("dropout", null, 0.2, null, null),
      new LayerSpec("dense", 1, null, null, Activation.IDENTITY.configName()));

  /** Fills defaults for absent fields, including each layer's type-specific defaults. */
  public ModelConfig {
    loss = loss == null ? "mse" : loss;
    optimizer = optimizer == null ? OptimizerConfig.defaults() : optimizer;
    if (layers == null) {
      layers = TUTORIAL_LAYERS;
    } else {
      List<LayerSpec> filled = new ArrayList<>(layers.size());
      for (LayerSpec l : layers) {
        filled.add(withLayerDefaults(l));
      }
      layers = List.copyOf(filled);
    }
  }

  /** All defaults: the tutorial's network. */
  public static ModelConfig defaults() {
    return new ModelConfig(null, null, null);
  }

  /** A copy with another layer stack. */
  public ModelConfig withLayers(List<LayerSpec> stack) {
    return new ModelConfig(loss, optimizer, stack);
  }

  /** A copy with another optimiser. */
  public ModelConfig withOptimizer(OptimizerConfig opt) {
    return new ModelConfig(loss, opt, layers);
  }

  /**
   * A one-line description of a layer stack, e.g. {@code lstm 50 (sequences) -> dropout 0.2 ->
   * lstm 100 -> dropout 0.2 -> dense 1 linear}.
   */
  public static String describe(List<LayerSpec> layers) {
    StringBuilder sb = new StringBuilder();
    for (LayerSpec l : layers) {
      if (sb.length() > 0) {
        sb.append(" -> ");
      }
      sb.append(l.type());
      if (l.units() != null) {
        sb.append(' ').append(l.units());
      }
      if (l.rate() != null) {
        sb.append(' ').append(l.rate());
      }
      if (Boolean.TRUE.equals(l.returnSequences())) {
        sb.append(" (sequences)");
      }
      if ("dense".equals(l.type()) && l.activation() != null) {
        sb.append(' ').append(l.activation());
      }
    }
    return sb.toString();
  }

  private static LayerSpec withLayerDefaults(LayerSpec l) {
    if (l == null || l.type() == null) {
      return l;
    }
    return switch (l.type()) {
      case "lstm" -> new LayerSpec(l.type(), l.units(), l.rate(),
          l.returnSequences() == null ? Boolean.FALSE : l.returnSequences(),
          l.activation() == null ? Activation.TANH.configName() : l.activation());
      case "dense" -> new LayerSpec(l.type(), l.units(), l.rate(), l.returnSequences(),
          l.activation() == null ? Activation.IDENTITY.configName() : l.activation());
      default -> l;
    };
  }
}
