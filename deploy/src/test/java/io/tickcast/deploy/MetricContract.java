package io.tickcast.deploy;

import java.util.List;
import java.util.Set;

/**
 * The metric contract the stream app implements (team document "Metric contract"), as the
 * Prometheus names the dashboard and alerts may use.
 */
public final class MetricContract {
  private MetricContract() {}

  /** Tickcast's own series names, histograms expanded to the series Prometheus stores. */
  public static final Set<String> TICKCAST = Set.of(
      "tickcast_ticks_received_total",
      "tickcast_ticks_accepted_total",
      "tickcast_ticks_rejected_total",
      "tickcast_ticks_duplicates_total",
      "tickcast_forecasts_emitted_total",
      "tickcast_inference_batch_latency_seconds_bucket",
      "tickcast_inference_batch_latency_seconds_count",
      "tickcast_inference_batch_latency_seconds_sum",
      "tickcast_inference_batch_latency_seconds_max",
      "tickcast_inference_window_latency_seconds_bucket",
      "tickcast_inference_window_latency_seconds_count",
      "tickcast_inference_window_latency_seconds_sum",
      "tickcast_inference_window_latency_seconds_max",
      "tickcast_inference_batch_size_bucket",
      "tickcast_inference_batch_size_count",
      "tickcast_inference_batch_size_sum",
      "tickcast_inference_batch_size_max",
      "tickcast_tick_to_forecast_latency_seconds_bucket",
      "tickcast_tick_to_forecast_latency_seconds_count",
      "tickcast_tick_to_forecast_latency_seconds_sum",
      "tickcast_tick_to_forecast_latency_seconds_max",
      "tickcast_symbols_tracked",
      "tickcast_model_info",
      "tickcast_forecast_scored_total",
      "tickcast_forecast_squared_error_total",
      "tickcast_forecast_absolute_error_total",
      "tickcast_forecast_interval_scored_total",
      "tickcast_forecast_interval_covered_total",
      "tickcast_forecast_interval_width_count",
      "tickcast_forecast_interval_width_sum",
      "tickcast_forecast_interval_width_max",
      "tickcast_forecast_interval_nominal");

  /** Counters the app exports beyond the contract, which the dashboard also shows. */
  public static final Set<String> APP_EXTRAS =
      Set.of("tickcast_forecasts_failed_total", "tickcast_model_reload_failures_total",
          "tickcast_forecasts_withheld_total", "tickcast_windows_restarted_total",
          "tickcast_windows_evicted_total", "tickcast_model_rejected_total");

  /**
   * Prefixes of the other names allowed: Prometheus's own {@code up}, Micrometer's JVM and process
   * binders and its Kafka Streams binder (whose exact names the integration test checks live).
   */
  public static final List<String> OTHER_PREFIXES =
      List.of("up", "jvm_", "process_", "kafka_consumer_", "kafka_producer_", "kafka_stream_");

  /** Whether {@code name} is a contract name, an app extra, or has an allowed binder prefix. */
  public static boolean allows(String name) {
    return TICKCAST.contains(name)
        || APP_EXTRAS.contains(name)
        || name.equals("up")
        || OTHER_PREFIXES.stream().filter(p -> !p.equals("up")).anyMatch(name::startsWith);
  }
}
