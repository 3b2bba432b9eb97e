package io.tickcast.core.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Where the chunks of a batch run: on the calling thread alone ({@link #CALLER_ONLY}), or on the
 * calling thread together with up to {@code helpers} tasks on an executor the owner of this
 * scheduler supplies (and shuts down), each taking the next chunk until none is left (so a core
 * busy with other work simply takes fewer chunks). Several callers may share one scheduler.
 */
public final class ChunkScheduler {
  /** Every chunk on the calling thread. */
  public static final ChunkScheduler CALLER_ONLY = new ChunkScheduler(Runnable::run, 0);

  private final Executor executor;
  private final int helpers;

  /**
   * @param executor runs the helper tasks; its threads should be at least {@code helpers}
   * @param helpers the most helper tasks one batch hands to {@code executor}
   * @throws IllegalArgumentException if {@code helpers < 0}
   */
  public ChunkScheduler(Executor executor, int helpers) {
    if (helpers < 0) {
      throw new IllegalArgumentException("helpers must be at least 0, got " + helpers);
    }
    this.executor = executor;
    this.helpers = helpers;
  }

  /**
   * A fixed pool of {@code workers} daemon threads named {@code tickcast-inference-N}, for a
   * scheduler with as many helpers; the caller shuts it down.
   *
   * @throws IllegalArgumentException if {@code workers < 1}
   */
  public static ExecutorService newWorkerPool(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "tickcast-inference-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The most threads one batch runs on: the caller and the helpers. */
  public int threads() {
    return helpers + 1;
  }

  /** Work on the chunk of items {@code [from, from + rows)} with a scratch of its own. */
  @FunctionalInterface
  interface ChunkWork<S> {
    void run(int from, int rows, S scratch);
  }

  /**
   * Runs {@code work} on every chunk of {@code chunk} items of a batch of {@code batch}; returns
   * when every chunk is done and rethrows the first failure.
   *
   * @param callerScratch the calling thread's scratch
   * @param helperScratch a helper thread's scratch, asked for only when it takes a chunk
   */
  <S> void forEachChunk(int batch, int chunk, S callerScratch, Supplier<S> helperScratch,
      ChunkWork<S> work) {
    int chunks = (batch + chunk - 1) / chunk;
    int used = Math.min(helpers, chunks - 1);
    if (used <= 0) {
      for (int from = 0; from < batch; from += chunk) {
        work.run(from, Math.min(chunk, batch - from), callerScratch);
      }
      return;
    }
    ChunkQueue<S> queue = new ChunkQueue<>(batch, chunk, work);
    for (int i = 0; i < used; i++) {
      executor.execute(() -> queue.drain(helperScratch));
    }
    queue.drain(() -> callerScratch);
    queue.awaitAll();
  }

  /** The chunks of one batch, taken in order by whichever thread is free. */
  private static final class ChunkQueue<S> {
    private final int batch;
    private final int chunk;
    private final int chunks;
    private final ChunkWork<S> work;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch done;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ChunkQueue(int batch, int chunk, ChunkWork<S> work) {
      this.batch = batch;
      this.chunk = chunk;
      this.chunks = (batch + chunk - 1) / chunk;
      this.work = work;
      this.done = new CountDownLatch(chunks);
    }

    /** Takes chunks until none is left; the scratch is made only if a chunk is taken. */
    void drain(Supplier<S> scratch) {
      S own = null;
      for (int c; (c = next.getAndIncrement()) < chunks; ) {
        try {
          own = own == null ? scratch.get() : own;
          int from = c * chunk;
          work.run(from, Math.min(chunk, batch - from), own);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    }

    /**
     * Waits for the chunks other threads took, uninterruptibly (they finish within one chunk's
     * time; an interrupt is kept for the caller, as a serial batch would leave it); rethrows the
     * first failure.
     */
    void awaitAll() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable e = failure.get();
      if (e instanceof RuntimeException r) {
        throw r;
      }
      if (e instanceof Error err) {
        throw err;
      }
      if (e != null) {
        throw new IllegalStateException(e);
      }
    }
  }
}
