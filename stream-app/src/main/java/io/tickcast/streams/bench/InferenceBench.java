package io.tickcast.streams.bench;

import io.tickcast.core.forecast.ForecastSpec;
import io.tickcast.core.forecast.Forecaster;
import io.tickcast.core.forecast.RollForward;
import io.tickcast.core.model.Dl4jSequenceModel;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.normalise.Normalisation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Measures the stream app's inference path: one {@link Forecaster#forecast} call per micro-batch
 * of windows (next step plus the H-step path), as the forecast processor makes it, on one thread.
 * Prints, per batch size, forecasts per second and milliseconds per window and per batch.
 *
 * <p>Usage: {@code InferenceBench [--model DIR] [--seconds S] [--batches 1,8,64]}. Without {@code
 * --model} it times a randomly initialised network of the tutorial's default size (LSTM 50 → LSTM
 * 100 → dense 1, dropout 0.2, W = 50, H = 50, first-price, seed roll-forward); inference cost does
 * not depend on the weights. Windows are random walks around 100 price units. Not a test: timings
 * depend on the machine and its load.
 */
public final class InferenceBench {
  private InferenceBench() {}

  /** Runs the benchmark; see the class comment for arguments. */
  public static void main(String[] args) {
    Path model = null;
    double seconds = 5;
    List<Integer> batches = List.of(1, 8, 32, 64);
    RollForward variant = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--model" -> model = Path.of(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--batches" -> {
          batches = new ArrayList<>();
          for (String b : args[++i].split(",")) {
            batches.add(Integer.parseInt(b.trim()));
          }
        }
        case "--roll-forward" -> variant = RollForward.fromConfig(args[++i]);
        default -> {
          System.err.println("usage: InferenceBench [--model DIR] [--seconds S] [--batches 1,8,64]"
              + " [--roll-forward seed|renormalise]");
          System.exit(2);
        }
      }
    }
    Forecaster forecaster;
    String what;
    if (model != null) {
      LoadedModel m = ModelArtifact.load(ModelArtifact.latest(model).orElse(model));
      forecaster = m.newForecaster();
      what = "model " + m.version().substring(0, 12) + " from " + m.directory();
    } else {
      forecaster = new Forecaster(new Dl4jSequenceModel(defaultNetwork(50), 1),
          new ForecastSpec(50, 1, 0, 50, Normalisation.FIRST_PRICE, RollForward.SEED));
      what = "random default-size network (LSTM 50 -> LSTM 100 -> dense 1)";
    }
    if (variant != null) {
      forecaster = new Forecaster(forecaster.model(), forecaster.spec().withRollForward(variant));
    }
    ForecastSpec spec = forecaster.spec();
    System.out.printf(Locale.ROOT, "%s; W=%d, H=%d, %s, roll-forward %s; %d cores, OMP_NUM_THREADS=%s%n",
        what, spec.windowLength(), spec.horizon(), spec.normalisation().configName(),
        spec.rollForward().configName(), Runtime.getRuntime().availableProcessors(),
        System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    System.out.println("batch  batches  forecasts/s  ms/window  ms/batch(mean)  ms/batch(p50)");
    Random rnd = new Random(42);
    for (int batch : batches) {
      double[][][] windows = randomWindows(rnd, batch, spec.windowLength(), spec.features());
      long warmUntil = System.nanoTime() + (long) (Math.min(2.0, seconds / 2) * 1e9);
      while (System.nanoTime() < warmUntil) {
        forecaster.forecast(windows);
      }
      List<Long> times = new ArrayList<>();
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long total = 0;
      while (System.nanoTime() < end || times.size() < 3) {
        long t0 = System.nanoTime();
        forecaster.forecast(windows);
        long dt = System.nanoTime() - t0;
        times.add(dt);
        total += dt;
      }
      times.sort(Long::compare);
      double meanMs = total / 1e6 / times.size();
      System.out.printf(Locale.ROOT, "%5d  %7d  %11.1f  %9.3f  %14.2f  %13.2f%n", batch,
          times.size(), batch * times.size() / (total / 1e9), meanMs / batch, meanMs,
          times.get(times.size() / 2) / 1e6);
    }
  }

  private static double[][][] randomWindows(Random rnd, int batch, int w, int f) {
    double[][][] out = new double[batch][w][f];
    for (int b = 0; b < batch; b++) {
      double p = 100;
      for (int t = 0; t < w; t++) {
        p *= 1 + 0.01 * rnd.nextGaussian();
        for (int c = 0; c < f; c++) {
          out[b][t][c] = p;
        }
      }
    }
    return out;
  }

  /** The tutorial's stack with random weights: LSTM 50 (sequences) → LSTM 100 (last step) → dense 1. */
  private static MultiLayerNetwork defaultNetwork(int windowLength) {
    var conf = new NeuralNetConfiguration.Builder()
        .seed(1)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .list()
        .layer(new LSTM.Builder().nIn(1).nOut(50).activation(Activation.TANH).build())
        .layer(new DropoutLayer.Builder(0.8).build())
        .layer(new LastTimeStep(new LSTM.Builder().nIn(50).nOut(100)
            .activation(Activation.TANH).build()))
        .layer(new DropoutLayer.Builder(0.8).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(100).nOut(1)
            .activation(Activation.IDENTITY).build())
        .setInputType(InputType.recurrent(1, windowLength))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
