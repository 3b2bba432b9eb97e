package io.tickcast.core.engine;

import io.tickcast.core.config.EnumNames;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Which implementation runs a trained network at inference. DL4J is the trainer and the
 * reference; {@link #JAVA} is {@link JavaLstmSequenceModel}, held to DL4J's outputs by a parity
 * suite and several times faster on the LSTM shapes Tickcast trains (see {@code
 * docs/benchmarks.md}).
 */
public enum InferenceEngine {
  /** Deeplearning4j's {@code MultiLayerNetwork.output} over a clone of the network. */
  DL4J("dl4j"),
  /** The pure-Java LSTM kernel, {@link JavaLstmSequenceModel}. */
  JAVA("java"),
  /**
   * ONNX Runtime's Java package on the network exported to ONNX ({@link
   * OnnxRuntimeSequenceModel}); its intra-op threads are the scheduler's threads.
   */
  ONNX("onnx"),
  /**
   * The fastest engine for the served model, by a short start-up measurement ({@link #choose},
   * {@link EngineChoice}); where no measurement is asked for ({@link #resolve}, {@link #create})
   * {@link #JAVA} when it supports the network's layers, otherwise {@link #DL4J}.
   */
  AUTO("auto");

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InferenceEngine.class);

  private final String configName;

  InferenceEngine(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration: {@code dl4j}, {@code java}, {@code onnx} or {@code auto}. */
  public String configName() {
    return configName;
  }

  /**
   * Parses a configuration name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static InferenceEngine fromConfig(String name) {
    return EnumNames.parse(InferenceEngine.class, name);
  }

  /**
   * The concrete engine that runs {@code network}, checked by support alone (no model is built):
   * itself for {@link #DL4J}, {@link #JAVA} and {@link #ONNX}, and for {@link #AUTO} {@link
   * #JAVA} if it supports the network, else {@link #DL4J} ({@link #choose} measures instead).
   *
   * @throws IllegalArgumentException for {@link #JAVA} and {@link #ONNX} if the engine does not support the
   *     network (the message names the layer)
   */
  public InferenceEngine resolve(MultiLayerNetwork network, int features) {
    if (this == DL4J) {
      return DL4J;
    }
    try {
      Dl4jImport.check(network, features);
    } catch (IllegalArgumentException e) {
      if (this == AUTO) {
        return DL4J;
      }
      throw e;
    }
    if (this == ONNX && !OnnxRuntimeSequenceModel.available()) {
      throw new IllegalArgumentException("ONNX Runtime's native library does not load on "
          + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
    return this == AUTO ? JAVA : this;
  }

  /**
   * The concrete engine to serve {@code network} with: for {@link #AUTO} the fastest by {@link
   * EngineChoice#measure} on batches of {@code batch} windows of {@code windowLength} (logged
   * with every engine's figure, tens of milliseconds per engine); for the others {@link #resolve}.
   *
   * @throws IllegalArgumentException as {@link #resolve}
   */
  public InferenceEngine choose(MultiLayerNetwork network, int features, int windowLength,
      int batch, ChunkScheduler scheduler) {
    if (this != AUTO) {
      return resolve(network, features);
    }
    EngineChoice choice = EngineChoice.measure(network, features, windowLength, batch, scheduler);
    LOG.info("inference engine auto: {}", choice.describe());
    return choice.engine();
  }

  /**
   * A model instance for one thread, every chunk of a batch on the calling thread.
   *
   * @param network the trained network; not modified (DL4J gets a clone, Java copies weights)
   * @param features F, input columns
   * @throws IllegalArgumentException for {@link #JAVA} and {@link #ONNX} if the network has a layer the engine
   *     does not support
   */
  public SequenceModel create(MultiLayerNetwork network, int features) {
    return create(network, features, ChunkScheduler.CALLER_ONLY);
  }

  /**
   * A model instance for one thread.
   *
   * @param network the trained network; not modified (DL4J gets a clone, Java copies weights)
   * @param features F, input columns
   * @param scheduler where the Java engine runs a batch's chunks (DL4J ignores it: it runs on
   *     the calling thread and ND4J's own threads)
   * @throws IllegalArgumentException for {@link #JAVA} and {@link #ONNX} if the network has a layer the engine
   *     does not support
   */
  public SequenceModel create(MultiLayerNetwork network, int features, ChunkScheduler scheduler) {
    return switch (this) {
      case DL4J -> new Dl4jSequenceModel(network.clone(), features);
      case JAVA -> new JavaLstmSequenceModel(
          Dl4jImport.weights(network, features), LstmKernel.best(), scheduler);
      case ONNX -> new OnnxRuntimeSequenceModel(
          Dl4jImport.weights(network, features), scheduler.threads());
      case AUTO -> resolve(network, features).create(network, features, scheduler);
    };
  }
}
