package io.tickcast.streams.topology;

/**
 * Headers added to each dead-letter record (UTF-8 strings; the record keeps its original key,
 * value and headers).
 */
public final class DeadLetterHeaders {
  /** Reason code, e.g. {@code out_of_order} ({@link io.tickcast.ticks.RejectReason#code()}). */
  public static final String REASON = "tickcast.dlq.reason";
  /** Human-readable explanation. */
  public static final String DETAIL = "tickcast.dlq.detail";
  /** Topic the record was read from. */
  public static final String SOURCE_TOPIC = "tickcast.dlq.source.topic";
  /** Partition it was read from (decimal). */
  public static final String SOURCE_PARTITION = "tickcast.dlq.source.partition";
  /** Offset it was read from (decimal). */
  public static final String SOURCE_OFFSET = "tickcast.dlq.source.offset";

  private DeadLetterHeaders() {}
}
