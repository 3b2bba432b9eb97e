package io.tickcast.streams.models;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickcast.core.model.LoadedModel;
import io.tickcast.streams.inference.IncompatibleModelException;
import io.tickcast.streams.inference.ModelHolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the models topic for one model name and hot-swaps each new model into a {@link
 * ModelHolder} (served from each stream thread's next batch on).
 *
 * <p>Start-up ({@link #catchUp()}, then {@link #awaitFirst} when the topic holds none): reads the
 * topic to its end and serves the newest record of the name (current or history key, offset
 * order) that loads, trying the newest first. Then {@link #start} follows on a daemon thread,
 * applying each record under key = name: a record that is corrupt, invalid or incompatible with
 * the running model is logged and counted ({@code tickcast.model.rejected{reason}}), and the
 * running model stays.
 */
public final class ModelFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final ModelTopicReader reader;
  private final String topic;
  private final String name;
  private final Path cacheDir;
  private final Map<ModelRejectReason, AtomicLong> rejected = new EnumMap<>(ModelRejectReason.class);
  private final AtomicLong swaps = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  /**
   * Opens the consumer (no records read yet).
   *
   * @param bootstrap bootstrap servers
   * @param extra further client properties
   * @param topic the models topic
   * @param name the model name to follow
   * @param cacheDir local directory where records are written out as artifact directories
   * @throws IllegalStateException if the topic is missing or has several partitions
   */
  public ModelFollower(String bootstrap, Map<String, Object> extra, String topic, String name,
      Path cacheDir) {
    this.topic = topic;
    this.name = ModelTopic.checkName(name);
    this.cacheDir = cacheDir;
    for (ModelRejectReason r : ModelRejectReason.values()) {
      rejected.put(r, new AtomicLong());
    }
    this.reader = new ModelTopicReader(bootstrap, extra, topic, Duration.ofSeconds(30));
  }

  /**
   * Reads the topic to its end and loads the newest valid model of the name. Call before {@link
   * #start}.
   *
   * @return the model, or empty when the topic holds no valid one
   */
  public Optional<LoadedModel> catchUp() {
    List<ConsumerRecord<String, byte[]>> all = reader.readToEnd(Duration.ofSeconds(60));
    for (int i = all.size() - 1; i >= 0; i--) {
      ConsumerRecord<String, byte[]> c = all.get(i);
      if (!ModelTopic.belongsTo(c.key(), name)) {
        continue;
      }
      try {
        LoadedModel m = ModelRecords.load(ModelRecords.decode(c.value()), cacheDir);
        LOG.info("models topic {}: newest valid model of {} is {} (offset {}, key {})", topic,
            name, m.version(), c.offset(), c.key());
        return Optional.of(m);
      } catch (ModelRecordException e) {
        reject(e.reason(), c, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Waits for the first valid model under key = name. Call after {@link #catchUp()}.
   *
   * @param timeout longest wait
   * @return the model, or empty on timeout
   */
  public Optional<LoadedModel> awaitFirst(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    LOG.info("waiting up to {} for a model {} on topic {}", timeout, name, topic);
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> c : reader.poll(POLL)) {
        if (!name.equals(c.key())) {
          continue;
        }
        try {
          return Optional.of(ModelRecords.load(ModelRecords.decode(c.value()), cacheDir));
        } catch (ModelRecordException e) {
          reject(e.reason(), c, e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Registers {@code tickcast.model.rejected{reason}} (counts since start-up, start-up included).
   */
  public void bindTo(MeterRegistry registry) {
    for (ModelRejectReason r : ModelRejectReason.values()) {
      FunctionCounter.builder("tickcast.model.rejected", rejected.get(r), AtomicLong::get)
          .tag("reason", r.code())
          .description("models on the models topic that were not served, by reason")
          .register(registry);
    }
  }

  /** Records rejected for a reason since start-up. */
  public long rejected(ModelRejectReason reason) {
    return rejected.get(reason).get();
  }

  /** Models from the topic swapped in after start-up. */
  public long swaps() {
    return swaps.get();
  }

  /**
   * Follows the topic on a daemon thread, replacing {@code holder}'s model with each valid,
   * compatible record under key = name whose version differs from the one served.
   */
  public synchronized void start(ModelHolder holder) {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(() -> follow(holder), "tickcast-model-follower");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow(ModelHolder holder) {
    while (running) {
      try {
        for (ConsumerRecord<String, byte[]> c : reader.poll(POLL)) {
          if (running && name.equals(c.key())) {
            apply(holder, c);
          }
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("models topic {}: reading failed; retrying", topic, e);
          sleep();
        }
      }
    }
  }

  private void apply(ModelHolder holder, ConsumerRecord<String, byte[]> c) {
    String before = holder.current().version();
    try {
      var record = ModelRecords.decode(c.value());
      if (record.getModelVersion().equals(before)) {
        return;
      }
      LoadedModel next = ModelRecords.load(record, cacheDir);
      holder.replace(next);
      swaps.incrementAndGet();
      LOG.info("now serving model {} from topic {} offset {} ({}; was {})", next.version(), topic,
          c.offset(), record.getAction(), before);
    } catch (ModelRecordException e) {
      reject(e.reason(), c, e.getMessage());
    } catch (IncompatibleModelException e) {
      reject(ModelRejectReason.INCOMPATIBLE, c, e.getMessage());
    }
  }

  private void reject(ModelRejectReason reason, ConsumerRecord<String, byte[]> c, String why) {
    rejected.get(reason).incrementAndGet();
    LOG.error("models topic {} offset {} (key {}) rejected as {}: {}", topic, c.offset(), c.key(),
        reason.code(), why);
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops following and closes the consumer. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    reader.wakeup();
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reader.close();
  }
}
