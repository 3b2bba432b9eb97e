/**
 * Inference engines behind {@link io.tickcast.core.forecast.Forecaster}: the choice between
 * DL4J (reference) and the pure-Java LSTM kernel ({@link
 * io.tickcast.core.engine.JavaLstmSequenceModel}).
 */
package io.tickcast.core.engine;
