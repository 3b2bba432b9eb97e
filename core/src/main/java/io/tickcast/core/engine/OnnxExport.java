package io.tickcast.core.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.AttributeProto.AttributeType;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Writes an {@link LstmNetwork} as an ONNX model with the standard {@code LSTM} operator, so any
 * ONNX runtime can serve a network Tickcast trained. The protobuf messages are the classes
 * generated from the official {@code onnx.proto} that ND4J ships ({@code onnx.Onnx} in {@code
 * nd4j-api}, on the classpath with DL4J), so no encoder or generated code lives here.
 *
 * <p>The graph ({@link #model}):
 *
 * <pre>
 * window [batch, W, F] float ──Transpose(1,0,2)──▶ [W, batch, F]
 *   ──LSTM(n₁)──▶ Y [W, 1, batch, n₁] ──Squeeze(1)──▶ [W, batch, n₁] ── ... ──LSTM(n_L)──▶ Y_h [1, batch, n_L]
 *   ──Squeeze(0)──▶ [batch, n_L] ──Gemm(+ activation)── ... ──▶ next [batch, 1] float
 * </pre>
 *
 * <p>Weights: DL4J keeps per LSTM {@code W [nIn, 4n]}, {@code RW [n, 4n]}, {@code b [4n]} in the
 * block order cell input g, forget f, output o, input gate i ({@link LstmNetwork.Lstm}); ONNX wants
 * {@code W [1, 4n, nIn]}, {@code R [1, 4n, n]} (transposed) and {@code B [1, 8n]} (input bias then
 * recurrent bias) in the order i, o, f, c. DL4J's bias (forget-gate initialisation included) is
 * the input bias; the recurrent bias is zero. Activations: the LSTM's {@code [f, g, h]} are the
 * gate activation, then the layer's activation twice (cell input and cell state, as DL4J).
 *
 * <p>The {@linkplain #statefulModel stateful variant} also takes each layer's initial state and
 * returns its final one, for {@link OnnxRuntimeSequenceModel}'s carry-state path.
 */
public final class OnnxExport {
  /** The input: normalised windows, float {@code [batch, W, F]}, time steps oldest first. */
  public static final String INPUT = "window";
  /** The output: the normalised next value of the target column, float {@code [batch, 1]}. */
  public static final String OUTPUT = "next";
  /** The operator set the graph is written for (LSTM-14, Squeeze-13 with axes as an input). */
  public static final int OPSET = 17;
  /** ONNX IR version of the model file (IR 8 goes with opset 17). */
  public static final long IR_VERSION = 8;

  /** ONNX's gate order i, o, f, c as DL4J's block indices (g = 0, f = 1, o = 2, i = 3). */
  private static final int[] DL4J_BLOCK_OF_ONNX_GATE = {3, 2, 1, 0};
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int INT64 = TensorProto.DataType.INT64_VALUE;

  /** The largest difference from DL4J, in normalised space, that {@link #verified} accepts. */
  public static final double TOLERANCE = 1e-5;

  private OnnxExport() {}

  /**
   * Exports {@code network} ({@link #model}) and checks the file before handing it out: ONNX
   * Runtime runs it on {@code windows} and every output must be within {@value #TOLERANCE} of
   * DL4J's ({@link Dl4jSequenceModel}) in normalised space.
   *
   * @param network the trained network; not modified
   * @param features F
   * @param windows normalised windows {@code [batch][W][F]} to compare on (W is written into the
   *     graph's input shape)
   * @param docString the model's doc string
   * @return the serialised model
   * @throws IllegalArgumentException if the network is not one Tickcast serves ({@link
   *     Dl4jImport#check})
   * @throws IllegalStateException if ONNX Runtime cannot run the file, or an output differs from
   *     DL4J's by more than the tolerance (the message gives the difference and the window)
   */
  public static byte[] verified(MultiLayerNetwork network, int features, double[][][] windows,
      String docString) {
    byte[] onnx = model(Dl4jImport.weights(network, features), windows[0].length, docString);
    check(onnx, network, features, windows);
    return onnx;
  }

  /**
   * Runs the ONNX model {@code onnx} on {@code windows} and compares it with {@code network}'s
   * outputs ({@link #verified}).
   *
   * @throws IllegalStateException as {@link #verified}
   */
  static void check(byte[] onnx, MultiLayerNetwork network, int features, double[][][] windows) {
    int w = windows[0].length;
    double[] reference = new Dl4jSequenceModel(network.clone(), features).predict(windows);
    float[] x = new float[windows.length * w * features];
    int i = 0;
    for (double[][] window : windows) {
      for (double[] row : window) {
        for (double v : row) {
          x[i++] = (float) v;
        }
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx);
        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x),
            new long[] {windows.length, w, features});
        OrtSession.Result r = session.run(Map.of(INPUT, in))) {
      FloatBuffer out = ((OnnxTensor) r.get(OUTPUT).orElseThrow()).getFloatBuffer();
      for (int b = 0; b < windows.length; b++) {
        double diff = Math.abs(out.get(b) - reference[b]);
        if (!(diff <= TOLERANCE)) {
          throw new IllegalStateException("the exported ONNX model differs from DL4J by " + diff
              + " (over " + TOLERANCE + " in normalised space) on check window " + b
              + ": ONNX " + out.get(b) + ", DL4J " + reference[b] + "; model.onnx not written");
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot run the exported model: "
          + e.getMessage(), e);
    }
  }

  /**
   * The serving graph: {@value #INPUT} {@code [batch, W, F]} → {@value #OUTPUT} {@code [batch, 1]}.
   *
   * @param network the weights
   * @param windowLength W, written into the input's shape; 0 leaves the time axis free ({@code steps})
   * @param docString what the model is (stored as the model's doc string)
   * @return the serialised {@code ModelProto}
   * @throws SupportedNetworks.Violation if the network is not one Tickcast serves
   */
  public static byte[] model(LstmNetwork network, int windowLength, String docString) {
    return build(network, windowLength, false, docString).toByteArray();
  }

  /**
   * The serving graph with state: also takes {@code h0_l}, {@code c0_l} float {@code [1, batch,
   * n_l]} for every LSTM layer l (0 = input side) and returns {@code h_l}, {@code c_l} of the
   * same shapes after the last time step; the time axis is free.
   */
  public static byte[] statefulModel(LstmNetwork network) {
    return build(network, 0, true, "Tickcast LSTM with carried state").toByteArray();
  }

  /** Name of layer {@code l}'s initial hidden state input in the stateful graph. */
  public static String initialH(int l) {
    return "h0_" + l;
  }

  /** Name of layer {@code l}'s initial cell state input in the stateful graph. */
  public static String initialC(int l) {
    return "c0_" + l;
  }

  /** Name of layer {@code l}'s final hidden state output in the stateful graph. */
  public static String finalH(int l) {
    return "h_" + l;
  }

  /** Name of layer {@code l}'s final cell state output in the stateful graph. */
  public static String finalC(int l) {
    return "c_" + l;
  }

  private static ModelProto build(LstmNetwork net, int windowLength, boolean state, String doc) {
    SupportedNetworks.check(net.layers());
    GraphProto.Builder g = GraphProto.newBuilder().setName("tickcast_lstm");
    String steps = windowLength > 0 ? null : "steps";
    g.addInput(value(INPUT, "normalised windows [batch, W, F], time steps oldest first"
        + " (normalised as model.json's normalisation)", "batch",
        windowLength > 0 ? windowLength : null, steps, net.features()));
    g.addNode(node("Transpose", List.of(INPUT), List.of("x_0"))
        .addAttribute(ints("perm", new long[] {1, 0, 2})));
    LstmNetwork.Lstm[] lstms = net.lstms();
    g.addInitializer(int64s("axes_0", 0));
    if (lstms.length > 1) {
      g.addInitializer(int64s("axes_1", 1));
    }
    String x = "x_0";
    for (int l = 0; l < lstms.length; l++) {
      LstmNetwork.Lstm layer = lstms[l];
      int n = layer.n();
      boolean last = l == lstms.length - 1;
      g.addInitializer(floats("W_" + l, lstmInput(layer), 1, 4L * n, layer.nIn()));
      g.addInitializer(floats("R_" + l, lstmRecurrent(layer), 1, 4L * n, n));
      g.addInitializer(floats("B_" + l, lstmBias(layer), 1, 8L * n));
      String yh = last ? "y_h_" + l : "";
      String y = last ? "" : "y_" + l;
      List<String> in = new ArrayList<>(List.of(x, "W_" + l, "R_" + l, "B_" + l));
      List<String> out = new ArrayList<>(List.of(y, yh));
      if (state) {
        in.addAll(List.of("", initialH(l), initialC(l)));
        g.addInput(value(initialH(l), "initial hidden state of LSTM " + l, 1, "batch", n));
        g.addInput(value(initialC(l), "initial cell state of LSTM " + l, 1, "batch", n));
        out.set(1, finalH(l));
        out.add(finalC(l));
        g.addOutput(value(finalH(l), "hidden state of LSTM " + l + " after the last step", 1,
            "batch", n));
        g.addOutput(value(finalC(l), "cell state of LSTM " + l + " after the last step", 1,
            "batch", n));
        if (last) {
          yh = finalH(l);
        }
      }
      NodeProto.Builder lstm = node("LSTM", in, out)
          .addAttribute(AttributeProto.newBuilder().setName("hidden_size")
              .setType(AttributeType.INT).setI(n))
          .addAttribute(strings("activations",
              layer.gate().onnxName(), layer.act().onnxName(), layer.act().onnxName()));
      if (layer.gate() == Activation.IDENTITY || layer.act() == Activation.IDENTITY) {
        // Affine(x) = alpha·x + beta; ONNX reads one alpha/beta per listed activation.
        lstm.addAttribute(floatList("activation_alpha", 1f, 1f, 1f))
            .addAttribute(floatList("activation_beta", 0f, 0f, 0f));
      }
      g.addNode(lstm);
      if (last) {
        g.addNode(node("Squeeze", List.of(yh, "axes_0"), List.of("last")));
        x = "last";
      } else {
        g.addNode(node("Squeeze", List.of(y, "axes_1"), List.of("x_" + (l + 1))));
        x = "x_" + (l + 1);
      }
    }
    LstmNetwork.Dense[] dense = net.dense();
    for (int d = 0; d < dense.length; d++) {
      LstmNetwork.Dense layer = dense[d];
      boolean last = d == dense.length - 1;
      float[] w = new float[layer.nIn() * layer.nOut()];
      for (int r = 0; r < layer.nIn(); r++) {
        for (int c = 0; c < layer.nOut(); c++) {
          w[r * layer.nOut() + c] = (float) layer.w()[r][c];
        }
      }
      float[] b = new float[layer.nOut()];
      for (int c = 0; c < b.length; c++) {
        b[c] = (float) layer.bias()[c];
      }
      g.addInitializer(floats("dense_W_" + d, w, layer.nIn(), layer.nOut()));
      g.addInitializer(floats("dense_B_" + d, b, layer.nOut()));
      boolean identity = layer.act() == Activation.IDENTITY;
      String z = last && identity ? OUTPUT : "dense_z_" + d;
      g.addNode(node("Gemm", List.of(x, "dense_W_" + d, "dense_B_" + d), List.of(z)));
      x = z;
      if (!identity) {
        String a = last ? OUTPUT : "dense_a_" + d;
        g.addNode(node(layer.act().onnxName(), List.of(z), List.of(a)));
        x = a;
      }
    }
    g.addOutput(value(OUTPUT, "normalised next value of the target column [batch, 1]", "batch",
        1, null));
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName("tickcast")
        .setDocString(doc)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g)
        .build();
  }

  /** ONNX {@code W [4n, nIn]} (gates i, o, f, c): the transpose of DL4J's input rows, reordered. */
  private static float[] lstmInput(LstmNetwork.Lstm layer) {
    return transposedGates(layer, 0, layer.nIn());
  }

  /** ONNX {@code R [4n, n]}: the transpose of DL4J's recurrent rows, reordered. */
  private static float[] lstmRecurrent(LstmNetwork.Lstm layer) {
    return transposedGates(layer, layer.nIn(), layer.n());
  }

  /** Rows {@code [from, from + count)} of DL4J's {@code [K][4n]} as ONNX's {@code [4n][count]}. */
  private static float[] transposedGates(LstmNetwork.Lstm layer, int from, int count) {
    int n = layer.n();
    float[][] rows = layer.w().rows();
    float[] out = new float[4 * n * count];
    for (int gate = 0; gate < 4; gate++) {
      int block = DL4J_BLOCK_OF_ONNX_GATE[gate];
      for (int j = 0; j < n; j++) {
        int row = gate * n + j;
        for (int k = 0; k < count; k++) {
          out[row * count + k] = rows[from + k][block * n + j];
        }
      }
    }
    return out;
  }

  /** ONNX {@code B [8n]}: DL4J's bias reordered as the input bias, then a zero recurrent bias. */
  private static float[] lstmBias(LstmNetwork.Lstm layer) {
    int n = layer.n();
    float[] out = new float[8 * n];
    for (int gate = 0; gate < 4; gate++) {
      System.arraycopy(layer.bias(), DL4J_BLOCK_OF_ONNX_GATE[gate] * n, out, gate * n, n);
    }
    return out;
  }

  private static NodeProto.Builder node(String op, List<String> in, List<String> out) {
    String name = op + "_" + out.stream().filter(s -> !s.isEmpty()).findFirst().orElse("");
    return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addAllOutput(out);
  }

  /**
   * A float tensor's value info: each dimension a fixed size (an Integer), a named free one (a
   * String) or skipped (null).
   */
  private static ValueInfoProto value(String name, String doc, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      if (d instanceof Integer size) {
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size));
      } else if (d instanceof String param) {
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(param));
      }
    }
    return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape)))
        .build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
        .setRawData(ByteString.copyFrom(buf.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  private static TensorProto int64s(String name, long... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64)
        .addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return t.build();
  }

  private static AttributeProto ints(String name, long[] values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static AttributeProto floatList(String name, float... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
        .setType(AttributeType.FLOATS);
    for (float v : values) {
      a.addFloats(v);
    }
    return a.build();
  }

  private static AttributeProto strings(String name, String... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
        .setType(AttributeType.STRINGS);
    for (String v : values) {
      a.addStrings(ByteString.copyFromUtf8(v));
    }
    return a.build();
  }
}
