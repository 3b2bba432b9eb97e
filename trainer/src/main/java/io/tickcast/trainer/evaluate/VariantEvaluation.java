package io.tickcast.trainer.evaluate;

import io.tickcast.core.eval.DieboldMariano;
import io.tickcast.core.eval.HorizonMetrics;
import io.tickcast.core.forecast.RollForward;
import java.util.List;

/**
 * How one roll-forward variant did on the held-out windows, in price units.
 *
 * @param variant the roll-forward variant
 * @param perHorizon metrics per horizon 1..H over paths started from every held-out window
 *     (rolling origin; a cell past the end of the series is not scored)
 * @param meanTheilU mean of {@link HorizonMetrics#theilU()} over the horizons: the figure the
 *     variants are ranked by (lower is better)
 * @param multipleSequences the tutorial's {@code predict_sequences_multiple}: paths of H from
 *     held-out windows 0, H, 2H, ... ({@code floor(n / H)} of them), shape {@code [k][H]}
 * @param multipleSequencesRmse RMSE over all cells of {@code multipleSequences}; {@code NaN} when
 *     there are fewer than H held-out windows
 * @param dieboldMariano per horizon 1..H, the Diebold–Mariano test of these paths against
 *     persistence (squared error; negative statistic: the model's errors are smaller)
 */
public record VariantEvaluation(
    RollForward variant,
    List<HorizonMetrics> perHorizon,
    double meanTheilU,
    double[][] multipleSequences,
    double multipleSequencesRmse,
    List<DieboldMariano.Result> dieboldMariano) {}
