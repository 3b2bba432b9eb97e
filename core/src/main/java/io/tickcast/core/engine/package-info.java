/**
 * The {@link io.tickcast.core.engine.SequenceModel} contract (normalised windows in, normalised
 * next values out) and its engines: DL4J ({@link io.tickcast.core.engine.Dl4jSequenceModel}, the
 * reference), the pure-Java LSTM engine and ONNX Runtime, chosen by {@link InferenceEngine}. Imports no other
 * Tickcast package, so {@code forecast} and {@code model} sit above it. The Java engine,
 * one job per type: {@link io.tickcast.core.engine.Dl4jImport} (support checks and weight
 * import, the only DL4J contact), {@link io.tickcast.core.engine.LstmNetwork} (the weights),
 * {@link io.tickcast.core.engine.LstmKernel} and {@link io.tickcast.core.engine.Activation} (the
 * arithmetic), {@link io.tickcast.core.engine.ChunkScheduler} (threads, on an injected executor)
 * and {@link io.tickcast.core.engine.JavaLstmSequenceModel} (the {@code SequenceModel} adapter).
 * ONNX: {@link io.tickcast.core.engine.OnnxExport} (the network as an ONNX graph with the standard
 * LSTM operator) and {@link io.tickcast.core.engine.OnnxRuntimeSequenceModel} (ONNX Runtime as an
 * engine). What networks Tickcast serves is stated once, in {@link
 * io.tickcast.core.engine.SupportedNetworks}; {@code auto}'s measurement is {@link
 * io.tickcast.core.engine.EngineChoice}.
 */
package io.tickcast.core.engine;
