package io.tickcast.core.forecast;

/**
 * How a multi-step path is rolled forward: each prediction is appended to the window and the
 * oldest row dropped, as in the tutorial's {@code predict_sequence_full}. The variants differ in
 * the space the shifted windows live in; with {@code NONE} normalisation they coincide.
 */
public enum RollForward {
  /**
   * The tutorial's exact arithmetic: normalise the first window once, append normalised
   * predictions and stay in that first window's normalised space; de-normalise every prediction
   * on the first window's base.
   */
  SEED,
  /**
   * Work in price units: append the de-normalised prediction and re-base every shifted window on
   * its own first row, so the network always sees inputs distributed as in training.
   */
  RENORMALISE;

  /** The configuration name, e.g. {@code seed}, {@code renormalise}. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Parses a configuration name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static RollForward fromConfig(String name) {
    for (RollForward r : values()) {
      if (r.configName().equalsIgnoreCase(name.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown roll-forward variant '" + name + "'; expected one of seed, renormalise");
  }
}
