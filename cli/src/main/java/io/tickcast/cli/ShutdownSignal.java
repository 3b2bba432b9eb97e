package io.tickcast.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (or SIGTERM) for a command that runs a loop: a JVM shutdown hook sets the flag this
 * supplier reads, then holds the JVM up to a grace period so the command can shut down what it
 * started (the hook's wait ends when the command closes this). Use in try-with-resources.
 */
public final class ShutdownSignal implements BooleanSupplier, AutoCloseable {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private ShutdownSignal(String threadName, Duration grace) {
    hook = new Thread(() -> {
      requested.set(true);
      try {
        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, threadName);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Installs the hook.
   *
   * @param threadName the hook thread's name, e.g. {@code tickcast-demo-stop}
   * @param grace how long the JVM waits for {@link #close()} after the signal
   */
  public static ShutdownSignal install(String threadName, Duration grace) {
    return new ShutdownSignal(threadName, grace);
  }

  /** Whether a shutdown was asked for. */
  @Override
  public boolean getAsBoolean() {
    return requested.get();
  }

  /** Ends the hook's wait and removes the hook (unless the JVM is already running it). */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook is running
    }
  }
}
