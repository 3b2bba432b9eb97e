package io.tickcast.core.engine;

/**
 * Tickcast's one activation vocabulary: the element-wise activations a network may use (the
 * trainer config's names, {@link #configName()}), their ONNX names ({@link #onnxName()}), and the
 * {@code float} tanh and sigmoid approximations the Java engine's LSTM layers use. No DL4J types:
 * {@link Dl4jImport} maps between these and DL4J's activations, both ways.
 */
public enum Activation {
  /** {@code x}. */
  IDENTITY("linear", "Affine"),
  /** {@code tanh(x)}. */
  TANH("tanh", "Tanh"),
  /** The logistic sigmoid {@code 1 / (1 + e^-x)}. */
  SIGMOID("sigmoid", "Sigmoid"),
  /** {@code max(x, 0)}. */
  RELU("relu", "Relu");

  private final String configName;
  private final String onnxName;

  Activation(String configName, String onnxName) {
    this.configName = configName;
    this.onnxName = onnxName;
  }

  /** The name in a trainer config and in {@code model.json}'s layers: linear, tanh, sigmoid, relu. */
  public String configName() {
    return configName;
  }

  /**
   * The name in ONNX: the operator type of a stand-alone activation node and the entry of the
   * {@code LSTM} operator's {@code activations} attribute; identity is the LSTM operator's {@code
   * Affine} (alpha 1, beta 0) and needs no node after a dense layer.
   */
  public String onnxName() {
    return onnxName;
  }

  /**
   * Parses a config name (exact, lower case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Activation fromConfig(String name) {
    for (Activation a : values()) {
      if (a.configName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
        + configNames());
  }

  /** The config names, in declaration order. */
  public static java.util.List<String> configNames() {
    return java.util.Arrays.stream(values()).map(Activation::configName).toList();
  }

  /** Applies the activation to {@code v[from, to)} in {@code float} ({@link #tanh}, {@link #sigmoid}). */
  public void applyInPlace(float[] v, int from, int to) {
    switch (this) {
      case IDENTITY -> { }
      case TANH -> {
        for (int i = from; i < to; i++) {
          v[i] = tanh(v[i]);
        }
      }
      case SIGMOID -> {
        for (int i = from; i < to; i++) {
          v[i] = sigmoid(v[i]);
        }
      }
      case RELU -> {
        for (int i = from; i < to; i++) {
          v[i] = Math.max(v[i], 0.0f);
        }
      }
      default -> throw new IllegalStateException(name());
    }
  }

  /** Applies the activation to {@code v[from, to)} in {@code double}, exactly (dense layers). */
  public void applyInPlace(double[] v, int from, int to) {
    switch (this) {
      case IDENTITY -> { }
      case TANH -> {
        for (int i = from; i < to; i++) {
          v[i] = Math.tanh(v[i]);
        }
      }
      case SIGMOID -> {
        for (int i = from; i < to; i++) {
          v[i] = 1.0 / (1.0 + Math.exp(-v[i]));
        }
      }
      case RELU -> {
        for (int i = from; i < to; i++) {
          v[i] = Math.max(v[i], 0.0);
        }
      }
      default -> throw new IllegalStateException(name());
    }
  }

  /** Logistic sigmoid {@code 1 / (1 + e^-x)}, as {@code (1 + tanh(x / 2)) / 2} (error below 4e-7). */
  public static float sigmoid(float x) {
    return 0.5f + 0.5f * tanh(0.5f * x);
  }

  /**
   * tanh in {@code float} from the odd rational approximation of degree 13/6 that Eigen uses
   * ({@code generic_fast_tanh_float}; absolute error below 4e-7 over all floats, checked by a
   * test), clamped where tanh is 1 to float precision. Only multiply, add, divide, min and max,
   * so loops over arrays vectorise ({@link Math#tanh} and {@link Math#exp} do not).
   */
  public static float tanh(float x) {
    float c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
    float x2 = c * c;
    float p = x2 * P13 + P11;
    p = p * x2 + P9;
    p = p * x2 + P7;
    p = p * x2 + P5;
    p = p * x2 + P3;
    p = p * x2 + P1;
    float q = x2 * Q6 + Q4;
    q = q * x2 + Q2;
    q = q * x2 + Q0;
    return c * p / q;
  }

  /** |x| beyond which {@link #tanh} is ±1 in float. */
  static final float TANH_CLAMP = 7.99881172180175781f;
  // tanh(x) ≈ x·P(x²)/Q(x²): P's coefficients of x^1..x^13, Q's of x^0..x^6 (Eigen's).
  static final float P13 = -2.76076847742355e-16f;
  static final float P11 = 2.00018790482477e-13f;
  static final float P9 = -8.60467152213735e-11f;
  static final float P7 = 5.12229709037114e-08f;
  static final float P5 = 1.48572235717979e-05f;
  static final float P3 = 6.37261928875436e-04f;
  static final float P1 = 4.89352455891786e-03f;
  static final float Q6 = 1.19825839466702e-06f;
  static final float Q4 = 1.18534705686654e-04f;
  static final float Q2 = 2.26843463243900e-03f;
  static final float Q0 = 4.89352518554385e-03f;
}
