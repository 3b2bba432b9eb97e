package io.tickcast.streams.inference;

import io.tickcast.core.model.LoadedModel;
import io.tickcast.core.model.ModelArtifact;
import io.tickcast.core.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the model directory by polling {@link ModelArtifact#latest(Path)}: when the newest
 * artifact has another model version it is loaded, validated and handed to the {@link
 * ModelHolder}. A broken or incompatible artifact is logged and counted, and the running model
 * stays; the same broken artifact is not retried until its files change.
 */
public final class ModelWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

  private final Path root;
  private final ModelHolder holder;
  private final Runnable onFailure;
  private ScheduledExecutorService executor;
  private String lastFailed;

  /**
   * @param root the configured model directory
   * @param holder receives new models
   * @param onFailure called once per artifact that fails to load (e.g. to count it)
   */
  public ModelWatcher(Path root, ModelHolder holder, Runnable onFailure) {
    this.root = root;
    this.holder = holder;
    this.onFailure = onFailure;
  }

  /**
   * Starts polling on a daemon thread.
   *
   * @param interval time between checks
   */
  public synchronized void start(Duration interval) {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tickcast-model-watcher");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        pollOnce();
      } catch (RuntimeException e) {
        LOG.error("model directory check failed", e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Checks the directory once.
   *
   * @return true when a new model was loaded and is now served
   */
  public synchronized boolean pollOnce() {
    Optional<Path> latest = ModelArtifact.latest(root);
    if (latest.isEmpty()) {
      return false;
    }
    Path dir = latest.get();
    String version;
    try {
      version = ModelArtifact.json()
          .readValue(dir.resolve(ModelArtifact.METADATA_FILE).toFile(), ModelMetadata.class)
          .modelVersion();
    } catch (IOException e) {
      version = null; // half-written metadata: let load() report it if it persists
    }
    LoadedModel now = holder.current();
    if (version != null && version.equals(now.version())) {
      return false;
    }
    String attempt = dir + "@" + version + "@" + stamp(dir);
    if (attempt.equals(lastFailed)) {
      return false;
    }
    try {
      LoadedModel next = ModelArtifact.load(dir);
      if (next.version().equals(now.version())) {
        return false;
      }
      holder.replace(next);
      lastFailed = null;
      LOG.info("now serving model {} from {} (was {})", next.version(), dir, now.version());
      return true;
    } catch (RuntimeException e) {
      lastFailed = attempt;
      LOG.error("new model artifact {} was not loaded, still serving {}: {}", dir, now.version(),
          e.getMessage());
      onFailure.run();
      return false;
    }
  }

  private static String stamp(Path dir) {
    try {
      Path zip = dir.resolve(ModelArtifact.NETWORK_FILE);
      return Files.exists(zip) ? Files.getLastModifiedTime(zip) + "/" + Files.size(zip) : "none";
    } catch (IOException e) {
      return "unreadable";
    }
  }

  /** Stops polling. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
