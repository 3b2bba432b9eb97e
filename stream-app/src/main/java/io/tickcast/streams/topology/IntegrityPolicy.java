package io.tickcast.streams.topology;

import io.tickcast.core.guard.ForecastGuard;
import io.tickcast.core.model.InputProfile;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.ticks.TickValidator;
import java.util.regex.Pattern;

/**
 * The forecast-integrity rules of the topology (stream-app/README.md, "Forecast integrity"; each
 * has an {@link AppConfig} key). Durations are milliseconds; 0 switches a rule off where noted.
 *
 * @param symbolPattern accepted symbols ({@value AppConfig#TICK_SYMBOL_PATTERN})
 * @param priceMin smallest accepted price under a ratio normalisation, > 0
 * @param priceMax largest accepted {@code |price|}
 * @param timeMinMs earliest accepted event time, epoch ms (the epoch-seconds rule)
 * @param wallSkewMs most a tick may be ahead of wall-clock time; 0: off
 * @param windowSkewMs most a tick may be ahead of the newest tick of its symbol's window; 0: off
 * @param inputMargin widening of the training data's normalised range, multiple of its span
 * @param outputMaxRatio R: ratio-mode forecasts lie in {@code [p_last / R, p_last · R]}
 * @param jumpMaxMove largest tick move ({@link InputProfile#move}) that does not restart the
 *     window; NaN: derive from the model ({@link #jumpLimit})
 * @param jumpQuantileMultiple multiple of the training move quantile used when derived
 * @param gapMaxIntervals a gap longer than this many median intervals of the window restarts it;
 *     0: off
 * @param gapMinMs ... and longer than this many milliseconds (so that the jitter of a fast stream,
 *     a few milliseconds against a median of one, is no halt)
 * @param idleTtlMs a window whose newest tick is this far behind the task's newest accepted tick
 *     is removed; 0: off
 */
public record IntegrityPolicy(
    Pattern symbolPattern,
    double priceMin,
    double priceMax,
    long timeMinMs,
    long wallSkewMs,
    long windowSkewMs,
    double inputMargin,
    double outputMaxRatio,
    double jumpMaxMove,
    double jumpQuantileMultiple,
    double gapMaxIntervals,
    long gapMinMs,
    long idleTtlMs) {

  /** Jump limit of ratio-mode models without an {@link InputProfile}: {@code ln 2}. */
  public static final double FALLBACK_JUMP_LOG_RETURN = Math.log(2.0);
  /** Fewest intervals in a window before a gap can be judged against their median. */
  public static final int MIN_INTERVALS_FOR_GAP = 4;

  /** The policy of an app configuration. */
  public static IntegrityPolicy from(AppConfig c) {
    return new IntegrityPolicy(c.symbolPattern(), c.priceMin(), c.priceMax(), c.timeMinMs(),
        c.futureSkewWallMs(), c.futureSkewWindowMs(), c.guardInputMargin(),
        c.guardOutputMaxRatio(), c.jumpMaxMove(), c.jumpQuantileMultiple(),
        c.gapMaxIntervals(), c.gapMinMs(), c.idleTtlMs());
  }

  /** The built-in defaults ({@link AppConfig#defaultValues()}). */
  public static IntegrityPolicy defaults() {
    return from(AppConfig.of(java.util.Map.of(AppConfig.MODEL_DIR, "unused")));
  }

  /** A copy with another wall-clock skew (tests with a mock clock switch it off with 0). */
  public IntegrityPolicy withWallSkewMs(long ms) {
    return new IntegrityPolicy(symbolPattern, priceMin, priceMax, timeMinMs, ms, windowSkewMs,
        inputMargin, outputMaxRatio, jumpMaxMove, jumpQuantileMultiple, gapMaxIntervals, gapMinMs, idleTtlMs);
  }

  /** A copy with another idle TTL. */
  public IntegrityPolicy withIdleTtlMs(long ms) {
    return new IntegrityPolicy(symbolPattern, priceMin, priceMax, timeMinMs, wallSkewMs,
        windowSkewMs, inputMargin, outputMaxRatio, jumpMaxMove, jumpQuantileMultiple,
        gapMaxIntervals, gapMinMs, ms);
  }

  /** A copy with another jump limit (NaN: derived from the model). */
  public IntegrityPolicy withJumpMaxMove(double move) {
    return new IntegrityPolicy(symbolPattern, priceMin, priceMax, timeMinMs, wallSkewMs,
        windowSkewMs, inputMargin, outputMaxRatio, move, jumpQuantileMultiple, gapMaxIntervals,
        gapMinMs, idleTtlMs);
  }

  /** The tick validator of a model under this policy. */
  public TickValidator validator(Normalisation normalisation, boolean needsVolume) {
    return new TickValidator(normalisation, needsVolume, symbolPattern, priceMin, priceMax,
        timeMinMs, wallSkewMs);
  }

  /** The output and input guard of a model under this policy. */
  public ForecastGuard guard(ModelMetadata m) {
    return new ForecastGuard(Normalisation.fromConfig(m.normalisation()), m.features().size(),
        m.targetColumn(), m.inputProfile(), inputMargin, outputMaxRatio);
  }

  /**
   * The largest tick move that keeps a window: {@link #jumpMaxMove} when set; else {@link
   * #jumpQuantileMultiple} × the model's training move quantile; else (no profile) {@link
   * #FALLBACK_JUMP_LOG_RETURN} for the ratio modes and no limit (infinity) for {@code none}.
   */
  public double jumpLimit(ModelMetadata m) {
    if (!Double.isNaN(jumpMaxMove)) {
      return jumpMaxMove;
    }
    InputProfile p = m.inputProfile();
    if (p != null && p.moveQuantile() > 0) {
      return jumpQuantileMultiple * p.moveQuantile();
    }
    return Normalisation.fromConfig(m.normalisation()).requiresPositiveValues()
        ? FALLBACK_JUMP_LOG_RETURN : Double.POSITIVE_INFINITY;
  }
}
