package io.tickcast.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import io.tickcast.core.normalise.Normalisation;
import io.tickcast.core.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The served combination of the network's path with drift and AR paths, against values worked
 * out by hand (python, from the equations in {@link Ensemble}'s and the baselines' Javadoc).
 */
class EnsembleTest {
  private static final double EPS = 1e-9;
  private static final double[][] PRICES = {{100}, {102}, {104}, {110}};
  /** h=1 and h=2 rows; h=3 reuses the h=2 row. */
  private static final double[][] WEIGHTS = {{0.5, 0.25, 0.25}, {0.2, 0.3, 0.5}};

  private static Ensemble ensemble() {
    // drift mu 0.002; AR(1): r_t = 0.001 + 0.5 r_{t-1}
    return new Ensemble(List.of("model", "drift", "ar"), WEIGHTS, 0.002, 0.001,
        new double[] {0.5}, null);
  }

  /** The network path is 111.1, 112.2, 113.3 (ForecasterTest: last-price, seed, bias 0.01). */
  private static Forecaster forecaster(Ensemble e) {
    var model = new Dl4jSequenceModel(TestModels.lastValuePlus(new double[] {1}, 0.01), 1);
    return new Forecaster(model,
        new ForecastSpec(4, 1, 0, 3, Normalisation.LAST_PRICE, RollForward.SEED, e));
  }

  @Test
  void combinesTheNetworkDriftAndArPathsWithThePerHorizonWeights() {
    // drift: 110 e^{0.002 h} = 110.220220, 110.440881, 110.661984
    // AR: r_0 = ln(110/104); r_h = 0.001 + 0.5 r_{h-1}; p_h = 110 e^{r_1 + .. + r_h}
    //     = 113.241771, 115.013265, 116.025344
    // h1: .5*111.1 + .25*110.220220 + .25*113.241771
    // h2: .2*112.2 + .3*110.440881 + .5*115.013265; h3: .2*113.3 + .3*110.661984 + .5*116.025344
    double[] expected = {111.41549777667669, 113.07889663632353, 113.87126713820952};
    PathForecast p = forecaster(ensemble()).forecast(new double[][][] {PRICES})[0];
    assertThat(p.path()).containsExactly(expected, within(EPS));
    assertThat(p.nextStep()).isCloseTo(expected[0], within(EPS));
    assertThat(forecaster(ensemble()).nextStep(new double[][][] {PRICES})[0])
        .isCloseTo(expected[0], within(EPS));
  }

  @Test
  void withoutAnEnsembleTheNetworkPathIsServedUnchanged() {
    assertThat(forecaster(null).forecast(new double[][][] {PRICES})[0].path())
        .containsExactly(new double[] {111.1, 112.2, 113.3}, within(EPS));
    assertThat(forecaster(null).nextStep(new double[][][] {PRICES})[0])
        .isCloseTo(111.1, within(EPS));
  }

  @Test
  void allWeightOnTheModelIsTheNetworkAlone() {
    Ensemble modelOnly = new Ensemble(List.of("model", "drift"), new double[][] {{1, 0}}, 0.01,
        null, null, null);
    assertThat(forecaster(modelOnly).forecast(new double[][][] {PRICES})[0].path())
        .containsExactly(new double[] {111.1, 112.2, 113.3}, within(EPS));
  }

  @Test
  void rejectsWeightsOffTheSimplexAndMissingParameters() {
    assertThatThrownBy(() -> new Ensemble(List.of("model", "drift"), new double[][] {{0.5, 0.6}},
        0.0, null, null, null)).hasMessageContaining("sum to");
    assertThatThrownBy(() -> new Ensemble(List.of("model", "drift"), new double[][] {{1.2, -0.2}},
        0.0, null, null, null)).hasMessageContaining("outside [0, 1]");
    assertThatThrownBy(() -> new Ensemble(List.of("model", "ar"), new double[][] {{0.5, 0.5}},
        null, null, null, null)).hasMessageContaining("arIntercept");
    assertThatThrownBy(() -> new Ensemble(List.of("model", "holt"), new double[][] {{0.5, 0.5}},
        null, null, null, null)).hasMessageContaining("unknown");
    Ensemble ar3 = new Ensemble(List.of("model", "ar"), new double[][] {{0.5, 0.5}}, null, 0.0,
        new double[] {0.1, 0.1, 0.1, 0.1}, null);
    assertThatThrownBy(() -> forecaster(ar3)).hasMessageContaining("needs 5 prices");
  }

  @Test
  void anOldModelJsonHasNoEnsembleAndANewOneRoundTrips() throws Exception {
    String old = """
        {"formatVersion": 1, "modelVersion": "abc", "windowLength": 4, "horizon": 3,
         "features": ["price"], "target": "price", "normalisation": "last-price",
         "rollForward": "seed"}""";
    ModelMetadata oldMeta = ModelArtifact.json().readValue(old, ModelMetadata.class);
    assertThat(oldMeta.ensemble()).isNull();
    assertThat(oldMeta.forecastSpec().ensemble()).isNull();
    assertThat(ModelArtifact.json().writeValueAsString(oldMeta)).doesNotContain("ensemble");

    ModelMetadata withEnsemble = oldMeta.withEnsemble(ensemble());
    ModelMetadata read = ModelArtifact.json().readValue(
        ModelArtifact.json().writeValueAsString(withEnsemble), ModelMetadata.class);
    Ensemble e = read.forecastSpec().ensemble();
    assertThat(e.components()).containsExactly("model", "drift", "ar");
    assertThat(e.weights()).isDeepEqualTo(WEIGHTS);
    assertThat(e.arCoefficients()).containsExactly(0.5);
    assertThat(e.driftMeanLogReturn()).isEqualTo(0.002);
  }
}
