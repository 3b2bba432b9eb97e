#!/usr/bin/env python3
"""Turns JMH JSON results (java -jar bench/target/benchmarks.jar -rf json -rff FILE) into the
Markdown tables of docs/benchmarks.md: DL4J beside the Java engine, against the issue's targets."""
import json
import sys

rows = json.load(open(sys.argv[1]))


def find(name, **params):
    for r in rows:
        if r["benchmark"].endswith(name) and all(r["params"].get(k) == str(v) for k, v in params.items()):
            m = r["primaryMetric"]
            return m["score"], m["scoreError"]
    return None


def fmt(x, digits=1):
    return f"{x:,.{digits}f}"


print("### Next step (`NextStepBenchmark`, ms per batch → windows/s)\n")
print("| batch | DL4J ms/batch | DL4J windows/s | Java ms/batch | Java windows/s | speed-up |")
print("|---:|---:|---:|---:|---:|---:|")
for b in (1, 8, 64, 256):
    d = find("NextStepBenchmark.nextStep", engine="dl4j", batch=b)
    j = find("NextStepBenchmark.nextStep", engine="java", batch=b)
    if d and j:
        print(f"| {b} | {fmt(d[0], 3)} | {fmt(b * 1000 / d[0])} | {fmt(j[0], 3)} | {fmt(b * 1000 / j[0])} | {d[0] / j[0]:.1f}× |")

print("\n### Exact 50-step path (`PathBenchmark`, ms per batch → paths/s)\n")
print("| roll-forward | batch | DL4J ms/batch | DL4J paths/s | Java ms/batch | Java paths/s | speed-up |")
print("|---|---:|---:|---:|---:|---:|---:|")
for rf in ("seed", "renormalise"):
    for b in (1, 64):
        d = find("PathBenchmark.path", engine="dl4j", batch=b, rollForward=rf)
        j = find("PathBenchmark.path", engine="java", batch=b, rollForward=rf)
        if d and j:
            print(f"| {rf} | {b} | {fmt(d[0])} | {fmt(b * 1000 / d[0], 2)} | {fmt(j[0])} | {fmt(b * 1000 / j[0], 2)} | {d[0] / j[0]:.1f}× |")

n = find("NormalisationBenchmark.firstPrice")
if n:
    print(f"\n### Normalisation (`NormalisationBenchmark`)\n\nFirst-price normalisation of one 50-tick window (values and base): {n[0]:.3f} ± {n[1]:.3f} µs.")
