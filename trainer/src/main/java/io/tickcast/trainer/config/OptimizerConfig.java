package io.tickcast.trainer.config;

/**
 * The optimiser and its parameters. Defaults are Keras's: RMSprop with learning rate 0.001, rho
 * 0.9, epsilon 1e-7 (the tutorial compiled with {@code optimizer="rmsprop"}).
 *
 * @param type {@code rmsprop} (default), {@code adam} or {@code sgd}
 * @param learningRate step size (default 0.001; 0.01 for sgd)
 * @param rho RMSprop decay of the squared-gradient average (default 0.9; rmsprop only)
 * @param epsilon numerical stabiliser (default 1e-7; rmsprop and adam)
 * @param learningRateDecay optional exponential schedule: the learning rate of epoch e (0-based)
 *     is {@code learningRate × learningRateDecay^e}, in (0, 1]; {@code null} (default): constant
 * @param gradientClip optional gradient clipping: every gradient element is clipped to {@code
 *     [-gradientClip, gradientClip]} before the update (DL4J {@code
 *     ClipElementWiseAbsoluteValue}); {@code null} (default): off
 */
public record OptimizerConfig(String type, Double learningRate, Double rho, Double epsilon,
    Double learningRateDecay, Double gradientClip) {

  /** Fills defaults for absent fields. */
  public OptimizerConfig {
    type = type == null ? "rmsprop" : type;
    if (learningRate == null) {
      learningRate = "sgd".equals(type) ? 0.01 : 0.001;
    }
    if (rho == null && "rmsprop".equals(type)) {
      rho = 0.9;
    }
    if (epsilon == null && ("rmsprop".equals(type) || "adam".equals(type))) {
      epsilon = 1e-7;
    }
  }

  /** Without a learning-rate schedule or gradient clipping. */
  public OptimizerConfig(String type, Double learningRate, Double rho, Double epsilon) {
    this(type, learningRate, rho, epsilon, null, null);
  }

  /** RMSprop with Keras's defaults. */
  public static OptimizerConfig defaults() {
    return new OptimizerConfig(null, null, null, null);
  }

  /** A copy with another learning rate. */
  public OptimizerConfig withLearningRate(double lr) {
    return new OptimizerConfig(type, lr, rho, epsilon, learningRateDecay, gradientClip);
  }

  /** A copy with another per-epoch learning-rate decay ({@code null}: constant). */
  public OptimizerConfig withLearningRateDecay(Double decay) {
    return new OptimizerConfig(type, learningRate, rho, epsilon, decay, gradientClip);
  }

  /** A copy with another element-wise gradient clipping threshold ({@code null}: off). */
  public OptimizerConfig withGradientClip(Double clip) {
    return new OptimizerConfig(type, learningRate, rho, epsilon, learningRateDecay, clip);
  }
}
