package io.tickcast.cli.serve;

import io.tickcast.streams.RunningApp;
import io.tickcast.streams.StreamApp;
import io.tickcast.streams.config.AppConfig;
import io.tickcast.trainer.options.BootstrapOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tickcast serve}: runs the stream app (ticks in, forecasts out) against any Kafka cluster
 * until Ctrl-C. Settings, later wins: defaults, {@code --config} file, {@code TICKCAST_*}
 * environment variables, then these options.
 *
 * <p>Exit codes: 0 after Ctrl-C, 1 if stream processing failed or the start failed (unreadable
 * model, unreachable broker, busy port), 2 for bad configuration.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the stream app: reads ticks, writes LSTM forecasts, until Ctrl-C.",
    footer = {"", "Example:",
        "  tickcast serve --bootstrap-servers localhost:9092 --model models",
        "", "Every stream-app key can also be set with --set KEY=VALUE, in a --config file or as an",
        "environment variable (tickcast.batch.max.size -> TICKCAST_BATCH_MAX_SIZE)."})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin BootstrapOption bootstrap;

  @Option(names = {"-m", "--model"}, paramLabel = "DIR",
      description = "model artifact directory, or a directory of them (the newest is served)")
  Path model;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "stream-app .properties file (keys tickcast.*)")
  Path config;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "port of /metrics, /health/* and /forecasts/{symbol}; -1 disables "
          + "(default: 8080)")
  Integer httpPort;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "any stream-app setting, e.g. --set tickcast.tick.format=json (repeatable)")
  Map<String, String> settings = new LinkedHashMap<>();

  /**
   * The configuration: defaults, the file, the environment, then these options.
   *
   * @throws io.tickcast.streams.config.InvalidConfigException naming the bad key
   */
  AppConfig appConfig() {
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    bootstrap.value().ifPresent(b -> overrides.put(AppConfig.BOOTSTRAP_SERVERS, b));
    if (model != null) {
      overrides.put(AppConfig.MODEL_DIR, model.toString());
    }
    if (httpPort != null) {
      overrides.put(AppConfig.HTTP_PORT, httpPort.toString());
    }
    return AppConfig.load(config, System.getenv(), overrides);
  }

  /** Starts the app and blocks until Ctrl-C or a stream failure. */
  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig c = appConfig();
    RunningApp app = StreamApp.start(c);
    Thread hook = new Thread(app::close, "tickcast-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf("serving model %s: %s -> %s on %s%s%n", app.modelVersion(), c.ticksTopic(),
        c.forecastsTopic(), c.bootstrapServers(), app.httpPort() >= 0
            ? " (metrics on http://localhost:" + app.httpPort() + "/metrics)" : "");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    app.awaitTermination();
    if (app.hasFailed()) {
      app.close();
      spec.commandLine().getErr().println("serve: stream processing failed; see the log above");
      return 1;
    }
    return 0;
  }
}
