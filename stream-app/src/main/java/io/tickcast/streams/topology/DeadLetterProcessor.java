package io.tickcast.streams.topology;

import io.tickcast.streams.metrics.TickcastMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a {@link DeadLetter} back into the original record (key and value bytes, original
 * headers) plus the {@link DeadLetterHeaders}, and counts it by reason.
 */
final class DeadLetterProcessor implements Processor<String, DeadLetter, byte[], byte[]> {
  private final TickcastMetrics metrics;
  private ProcessorContext<byte[], byte[]> context;

  DeadLetterProcessor(TickcastMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, DeadLetter> record) {
    DeadLetter dl = record.value();
    SourceRecord src = dl.source();
    Headers headers = new RecordHeaders();
    for (Header h : record.headers()) {
      if (!h.key().startsWith("tickcast.dlq.")) {
        headers.add(h);
      }
    }
    headers.add(DeadLetterHeaders.REASON, utf8(dl.reason().code()));
    headers.add(DeadLetterHeaders.DETAIL, utf8(dl.detail()));
    headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(src.topic()));
    headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(src.partition())));
    headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(src.offset())));
    metrics.rejected(dl.reason());
    context.forward(new Record<>(src.rawKey(), src.rawValue(), record.timestamp(), headers));
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
