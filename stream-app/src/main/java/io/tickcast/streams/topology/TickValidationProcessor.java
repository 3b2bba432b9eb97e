package io.tickcast.streams.topology;

import io.tickcast.core.model.LoadedModel;
import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.WireFormat;
import io.tickcast.streams.inference.ModelHolder;
import io.tickcast.streams.metrics.TickcastMetrics;
import io.tickcast.ticks.RawTicks;
import io.tickcast.ticks.RejectReason;
import io.tickcast.ticks.TickValidator;
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
  /** The model {@link #validator} was built for. */
  private LoadedModel validatedFor;
  private TickValidator validator;

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
    RawTicks.Outcome outcome = RawTicks.decode(record.key(), record.value(), format, validator(),
        context.currentSystemTimeMs());
    if (!outcome.accepted()) {
      reject(record, src, outcome.violation().reason(), outcome.violation().detail());
      return;
    }
    Tick tick = outcome.tick();
    String symbol = tick.getSymbol();
    boolean keyed = outcome.keyed();
    Double volume = tick.getVolume();
    AcceptedTick accepted = new AcceptedTick(symbol, tick.getTimestamp().toEpochMilli(),
        tick.getPrice(), volume == null ? Double.NaN : volume, src, arrival);
    context.forward(record.withKey(symbol).withValue(new Routed.Accepted(accepted, keyed)));
  }

  /** The validator of the model now served: built once per model, rebuilt when it is replaced. */
  private TickValidator validator() {
    LoadedModel current = model.current();
    if (current != validatedFor) {
      validator = policy.validator(current.metadata().forecastSpec().normalisation(),
          model.features().needsVolume());
      validatedFor = current;
    }
    return validator;
  }

  private void reject(Record<byte[], byte[]> record, SourceRecord src, RejectReason reason,
      String detail) {
    context.forward(record.withKey((String) null)
        .withValue(new DeadLetter(src, reason, detail)));
  }
}
