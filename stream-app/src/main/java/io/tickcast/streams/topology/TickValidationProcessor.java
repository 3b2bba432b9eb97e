package io.tickcast.streams.topology;

import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.MalformedNumberException;
import io.tickcast.schemas.serde.MalformedRecordException;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.metrics.TickcastMetrics;
import io.tickcast.streams.validate.RejectReason;
import io.tickcast.streams.validate.TickValidator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the topology: decodes the raw value, validates the tick and its key, and routes
 * it as accepted (keyed by symbol) or as a dead letter. Never throws for bad input.
 *
 * <p>A record without a key (or with an empty key) is keyed by its symbol and marked for
 * repartitioning; a record whose key differs from its symbol is rejected.
 */
final class TickValidationProcessor implements Processor<byte[], byte[], String, Routed> {
  private final WireFormat format;
  private final ModelHolder model;
  private final TickcastMetrics metrics;
  private final IntegrityPolicy policy;
  private ProcessorContext<String, Routed> context;

  TickValidationProcessor(WireFormat format, ModelHolder model, TickcastMetrics metrics,
      IntegrityPolicy policy) {
    this.format = format;
    this.model = model;
    this.metrics = metrics;
    this.policy = policy;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    long arrival = WallClock.epochNanos();
    metrics.received();
    Optional<RecordMetadata> meta = context.recordMetadata();
    SourceRecord src = new SourceRecord(record.key(), record.value(),
        meta.map(RecordMetadata::topic).orElse(null),
        meta.map(RecordMetadata::partition).orElse(-1),
        meta.map(RecordMetadata::offset).orElse(-1L));
    if (record.value() == null) {
      reject(record, src, RejectReason.TOMBSTONE, "null value (tombstone): ticks cannot be deleted");
      return;
    }
    Tick tick;
    try {
      tick = TickCodec.decode(record.value(), format);
    } catch (MalformedNumberException e) {
      reject(record, src, RejectReason.PRICE_FORMAT, e.getMessage());
      return;
    } catch (MalformedRecordException e) {
      reject(record, src, RejectReason.DESERIALIZATION, e.getMessage());
      return;
    } catch (RuntimeException e) {
      // A decoder bug must not stop the stream thread: the record is dead-lettered like any
      // other undecodable one.
      reject(record, src, RejectReason.DESERIALIZATION, "cannot decode: " + e);
      return;
    }
    var current = model.current().metadata().forecastSpec();
    TickValidator validator = policy.validator(current.normalisation(),
        model.features().needsVolume());
    Optional<TickValidator.Violation> violation =
        validator.check(tick, context.currentSystemTimeMs());
    if (violation.isPresent()) {
      reject(record, src, violation.get().reason(), violation.get().detail());
      return;
    }
    String symbol = tick.getSymbol();
    boolean keyed = record.key() != null && record.key().length > 0;
    if (keyed) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (!key.equals(symbol)) {
        String shown = key.length() > 40 ? key.substring(0, 40) + "..." : key;
        reject(record, src, RejectReason.KEY_MISMATCH,
            "record key '" + shown + "' differs from the tick's symbol '" + symbol + "'");
        return;
      }
    }
    Double volume = tick.getVolume();
    AcceptedTick accepted = new AcceptedTick(symbol, tick.getTimestamp().toEpochMilli(),
        tick.getPrice(), volume == null ? Double.NaN : volume, src, arrival);
    context.forward(record.withKey(symbol).withValue(Routed.accepted(accepted, keyed)));
  }

  private void reject(Record<byte[], byte[]> record, SourceRecord src, RejectReason reason,
      String detail) {
    context.forward(record.withKey((String) null)
        .withValue(Routed.rejected(new DeadLetter(src, reason, detail))));
  }
}
