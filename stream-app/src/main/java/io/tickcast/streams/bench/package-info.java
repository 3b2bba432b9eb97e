/** A command-line benchmark of the stream app's inference path (not a test). */
package io.tickcast.streams.bench;
