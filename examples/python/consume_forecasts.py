"""Read Tickcast forecasts from Kafka and decode them: Avro single-object encoding or JSON.

Needs confluent-kafka and Apache Avro's Python library (Debian: python3-confluent-kafka
python3-avro; pip: confluent-kafka avro). kafka-python cannot be used: it does not filter the
transaction markers of a transactional topic such as tickcast.forecasts.

    python3 examples/python/consume_forecasts.py -b localhost:9092 \
        --schema schemas/src/main/avro/Forecast.avsc    # from the repository root
"""
import argparse
import io
import json

import avro.io
import avro.schema
from confluent_kafka import Consumer


def crc64_avro(data):
    """The Avro specification's schema fingerprint (CRC-64-AVRO, Rabin) of some bytes."""
    empty = 0xC15D213AA4D7A795
    fp = empty
    for byte in data:
        fp ^= byte
        for _ in range(8):
            fp = (fp >> 1) ^ (empty & -(fp & 1))
    return fp


def without_logical_types(node):
    """A schema's JSON without logicalType: the parsing canonical form has none (Python avro
    1.11 keeps {"type": "long"} for one, which changes the fingerprint), and times stay epoch
    milliseconds, as in the JSON format."""
    if isinstance(node, dict):
        return {k: without_logical_types(v) for k, v in node.items() if k != "logicalType"}
    if isinstance(node, list):
        return [without_logical_types(v) for v in node]
    return node


class ForecastDecoder:
    """Decodes record values; knows the writer schemas it was given, reads with the first."""

    def __init__(self, schema_files):
        schemas = [avro.schema.parse(json.dumps(without_logical_types(json.load(open(f)))))
                   for f in schema_files]
        self.reader_schema = schemas[0]
        # Single-object header: C3 01, then the schema's fingerprint, little-endian.
        self.writers = {b"\xc3\x01" + crc64_avro(s.canonical_form.encode()).to_bytes(8, "little"): s
                        for s in schemas}

    def decode(self, value):
        if value[:1] == b"{":  # tickcast.forecast.format=json
            return json.loads(value)
        writer = self.writers.get(value[:10])
        if writer is None:
            raise ValueError("unknown Forecast schema, header " + value[:10].hex()
                             + ": pass its .avsc with --schema")
        datum = avro.io.DatumReader(writer, self.reader_schema)
        return datum.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-b", "--bootstrap-servers", default="localhost:9092")
    ap.add_argument("--topic", default="tickcast.forecasts")
    ap.add_argument("--schema", action="append", required=True,
                    help="Forecast.avsc; repeat for older versions (the first is the reader's)")
    ap.add_argument("--group", default="forecast-reader")
    ap.add_argument("--max-records", type=int, default=0, help="stop after N (0: never)")
    ap.add_argument("--idle-timeout", type=float, default=0, help="stop after S idle seconds")
    args = ap.parse_args()

    decoder = ForecastDecoder(args.schema)
    consumer = Consumer({"bootstrap.servers": args.bootstrap_servers, "group.id": args.group,
                         "auto.offset.reset": "earliest",
                         "isolation.level": "read_committed"})  # only committed forecasts
    consumer.subscribe([args.topic])
    seen = 0
    try:
        while args.max_records == 0 or seen < args.max_records:
            msg = consumer.poll(args.idle_timeout or 1.0)
            if msg is None:
                if args.idle_timeout:
                    break
                continue
            if msg.error():
                raise SystemExit(str(msg.error()))
            f = decoder.decode(msg.value())
            print(json.dumps({k: f[k] for k in ("symbol", "lastTickTime", "lastTickPrice",
                                                "nextStep", "path", "modelVersion")}))
            seen += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
