package io.tickcast.trainer.config;

import java.util.List;

/**
 * What to read and how to cut it into windows (the tutorial's {@code data} section of {@code
 * config.json}). Every field is optional; {@code null} takes the default.
 *
 * @param columns CSV columns to read, in input order (default: the target alone; else {@code
 *     Close} when the file has such a column, else the file's only column); e.g. {@code
 *     ["Close"]} or {@code ["Close", "Volume"]}
 * @param target the forecast column, one of {@code columns} (default: the first column)
 * @param windowLength W, ticks per input window (default 50, the tutorial's sequence length)
 * @param horizon H, steps of the rolled-forward path (default 50, the tutorial's prediction_len)
 * @param trainTestSplit fraction of windows used for training and validation; the rest, the
 *     chronological tail, is held out (default 0.9)
 * @param validationFraction fraction of the training windows, taken from their chronological
 *     tail, used for validation loss and early stopping (default 0.05, the tutorial's
 *     validation_split); 0 disables validation
 * @param normalisation {@code first-price} (default, the tutorial's: n_i = p_i/p_0 - 1; far
 *     worse than persistence on the S&P 500, see {@code docs/quality.md}), {@code last-price}
 *     (n_i = p_i/p_{W-1} - 1, so that persistence is a normalised 0 and the network learns
 *     deviations from it; {@code trainer/config/sp500.json}) or {@code none}; any name core's {@link
 *     io.tickcast.core.normalise.Normalisation#fromConfig} accepts
 * @param maxRows read only the first this many rows of the file (default: all); for quick runs
 */
public record DataConfig(
    List<String> columns,
    String target,
    Integer windowLength,
    Integer horizon,
    Double trainTestSplit,
    Double validationFraction,
    String normalisation,
    Integer maxRows) {

  /** Default window length W, as in the tutorial. */
  public static final int DEFAULT_WINDOW = 50;
  /** Default normalisation: the tutorial's. The S&P 500 default config uses {@code last-price}. */
  public static final String DEFAULT_NORMALISATION = "first-price";
  /** Default horizon H, as in the tutorial. */
  public static final int DEFAULT_HORIZON = 50;

  /** Fills defaults for absent fields. */
  public DataConfig {
    columns = columns == null ? List.of() : List.copyOf(columns);
    if (columns.isEmpty() && target != null) {
      columns = List.of(target);
    }
    if (target == null && !columns.isEmpty()) {
      target = columns.get(0);
    }
    windowLength = windowLength == null ? DEFAULT_WINDOW : windowLength;
    horizon = horizon == null ? DEFAULT_HORIZON : horizon;
    trainTestSplit = trainTestSplit == null ? 0.9 : trainTestSplit;
    validationFraction = validationFraction == null ? 0.05 : validationFraction;
    // The one default that departs from the tutorial: chosen by the search in docs/quality.md.
    normalisation = normalisation == null ? DEFAULT_NORMALISATION : normalisation;
  }

  /** All defaults. */
  public static DataConfig defaults() {
    return new DataConfig(null, null, null, null, null, null, null, null);
  }

  /** A copy reading these columns; the target becomes the first unless it is among them. */
  public DataConfig withColumns(List<String> cols) {
    String t = target != null && cols.contains(target) ? target : null;
    return new DataConfig(cols, t, windowLength, horizon, trainTestSplit, validationFraction,
        normalisation, maxRows);
  }

  /** A copy with another target column. */
  public DataConfig withTarget(String t) {
    return new DataConfig(columns, t, windowLength, horizon, trainTestSplit, validationFraction,
        normalisation, maxRows);
  }

  /** A copy with another window length. */
  public DataConfig withWindowLength(int w) {
    return new DataConfig(columns, target, w, horizon, trainTestSplit, validationFraction,
        normalisation, maxRows);
  }

  /** A copy with another horizon. */
  public DataConfig withHorizon(int h) {
    return new DataConfig(columns, target, windowLength, h, trainTestSplit, validationFraction,
        normalisation, maxRows);
  }

  /** A copy with another normalisation mode name. */
  public DataConfig withNormalisation(String mode) {
    return new DataConfig(columns, target, windowLength, horizon, trainTestSplit,
        validationFraction, mode, maxRows);
  }

  /** A copy reading at most {@code rows} rows ({@code null}: all). */
  public DataConfig withMaxRows(Integer rows) {
    return new DataConfig(columns, target, windowLength, horizon, trainTestSplit,
        validationFraction, normalisation, rows);
  }
}
