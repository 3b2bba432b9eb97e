package io.tickcast.streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of what a stream app opened: each resource is registered once it is open, and
 * {@link #close()} closes each exactly once, in reverse order of opening (the HTTP endpoint and
 * the watcher before Kafka Streams, Kafka Streams before the metrics registry and the inference
 * pool). Thread-safe: a second {@code close()}, e.g. the shutdown hook after the main thread's,
 * does nothing. A resource that fails to close is logged and the rest are still closed.
 */
final class Resources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

  private record Opened(String name, AutoCloseable closer) {}

  private final Deque<Opened> open = new ArrayDeque<>();
  private final List<String> closed = new ArrayList<>();
  private boolean closing;

  /**
   * Registers an open resource.
   *
   * @param name what it is, for the log
   * @param closer how to close it
   * @throws IllegalStateException once closing has begun (the resource is closed at once)
   */
  synchronized void opened(String name, AutoCloseable closer) {
    if (closing) {
      closeOne(new Opened(name, closer), null);
      throw new IllegalStateException("opened " + name + " after close");
    }
    open.push(new Opened(name, closer));
  }

  /** Closes everything registered, newest first, once. */
  @Override
  public void close() {
    closeAll(null);
  }

  /**
   * Closes everything after a failed start, attaching close failures to {@code cause}.
   *
   * @param cause the start failure
   */
  void closeAfter(Throwable cause) {
    closeAll(cause);
  }

  private synchronized void closeAll(Throwable cause) {
    closing = true;
    while (!open.isEmpty()) {
      closeOne(open.pop(), cause);
    }
  }

  private void closeOne(Opened o, Throwable cause) {
    try {
      o.closer().close();
    } catch (Exception e) {
      if (cause != null) {
        cause.addSuppressed(e);
      } else {
        LOG.warn("while closing {}", o.name(), e);
      }
    }
    closed.add(o.name());
  }

  /** The names closed so far, in the order they were closed. */
  synchronized List<String> closed() {
    return List.copyOf(closed);
  }
}
