package io.tickcast.core.engine;

/**
 * The weights of a network the Java engine runs, in its own layout and free of DL4J types:
 * stacked LSTM layers (the last one's final time step taken), then dense layers ending in one
 * output. Immutable by convention (arrays are shared between engine copies and never written).
 *
 * @param features F, input columns of the first LSTM
 * @param lstms the LSTM layers, input side first
 * @param dense the dense layers after the last LSTM; the last has one output
 */
public record LstmNetwork(int features, Lstm[] lstms, Dense[] dense) {

  /**
   * One LSTM layer: pre-activations {@code z = [x, h]·w + bias}, split into blocks of {@code n} in
   * DL4J's order cell input g, forget f, output o, input gate i; then {@code c = f⊙c + i⊙act(g)},
   * {@code h = o⊙act(c)} with the gates through {@code gate}.
   *
   * @param nIn inputs per time step
   * @param n units
   * @param w {@code [nIn + n][4n]}: the input weights' rows, then the recurrent ones
   * @param bias {@code [4n]}
   * @param act activation of the cell input and the cell state (tanh)
   * @param gate activation of the gates (sigmoid)
   */
  public record Lstm(int nIn, int n, FloatMatrix w, float[] bias, Activation act, Activation gate) {
    /** K = nIn + n, the rows of {@link #w}. */
    public int k() {
      return nIn + n;
    }
  }

  /**
   * One dense layer {@code y = act(x·w + bias)}, in {@code double}.
   *
   * @param nIn inputs
   * @param nOut outputs
   * @param w {@code [nIn][nOut]}
   * @param bias {@code [nOut]}
   * @param act its activation
   */
  public record Dense(int nIn, int nOut, double[][] w, double[] bias, Activation act) {}

  /** The layers as {@link SupportedNetworks} sees them (the last LSTM takes the last step). */
  public java.util.List<SupportedNetworks.Layer> layers() {
    java.util.List<SupportedNetworks.Layer> out = new java.util.ArrayList<>();
    for (int i = 0; i < lstms.length; i++) {
      out.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.LSTM, lstms[i].n(),
          i == lstms.length - 1));
    }
    for (Dense d : dense) {
      out.add(new SupportedNetworks.Layer(SupportedNetworks.Kind.DENSE, d.nOut(), false));
    }
    return out;
  }

  /**
   * Multiply-add FLOPs of the LSTM matrix products for one window of {@code steps} time steps,
   * {@code steps × Σ 2 (nIn + n) 4n} (the dense layers' few are left out).
   */
  public long lstmFlops(int steps) {
    long f = 0;
    for (Lstm l : lstms) {
      f += 2L * l.k() * 4 * l.n();
    }
    return f * steps;
  }
}
