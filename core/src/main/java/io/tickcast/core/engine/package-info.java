/**
 * The {@link io.tickcast.core.engine.SequenceModel} contract (normalised windows in, normalised
 * next values out) and its engines: DL4J ({@link io.tickcast.core.engine.Dl4jSequenceModel}, the
 * reference) and the pure-Java LSTM engine, chosen by {@link InferenceEngine}. Imports no other
 * Tickcast package, so {@code forecast} and {@code model} sit above it. The Java engine,
 * one job per type: {@link io.tickcast.core.engine.Dl4jImport} (support checks and weight
 * import, the only DL4J contact), {@link io.tickcast.core.engine.LstmNetwork} (the weights),
 * {@link io.tickcast.core.engine.LstmKernel} and {@link io.tickcast.core.engine.Activation} (the
 * arithmetic), {@link io.tickcast.core.engine.ChunkScheduler} (threads, on an injected executor)
 * and {@link io.tickcast.core.engine.JavaLstmSequenceModel} (the {@code SequenceModel} adapter).
 */
package io.tickcast.core.engine;
