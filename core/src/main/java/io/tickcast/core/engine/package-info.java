/**
 * Inference engines behind {@link io.tickcast.core.forecast.Forecaster}: the choice between
 * DL4J (the reference) and the pure-Java LSTM engine ({@link InferenceEngine}). The Java engine,
 * one job per type: {@link io.tickcast.core.engine.Dl4jImport} (support checks and weight
 * import, the only DL4J contact), {@link io.tickcast.core.engine.LstmNetwork} (the weights),
 * {@link io.tickcast.core.engine.LstmKernel} and {@link io.tickcast.core.engine.Activation} (the
 * arithmetic), {@link io.tickcast.core.engine.ChunkScheduler} (threads, on an injected executor)
 * and {@link io.tickcast.core.engine.JavaLstmSequenceModel} (the {@code SequenceModel} adapter).
 */
package io.tickcast.core.engine;
