package io.tickcast.trainer.search;

/**
 * How one candidate did on the common held-out tail, in price units.
 *
 * @param candidate the grid point
 * @param heldOutTargets number of held-out next-step targets (the same rows for every candidate)
 * @param bestEpoch the epoch whose weights were kept
 * @param epochsRun epochs trained
 * @param theilU1 held-out next-step Theil's U (RMSE / persistence RMSE), every held-out window
 * @param rmse1 held-out next-step RMSE
 * @param dmStatistic Diebold–Mariano statistic at horizon 1 against persistence (negative: model
 *     better)
 * @param dmPValue its two-sided p-value
 * @param meanTheilU mean of Theil's U over horizons 1..H (roll-forward seed paths)
 * @param theilUH Theil's U at horizon H
 * @param trainingSeconds training wall-clock time, seconds
 */
public record SearchResult(SearchCandidate candidate, int heldOutTargets, int bestEpoch,
    int epochsRun, double theilU1, double rmse1, double dmStatistic, double dmPValue,
    double meanTheilU, double theilUH, double trainingSeconds) {}
