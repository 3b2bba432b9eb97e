package io.tickcast.streams.inference;

import io.tickcast.core.model.ModelMetadata;
import io.tickcast.streams.window.TickWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which tick field feeds each input column of a model: the metadata's target column takes the
 * tick's price, a column named {@code volume} takes its volume. A model with any other column
 * cannot be served from ticks.
 */
public final class FeatureMapping {
  private enum Source { PRICE, VOLUME }

  private final List<String> features;
  private final Source[] sources;

  private FeatureMapping(List<String> features, Source[] sources) {
    this.features = List.copyOf(features);
    this.sources = sources;
  }

  /**
   * The mapping for a model.
   *
   * @param meta model metadata
   * @throws IllegalArgumentException naming a column that ticks do not carry
   */
  public static FeatureMapping of(ModelMetadata meta) {
    List<String> f = meta.features();
    Source[] s = new Source[f.size()];
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (f.get(i).equals(meta.target())) {
        s[i] = Source.PRICE;
      } else if (f.get(i).toLowerCase(Locale.ROOT).equals("volume")) {
        s[i] = Source.VOLUME;
      } else {
        unknown.add(f.get(i));
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the model reads columns " + unknown + " that ticks do"
          + " not carry; a served model may read its target (the tick price) and 'volume' only");
    }
    return new FeatureMapping(f, s);
  }

  /** The model's input column names, in input order. */
  public List<String> features() {
    return features;
  }

  /** Whether a column is fed from the tick volume. */
  public boolean needsVolume() {
    for (Source s : sources) {
      if (s == Source.VOLUME) {
        return true;
      }
    }
    return false;
  }

  /**
   * The model input of a window.
   *
   * @param window ticks, oldest first
   * @return shape {@code [W][features]}, raw values (price units, volume units)
   */
  public double[][] rows(TickWindow window) {
    double[][] rows = new double[window.size()][sources.length];
    for (int t = 0; t < window.size(); t++) {
      for (int c = 0; c < sources.length; c++) {
        rows[t][c] = sources[c] == Source.PRICE ? window.price(t) : window.volume(t);
      }
    }
    return rows;
  }
}
