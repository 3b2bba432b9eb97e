/**
 * The model artifact: {@link io.tickcast.core.model.ModelArtifact} (the directory's files and
 * checksums), {@link io.tickcast.core.model.ModelMetadata} ({@code model.json}) and {@link
 * io.tickcast.core.model.LoadedModel} (a validated artifact ready to serve). Sits above {@code
 * engine}, {@code forecast}, {@code interval} and {@code normalise}; none of them imports it.
 */
package io.tickcast.core.model;
