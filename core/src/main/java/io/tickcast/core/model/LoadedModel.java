package io.tickcast.core.model;

import io.tickcast.core.engine.Dl4jSequenceModel;
import io.tickcast.core.engine.ChunkScheduler;
import io.tickcast.core.engine.InferenceEngine;
import io.tickcast.core.forecast.Forecaster;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A validated model artifact in memory.
 *
 * @param directory the artifact directory it was loaded from
 * @param network the DL4J network (not thread-safe; see {@link #newForecaster()})
 * @param metadata its metadata
 */
public record LoadedModel(Path directory, MultiLayerNetwork network, ModelMetadata metadata) {

  /** The model version (content hash of the network file). */
  public String version() {
    return metadata.modelVersion();
  }

  /**
   * A forecaster over an independent copy of the network, for one thread.
   */
  public Forecaster newForecaster() {
    return new Forecaster(
        new Dl4jSequenceModel(network.clone(), metadata.features().size()),
        metadata.forecastSpec());
  }

  /**
   * A forecaster for one thread running this model on the chosen engine.
   *
   * @param engine {@link InferenceEngine#DL4J} (a network clone, as {@link #newForecaster()}),
   *     {@link InferenceEngine#JAVA} (weights copied into the pure-Java LSTM kernel) or {@link
   *     InferenceEngine#AUTO} (Java when it supports the network, else DL4J)
   * @throws IllegalArgumentException if the engine cannot run this network (the message names the
   *     unsupported layer)
   */
  public Forecaster newForecaster(InferenceEngine engine) {
    return newForecaster(engine, ChunkScheduler.CALLER_ONLY);
  }

  /**
   * A forecaster for one thread running this model on the chosen engine, the Java engine's
   * chunks scheduled by {@code scheduler} (which may be shared by several threads).
   *
   * @throws IllegalArgumentException as {@link #newForecaster(InferenceEngine)}
   */
  public Forecaster newForecaster(InferenceEngine engine, ChunkScheduler scheduler) {
    return new Forecaster(engine.create(network, metadata.features().size(), scheduler),
        metadata.forecastSpec());
  }
}
