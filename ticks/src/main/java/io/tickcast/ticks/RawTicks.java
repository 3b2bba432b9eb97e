package io.tickcast.ticks;

import io.tickcast.schemas.Tick;
import io.tickcast.schemas.serde.MalformedNumberException;
import io.tickcast.schemas.serde.MalformedRecordException;
import io.tickcast.schemas.serde.TickCodec;
import io.tickcast.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes and checks one raw ticks-topic record, key and value: the stream app's first step
 * (its validation processor) and the trainer's reader of the ticks topic both go through here,
 * so a tick the trainer learns from is a tick the stream app would accept. Never throws for bad
 * input.
 */
public final class RawTicks {
  private RawTicks() {}

  /**
   * What became of a record: accepted (with its tick) or rejected (with the reason).
   *
   * @param tick the decoded, valid tick; null when rejected
   * @param keyed whether the record had a non-empty key (equal to the symbol when accepted)
   * @param violation the first rule broken; null when accepted
   */
  public record Outcome(Tick tick, boolean keyed, TickValidator.Violation violation) {
    /** Whether the tick was accepted. */
    public boolean accepted() {
      return violation == null;
    }
  }

  /**
   * Decodes and checks a record: a null value is a tombstone; the value must decode in {@code
   * format}; the tick must pass {@code validator}; a non-empty key must equal the symbol.
   *
   * @param key the record key (UTF-8 symbol) or null
   * @param value the record value
   * @param format the wire format of the ticks topic
   * @param validator the rules (the serving model's normalisation and volume need)
   * @param nowMs wall-clock time, epoch ms, for the future-timestamp rule ({@code
   *     Long.MAX_VALUE}: not checked)
   */
  public static Outcome decode(byte[] key, byte[] value, WireFormat format,
      TickValidator validator, long nowMs) {
    if (value == null) {
      return rejected(RejectReason.TOMBSTONE, "null value (tombstone): ticks cannot be deleted");
    }
    Tick tick;
    try {
      tick = TickCodec.decode(value, format);
    } catch (MalformedNumberException e) {
      return rejected(RejectReason.PRICE_FORMAT, e.getMessage());
    } catch (MalformedRecordException e) {
      return rejected(RejectReason.DESERIALIZATION, e.getMessage());
    } catch (RuntimeException e) {
      // A decoder bug must not stop the stream thread: the record is dead-lettered like any
      // other undecodable one.
      return rejected(RejectReason.DESERIALIZATION, "cannot decode: " + e);
    }
    Optional<TickValidator.Violation> violation = validator.check(tick, nowMs);
    if (violation.isPresent()) {
      return new Outcome(null, false, violation.get());
    }
    boolean keyed = key != null && key.length > 0;
    if (keyed) {
      String k = new String(key, StandardCharsets.UTF_8);
      if (!k.equals(tick.getSymbol())) {
        String shown = k.length() > 40 ? k.substring(0, 40) + "..." : k;
        return rejected(RejectReason.KEY_MISMATCH,
            "record key '" + shown + "' differs from the tick's symbol '" + tick.getSymbol() + "'");
      }
    }
    return new Outcome(tick, keyed, null);
  }

  private static Outcome rejected(RejectReason reason, String detail) {
    return new Outcome(null, false, new TickValidator.Violation(reason, detail));
  }
}
