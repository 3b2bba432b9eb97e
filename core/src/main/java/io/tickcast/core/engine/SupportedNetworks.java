package io.tickcast.core.engine;

import java.util.List;

/**
 * The one statement of which networks Tickcast trains and serves, checked by the trainer's config
 * ({@code TrainerConfig}), the DL4J import ({@link Dl4jImport}, and so every engine but DL4J) and
 * the ONNX export ({@link OnnxExport}):
 *
 * <ol>
 *   <li>layers are LSTM, dropout or dense ({@link Kind}); dropout is a no-op at inference;
 *   <li>one or more LSTM layers come first; each passes its whole sequence on to the next LSTM,
 *       except the last, which passes on only its last time step;
 *   <li>dense layers follow that last LSTM; the last layer is dense with exactly one unit (the
 *       normalised next value of the target);
 *   <li>every activation is one of {@link Activation} (LSTM gates included).
 * </ol>
 *
 * What is specific to a source (DL4J's layer classes and data format, the sizes of its weight
 * matrices, a config's field names) is checked where that source is read.
 */
public final class SupportedNetworks {
  private SupportedNetworks() {}

  /** The kinds of layer, by their trainer-config names. */
  public enum Kind {
    /** An LSTM layer ({@code lstm}). */
    LSTM,
    /** A dropout layer ({@code dropout}): the identity at inference. */
    DROPOUT,
    /** A dense (fully connected) layer ({@code dense}). */
    DENSE
  }

  /**
   * One layer as the rules see it.
   *
   * @param kind its kind
   * @param units its outputs (LSTM, dense; 0 for dropout)
   * @param lastStep for an LSTM, whether it passes on only its last time step (false otherwise)
   */
  public record Layer(Kind kind, int units, boolean lastStep) {}

  /** A broken rule: the layer it is about and why. */
  public static final class Violation extends IllegalArgumentException {
    private final int layer;

    Violation(int layer, String message) {
      super(message);
      this.layer = layer;
    }

    /** Index of the layer the rule is broken at (-1: the network as a whole). */
    public int layer() {
      return layer;
    }
  }

  /**
   * Checks rules 1-3 on a layer stack (activations are typed, so rule 4 holds by construction).
   *
   * @param layers the layers, input side first
   * @throws Violation at the first layer (in order) that breaks a rule
   */
  public static void check(List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new Violation(-1, "needs at least one layer (LSTM layers, then a final dense 1)");
    }
    boolean sequence = true; // the input is a sequence of W steps
    boolean anyLstm = false;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      switch (l.kind()) {
        case LSTM -> {
          if (!sequence) {
            throw new Violation(i, "an lstm needs a sequence input, but the lstm before it passes"
                + " on only its last time step (returnSequences false); all LSTM layers come"
                + " before the one that takes the last time step");
          }
          anyLstm = true;
          sequence = !l.lastStep();
        }
        case DENSE -> {
          if (sequence) {
            throw new Violation(i, "a dense layer needs one vector per window: "
                + (anyLstm ? "the last lstm before it must pass on only its last time step"
                    + " (returnSequences false)" : "it must follow an lstm"));
          }
        }
        case DROPOUT -> { }
        default -> throw new IllegalStateException(l.kind().name());
      }
    }
    int lastIndex = layers.size() - 1;
    Layer last = layers.get(lastIndex);
    if (last.kind() != Kind.DENSE || last.units() != 1) {
      throw new Violation(lastIndex, "the last layer must be dense with 1 unit (the next value of"
          + " the target); it " + (last.kind() == Kind.DENSE ? "outputs " + last.units()
              + " values per window" : "is " + last.kind().name().toLowerCase()));
    }
  }
}
