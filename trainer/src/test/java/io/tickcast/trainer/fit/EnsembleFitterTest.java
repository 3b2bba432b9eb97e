package io.tickcast.trainer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.baseline.FittedBaseline;
import io.tickcast.core.baseline.Persistence;
import io.tickcast.core.forecast.Ensemble;
import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.engine.SequenceModel;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.trainer.config.EnsembleConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simplex least squares by hand, and the ensemble's weights read only validation rows. */
class EnsembleFitterTest {
  private static final int W = 5;
  private static final int H = 3;
  private static final ForecastSpec SPEC =
      new ForecastSpec(W, 1, 0, H, Normalisation.LAST_PRICE, RollForward.SEED);

  /** A network forecasting +0.5% on every window (normalised 0.005 above the last price). */
  private static final SequenceModel UP = new SequenceModel() {
    @Override
    public int inputFeatures() {
      return 1;
    }

    @Override
    public SequenceModel copy() {
      return this;
    }

    @Override
    public double[] predict(double[][][] windows) {
      double[] out = new double[windows.length];
      for (int b = 0; b < out.length; b++) {
        out[b] = windows[b][windows[b].length - 1][0] + 0.005;
      }
      return out;
    }
  };

  private static double[][] series(int rows) {
    double[][] s = new double[rows][1];
    for (int t = 0; t < rows; t++) {
      s[t][0] = 100 + 3 * Math.sin(t / 3.0) + 0.05 * t;
    }
    return s;
  }

  @Test
  void simplexLeastSquaresByHand() {
    // y = x1 exactly on two orthogonal cells: (0.2 - w)^2 + (0.4 - (1 - w))^2 is least at w = 0.4
    ConvexWeights interior = new ConvexWeights(2);
    interior.add(0.2, new double[] {1, 0}, 1);
    interior.add(0.4, new double[] {0, 1}, 1);
    assertThat(interior.solve()).containsExactly(new double[] {0.4, 0.6}, within(1e-12));
    // y = 0.3 x1 + 0.7 x2: the third component gets nothing
    ConvexWeights exact = new ConvexWeights(3);
    double[][] x = {{1, 2, 5}, {2, -1, 0}, {0, 3, -2}, {4, 1, 1}};
    for (double[] r : x) {
      exact.add(0.3 * r[0] + 0.7 * r[1], r, 1);
    }
    assertThat(exact.solve()).containsExactly(new double[] {0.3, 0.7, 0}, within(1e-9));
    // y = 2 x1 wants w1 = 2: on the simplex the best is the vertex w1 = 1
    ConvexWeights vertex = new ConvexWeights(2);
    for (double v : new double[] {1, 2, 3}) {
      vertex.add(2 * v, new double[] {v, 0}, 1);
    }
    assertThat(vertex.solve()).containsExactly(new double[] {1, 0}, within(1e-12));
  }

  @Test
  void cellsAreTheValidationWindowsTargetsWithinTheTrainingRows() {
    double[][] rows = series(60); // windows 0..54; fit 0..44, validation 45..54
    int fitEnd = 45;
    List<EnsembleFitter.Cell> cells = EnsembleFitter.cells(UP, SPEC, rows, fitEnd,
        List.<FittedBaseline>of(new Persistence()));
    // validation window i (45..54) has targets rows i+5 .. i+7, those <= 59 kept: 10 + 9 + 8
    assertThat(cells).hasSize(27);
    assertThat(cells).allSatisfy(c -> assertThat(c.targetRow()).isBetween(fitEnd + W, 59));
    assertThat(cells.stream().mapToInt(EnsembleFitter.Cell::targetRow).min().getAsInt())
        .isEqualTo(fitEnd + W);
    EnsembleFitter.Cell first = cells.get(0);
    assertThat(first.actualMove()).isEqualTo(rows[50][0] - rows[49][0]);
    assertThat(first.forecastMoves()[0]).isCloseTo(rows[49][0] * 0.005, within(1e-9));
    assertThat(first.forecastMoves()[1]).isZero();
  }

  @Test
  void weightsReadNoRowBeforeTheValidationWindowsNorAfterTheTrainingRows() {
    EnsembleConfig config = new EnsembleConfig(List.of("persistence"), EnsembleConfig.PER_HORIZON);
    double[][] rows = series(60);
    Ensemble e = EnsembleFitter.fit(UP, SPEC, rows, 45, config);
    // rows before the first validation window's inputs (row 45) changed: the same weights
    double[][] early = series(60);
    for (int t = 0; t < 45; t++) {
      early[t][0] *= 1.5;
    }
    assertThat(EnsembleFitter.fit(UP, SPEC, early, 45, config).weights())
        .isDeepEqualTo(e.weights());
    // a validation target changed: the weights move
    double[][] late = series(60);
    late[55][0] += 5;
    assertThat(EnsembleFitter.fit(UP, SPEC, late, 45, config).weights()[0])
        .isNotEqualTo(e.weights()[0]);
    assertThat(e.fittedOn().validationFirstTargetRow()).isEqualTo(50);
    assertThat(e.fittedOn().validationLastTargetRow()).isEqualTo(59);
    assertThat(e.fittedOn().validationWindows()).isEqualTo(10);
    assertThat(e.components()).containsExactly("model", "persistence");
  }
}
