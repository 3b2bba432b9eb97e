package io.tickcast.core.normalise;

import io.tickcast.core.config.EnumNames;

/**
 * How a window of prices is scaled before it reaches the network, and how a network output is
 * turned back into price units.
 *
 * <p>Every column of a window is normalised on its own base value (the seed tutorial's later,
 * multi-feature version), so a volume column never shares the price column's scale.
 */
public enum Normalisation {
  /** Raw values; the tutorial's choice for the sine wave, whose values cross zero. */
  NONE {
    @Override
    public double normalise(double value, double base) {
      return value;
    }

    @Override
    public double denormalise(double normalised, double base) {
      return normalised;
    }

    @Override
    void checkBase(double base, int column) {
      // no base is used
    }
  },
  /**
   * The tutorial's per-window normalisation on the window's first value: {@code n_i = p_i / p_0 - 1},
   * inverted by {@code p = p_0 (n + 1)} (tutorial, "Normalisation" / "De-Normalisation").
   */
  FIRST_PRICE {
    @Override
    public double normalise(double value, double base) {
      return value / base - 1.0;
    }

    @Override
    public double denormalise(double normalised, double base) {
      return base * (normalised + 1.0);
    }

    @Override
    void checkBase(double base, int column) {
      if (Double.isNaN(base) || Double.isInfinite(base)) {
        throw new NormalisationException(NormalisationException.Reason.NON_FINITE_BASE, column, base);
      }
      if (base == 0.0) {
        throw new NormalisationException(NormalisationException.Reason.ZERO_BASE, column, base);
      }
      if (base < 0.0) {
        throw new NormalisationException(NormalisationException.Reason.NEGATIVE_BASE, column, base);
      }
    }
  },
  /**
   * Normalisation on the window's last observed value: {@code n_i = p_i / p_{W-1} - 1}, inverted by
   * {@code p = p_{W-1} (n + 1)}. The persistence forecast (repeat the last price) is exactly 0, so
   * the network learns deviations from it.
   */
  LAST_PRICE {
    @Override
    public double normalise(double value, double base) {
      return value / base - 1.0;
    }

    @Override
    public double denormalise(double normalised, double base) {
      return base * (normalised + 1.0);
    }

    @Override
    void checkBase(double base, int column) {
      FIRST_PRICE.checkBase(base, column);
    }

    @Override
    int baseRow(int windowLength) {
      return windowLength - 1;
    }
  };

  /** The row of a window of {@code windowLength} rows whose values are the base. */
  int baseRow(int windowLength) {
    return 0;
  }

  /**
   * Whether every value must be strictly positive (ratio modes), so that a window of such values
   * can always be normalised.
   */
  public boolean requiresPositiveValues() {
    return this != NONE;
  }

  /**
   * Normalises one value against a base.
   *
   * @param value a raw value (price units for the target column)
   * @param base the column's base value, already checked by {@link #base}
   * @return the normalised value
   */
  public abstract double normalise(double value, double base);

  /**
   * Turns a normalised network output back into raw units.
   *
   * @param normalised a normalised value
   * @param base the base the window was normalised on
   * @return the value in raw units (price units for the target column)
   */
  public abstract double denormalise(double normalised, double base);

  abstract void checkBase(double base, int column);

  /**
   * The base of every column of a window: its first row ({@code first-price}, {@code none}) or
   * its last row ({@code last-price}).
   *
   * @param window raw values, shape {@code [W][features]}
   * @return one base per feature column
   * @throws NormalisationException if a base is zero, negative, NaN or infinite (for modes that
   *     use one)
   */
  public double[] base(double[][] window) {
    double[] base = window[baseRow(window.length)].clone();
    for (int c = 0; c < base.length; c++) {
      checkBase(base[c], c);
    }
    return base;
  }

  /**
   * Normalises a whole window on its own {@link #base}.
   *
   * @param window raw values, shape {@code [W][features]}; not modified
   * @return a new array of the same shape with normalised values
   * @throws NormalisationException if a base is unusable or any value is NaN or infinite, so that
   *     no non-finite number ever reaches the network
   */
  public double[][] apply(double[][] window) {
    double[] base = base(window);
    double[][] out = new double[window.length][];
    for (int t = 0; t < window.length; t++) {
      double[] row = window[t];
      double[] normalised = new double[row.length];
      for (int c = 0; c < row.length; c++) {
        normalised[c] = checkedNormalise(row[c], base[c], c);
      }
      out[t] = normalised;
    }
    return out;
  }

  /**
   * Normalises a whole window on its own {@link #base} straight into a flat float buffer, as
   * {@link #apply} does but rounded to {@code float}: value {@code (t, c)} goes to {@code
   * out[at + t·features + c]}.
   *
   * @param window raw values, shape {@code [W][features]}; not modified
   * @param out the buffer, at least {@code at + W·features} long
   * @param at where the window starts in {@code out}
   * @return the window's {@link #base}, one per feature column
   * @throws NormalisationException as {@link #apply} (values already written stay in {@code out})
   */
  public double[] applyInto(double[][] window, float[] out, int at) {
    double[] base = base(window);
    int i = at;
    for (double[] row : window) {
      for (int c = 0; c < row.length; c++) {
        out[i++] = (float) checkedNormalise(row[c], base[c], c);
      }
    }
    return base;
  }

  /** No non-finite number ever reaches the network. */
  private double checkedNormalise(double v, double base, int column) {
    if (!Double.isFinite(v)) {
      throw new NormalisationException(NormalisationException.Reason.NON_FINITE_VALUE, column, v);
    }
    return normalise(v, base);
  }

  /** The configuration name of this mode, e.g. {@code first-price}. */
  public String configName() {
    return EnumNames.of(this);
  }

  /**
   * Parses a configuration name ({@code none}, {@code first-price}, {@code last-price}; case and {@code _}/{@code -}
   * insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Normalisation fromConfig(String name) {
    return EnumNames.parse(Normalisation.class, name);
  }
}
