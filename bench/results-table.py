#!/usr/bin/env python3
"""Turns JMH JSON results (java -jar bench/target/benchmarks.jar -rf json -rff FILE) into the
Markdown tables of docs/benchmarks.md: DL4J beside the Java engine (on one thread, and spread over
every processor as the app runs it), against the issue's targets."""
import json
import sys

rows = json.load(open(sys.argv[1]))
ENGINES = (("dl4j", "DL4J"), ("java-1t", "Java, 1 thread"), ("java", "Java, all cores"))


def find(name, **params):
    for r in rows:
        if r["benchmark"].endswith(name) and all(r["params"].get(k) == str(v) for k, v in params.items()):
            m = r["primaryMetric"]
            return m["score"], m["scoreError"]
    return None


def fmt(x, digits=1):
    return f"{x:,.{digits}f}"


def cells(name, per, digits, **params):
    out = []
    for engine, _ in ENGINES:
        r = find(name, engine=engine, **params)
        out.append(f"{fmt(r[0], 3)} | {fmt(per * 1000 / r[0], digits)}" if r else "– | –")
    return " | ".join(out)


head = " | ".join(f"{label} ms | {label} {{unit}}/s" for _, label in ENGINES)
print("### Next step (`NextStepBenchmark`, ms per batch → windows/s)\n")
print("| batch | " + head.format(unit="windows") + " |")
print("|---:|" + "---:|" * 2 * len(ENGINES))
for b in (1, 8, 64, 256):
    print(f"| {b} | {cells('NextStepBenchmark.nextStep', b, 0, batch=b)} |")

print("\n### 50-step path (`PathBenchmark`, ms per batch → paths/s)\n")
print("| roll-forward | batch | " + head.format(unit="paths") + " |")
print("|---|---:|" + "---:|" * 2 * len(ENGINES))
for rf in ("seed", "renormalise", "carry-state"):
    for b in (1, 64):
        print(f"| {rf} | {b} | {cells('PathBenchmark.path', b, 1, batch=b, rollForward=rf)} |")

for r in rows:
    name = r["benchmark"].rsplit(".", 2)
    if name[-2] not in ("NextStepBenchmark", "PathBenchmark"):
        m = r["primaryMetric"]
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        print(f"\n`{name[-2]}.{name[-1]}`{' (' + params + ')' if params else ''}: "
              f"{m['score']:.3f} ± {m['scoreError']:.3f} {m['scoreUnit']}")
