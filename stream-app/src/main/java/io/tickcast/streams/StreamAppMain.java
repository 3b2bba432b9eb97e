package io.tickcast.streams;

import io.tickcast.streams.config.AppConfig;
import io.tickcast.streams.config.InvalidConfigException;
import java.nio.file.Path;

/**
 * Command-line entry point: {@code java io.tickcast.streams.StreamAppMain [config.properties]}.
 * Settings come from the file and {@code TICKCAST_*} environment variables ({@link AppConfig});
 * SIGTERM (or Ctrl-C) stops the app gracefully. Exit status: 0 after a clean stop, 1 if stream
 * processing failed, 2 for bad configuration or a failed start.
 */
public final class StreamAppMain {
  static {
    // Only for the stand-alone process: quiet Kafka's INFO logging unless the user configured Logback.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "tickcast-stream-logback.xml");
    }
  }

  private StreamAppMain() {}

  /**
   * Runs the app until SIGTERM.
   *
   * @param args optional path of a properties file
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
      System.err.println("usage: StreamAppMain [config.properties]  (keys: "
          + AppConfig.defaultValues().keySet() + "; env TICKCAST_* overrides)");
      System.exit(2);
    }
    RunningApp app;
    try {
      AppConfig config = AppConfig.load(args.length == 1 ? Path.of(args[0]) : null, System.getenv());
      app = StreamApp.start(config);
    } catch (InvalidConfigException | StartupException e) {
      System.err.println("tickcast stream app: " + e.getMessage());
      System.exit(2);
      return;
    }
    RunningApp running = app;
    Thread hook = new Thread(running::close, "tickcast-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    running.awaitTermination();
    if (running.hasFailed()) {
      running.close();
      System.exit(1);
    }
  }
}
