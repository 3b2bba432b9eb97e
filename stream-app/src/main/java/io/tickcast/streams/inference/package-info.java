/**
 * The model at serving time: which tick field feeds which input column, the current artifact with
 * one network copy per stream thread, and hot reload from the model directory.
 */
package io.tickcast.streams.inference;
