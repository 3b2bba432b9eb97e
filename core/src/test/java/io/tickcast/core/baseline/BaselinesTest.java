package io.tickcast.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final double[] PRICES = {100, 101, 100.5, 102, 101.8, 103, 102.5, 104};

  @Test
  void persistenceRepeatsTheLastPrice() {
    assertThat(new Persistence().fit(PRICES).forecast(PRICES, 3, 3))
        .containsExactly(102, 102, 102);
  }

  @Test
  void driftIsTheMeanLogReturnOfTheTrainingRows() {
    double[] prices = {100, 110, 99, 121};
    Drift.Fitted d = new Drift().fit(prices);
    double mu = Math.log(1.21) / 3; // ln(121 / 100) over 3 returns
    assertThat(d.meanLogReturn()).isCloseTo(mu, within(1e-15));
    double[] f = d.forecast(prices, 2, 2);
    assertThat(f[0]).isCloseTo(99 * Math.pow(1.21, 1.0 / 3), within(1e-9));
    assertThat(f[1]).isCloseTo(99 * Math.pow(1.21, 2.0 / 3), within(1e-9));
  }

  @Test
  void arOneMatchesClosedFormOlsAndItsThreeStepForecast() {
    int n = PRICES.length;
    double[] r = new double[n - 1];
    for (int t = 1; t < n; t++) {
      r[t - 1] = Math.log(PRICES[t] / PRICES[t - 1]);
    }
    // r_t = c + phi r_{t-1}: simple regression of r[1..] on r[0..n-3]
    double mx = 0;
    double my = 0;
    int m = r.length - 1;
    for (int t = 1; t < r.length; t++) {
      mx += r[t - 1];
      my += r[t];
    }
    mx /= m;
    my /= m;
    double sxy = 0;
    double sxx = 0;
    for (int t = 1; t < r.length; t++) {
      sxy += (r[t - 1] - mx) * (r[t] - my);
      sxx += (r[t - 1] - mx) * (r[t - 1] - mx);
    }
    double phi = sxy / sxx;
    double c = my - phi * mx;

    AutoRegressive.Fitted ar = AutoRegressive.ofOrder(1).fit(PRICES);
    assertThat(ar.order()).isEqualTo(1);
    assertThat(ar.coefficients()[0]).isCloseTo(phi, within(1e-10));
    assertThat(ar.intercept()).isCloseTo(c, within(1e-12));

    double r1 = c + phi * r[r.length - 1];
    double r2 = c + phi * r1;
    double r3 = c + phi * r2;
    double last = PRICES[n - 1];
    assertThat(ar.forecast(PRICES, n - 1, 3)).containsExactly(new double[] {
        last * Math.exp(r1), last * Math.exp(r1 + r2), last * Math.exp(r1 + r2 + r3)},
        within(1e-9));
  }

  @Test
  void arOrderIsChosenByTheCriterion() {
    // An AR(2) process with strong coefficients: the criteria should find order 2.
    Random rnd = new Random(7);
    int n = 3000;
    double[] prices = new double[n];
    double[] r = new double[n];
    prices[0] = 100;
    for (int t = 1; t < n; t++) {
      double r1 = t >= 2 ? r[t - 1] : 0;
      double r2 = t >= 3 ? r[t - 2] : 0;
      r[t] = 0.0002 + 0.5 * r1 - 0.3 * r2 + 0.01 * rnd.nextGaussian();
      prices[t] = prices[t - 1] * Math.exp(r[t]);
    }
    AutoRegressive.Fitted bic = AutoRegressive.selected(6, AutoRegressive.Criterion.BIC).fit(prices);
    assertThat(bic.order()).isEqualTo(2);
    assertThat(bic.coefficients()[0]).isCloseTo(0.5, within(0.05));
    assertThat(bic.coefficients()[1]).isCloseTo(-0.3, within(0.05));
    // AIC's penalty is lighter: it never picks fewer lags than the process has, may pick more
    AutoRegressive.Fitted aic = AutoRegressive.selected(6, AutoRegressive.Criterion.AIC).fit(prices);
    assertThat(aic.order()).isBetween(2, 6);
    assertThat(aic.coefficients()[0]).isCloseTo(0.5, within(0.05));
    // and order 0 on returns with no autocorrelation
    double[] walk = new double[3000];
    walk[0] = 100;
    for (int t = 1; t < walk.length; t++) {
      walk[t] = walk[t - 1] * Math.exp(0.01 * rnd.nextGaussian());
    }
    assertThat(AutoRegressive.selected(6, AutoRegressive.Criterion.BIC).fit(walk).order())
        .isZero();
  }

  @Test
  void holtDampedFollowsTheRecurrencesByHand() {
    double[] p = {100, 102, 101, 104};
    double a = 0.5;
    double b = 0.3;
    double phi = 0.9;
    double[] y = Arrays.stream(p).map(Math::log).toArray();
    // start: l1 = y1, b1 = y1 - y0
    double l1 = y[1];
    double b1 = y[1] - y[0];
    // t = 2
    double f2 = l1 + phi * b1;
    double l2 = a * y[2] + (1 - a) * f2;
    double b2 = b * (l2 - l1) + (1 - b) * phi * b1;
    // t = 3
    double f3 = l2 + phi * b2;
    double l3 = a * y[3] + (1 - a) * f3;
    double b3 = b * (l3 - l2) + (1 - b) * phi * b2;
    double[] expected = {
        Math.exp(l3 + phi * b3),
        Math.exp(l3 + (phi + phi * phi) * b3),
        Math.exp(l3 + (phi + phi * phi + phi * phi * phi) * b3)};
    assertThat(HoltDamped.withParameters(a, b, phi).forecast(p, 3, 3))
        .containsExactly(expected, within(1e-9));
    assertThat(HoltDamped.withParameters(a, b, phi).forecast(p, 2, 1)[0])
        .isCloseTo(Math.exp(f3), within(1e-9));
  }

  @Test
  void holtDampedFitIsNoWorseThanAGridOfParameters() {
    Random rnd = new Random(3);
    double[] prices = new double[300];
    prices[0] = 50;
    double trend = 0.004;
    for (int t = 1; t < prices.length; t++) {
      trend = 0.95 * trend + 0.0005 * rnd.nextGaussian();
      prices[t] = prices[t - 1] * Math.exp(trend + 0.003 * rnd.nextGaussian());
    }
    HoltDamped.Fitted fit = new HoltDamped().fit(prices);
    double fitted = oneStepSse(fit, prices);
    assertThat(fit.sse()).isCloseTo(fitted, within(1e-12));
    for (double a = 0.05; a < 1; a += 0.1) {
      for (double b = 0.05; b < 1; b += 0.1) {
        for (double phi = 0.8; phi <= 0.98; phi += 0.045) {
          assertThat(fitted).as("alpha %s beta %s phi %s", a, b, phi)
              .isLessThanOrEqualTo(oneStepSse(HoltDamped.withParameters(a, b, phi), prices) + 1e-12);
        }
      }
    }
  }

  /** The SSE of one-step log forecasts from origins 1..n-2, via the public forecast. */
  private static double oneStepSse(FittedBaseline f, double[] prices) {
    double sse = 0;
    for (int t = 2; t < prices.length; t++) {
      double e = Math.log(prices[t]) - Math.log(f.forecast(prices, t - 1, 1)[0]);
      sse += e * e;
    }
    return sse;
  }

  @Test
  void noBaselineSeesARowAfterItsTrainingEndOrOrigin() {
    Random rnd = new Random(11);
    double[] clean = new double[400];
    clean[0] = 1000;
    for (int t = 1; t < clean.length; t++) {
      clean[t] = clean[t - 1] * Math.exp(0.0003 + 0.01 * rnd.nextGaussian());
    }
    int trainEnd = 250;
    int origin = 300;
    double[] garbage = clean.clone();
    for (int t = origin + 1; t < garbage.length; t++) {
      garbage[t] = t % 2 == 0 ? Double.NaN : -1e9;
    }
    double[] trainingGarbage = clean.clone();
    for (int t = trainEnd; t < trainingGarbage.length; t++) {
      trainingGarbage[t] = Double.NaN;
    }
    List<FittedBaseline> a = Baselines.fit(Baselines.standard(), clean, trainEnd);
    List<FittedBaseline> b = Baselines.fit(Baselines.standard(), trainingGarbage, trainEnd);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).parameters().toString()).isEqualTo(a.get(i).parameters().toString());
      assertThat(a.get(i).forecast(garbage, origin, 20))
          .as(a.get(i).name()).containsExactly(a.get(i).forecast(clean, origin, 20));
      assertThat(Arrays.stream(a.get(i).forecast(clean, origin, 20)).allMatch(Double::isFinite)).isTrue();
    }
  }

  @Test
  void badTrainingRowsAreNamed() {
    assertThatThrownBy(() -> new Drift().fit(new double[] {1, 2, Double.NaN, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2");
    assertThatThrownBy(() -> AutoRegressive.ofOrder(3).fit(new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10");
    assertThatThrownBy(() -> new Drift().fit(PRICES).forecast(PRICES, PRICES.length, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("origin");
  }
}
