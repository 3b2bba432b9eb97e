#!/usr/bin/env python3
"""Turns JMH JSON results (java -jar bench/target/benchmarks.jar -rf json -rff FILE) into the
Markdown tables of docs/benchmarks.md: the ceiling of the run (CeilingBenchmark: the LSTM step's
matrix products at the model's shapes through the native BLAS and the JVM's own loops; the ceiling
is the fastest of them, per thread count, normally the BLAS), then every inference figure beside
it as a percentage of that ceiling.

Run it on the machine JMH ran on: it prints that machine's CPU model and vector extensions from
/proc/cpuinfo (the benchmark jar prints the same line, '# CPU: ...', in JMH's log).

With --pytorch FILE it adds PyTorch's figures (the JSON lines of bench/pytorch/next_step_bench.py,
run on the same machine) as % of the same ceiling, per thread count.

Usage: results-table.py RESULTS.json [--pytorch PYTORCH.jsonl]"""
import argparse
import json
import os

args = argparse.ArgumentParser(description="JMH results (and PyTorch's) as Markdown tables")
args.add_argument("results", help="JMH JSON results")
args.add_argument("--pytorch", help="JSON lines of bench/pytorch/next_step_bench.py")
args = args.parse_args()
rows = json.load(open(args.results))

# The benchmarked model (bench/BenchModels): LSTM {nIn, n} layers, W, H.
LSTM_SHAPES = ((1, 50), (50, 100))
W, H = 50, 50
STEP_FLOPS = sum(2 * (n_in + n) * 4 * n for n_in, n in LSTM_SHAPES)  # per window per time step
WINDOW_FLOPS = W * STEP_FLOPS  # 7.02 MFLOP: the matrix products of one next-step window

ENGINES = (
    ("dl4j", "DL4J"),
    ("java-scalar-1t", "Java scalar, 1 thread"),
    ("java-1t", "Java, 1 thread"),
    ("java-scalar", "Java scalar, all cores"),
    ("java", "Java, all cores"),
    ("onnx-1t", "ONNX Runtime, 1 thread"),
    ("onnx", "ONNX Runtime, all cores"),
)


def engine_threads(engine):
    """1 for engines on the calling thread (DL4J with OMP_NUM_THREADS=1), else all processors."""
    return 1 if engine == "dl4j" or engine.endswith("-1t") else None


def find(name, **params):
    for r in rows:
        if r["benchmark"].endswith(name) and all(r["params"].get(k) == str(v) for k, v in params.items()):
            return r
    return None


def fmt(x, digits=1):
    return f"{x:,.{digits}f}"


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            lines = f.read().splitlines()
    except OSError as e:
        return f"unknown ({e})"
    get = lambda key: next((l.split(":", 1)[1].strip() for l in lines if l.startswith(key)), "?")
    flags = [f for f in get("flags").split() if f.startswith(("avx", "sse4", "amx")) or f == "fma"]
    return f"{get('model name')}; {os.cpu_count()} processors; {' '.join(flags)}"


print(f"CPU (this machine, /proc/cpuinfo): {cpu()}\n")

# --- Ceiling -------------------------------------------------------------------------------
ceil_rows = [r for r in rows if ".CeilingBenchmark." in r["benchmark"]]
ceiling = {}  # threads -> (GFLOP/s, how): the fastest product of the run, native BLAS or a JVM loop
blas = {}  # threads -> (GFLOP/s, how): the native BLAS's best
if ceil_rows:
    print("### Ceiling (`CeilingBenchmark`: one LSTM step's products at the model's shapes)\n")
    print(f"{WINDOW_FLOPS / 1e6:.2f} MFLOP per window ({STEP_FLOPS:,} per time step × W {W}).\n")
    print("| gemm | batch | threads | µs per step | GFLOP/s | windows/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in sorted(ceil_rows, key=lambda r: (r["params"]["gemm"], r["threads"], int(r["params"]["batch"]))):
        g, b, t = r["params"]["gemm"], int(r["params"]["batch"]), r["threads"]
        us = r["primaryMetric"]["score"]
        gflops = t * b * STEP_FLOPS / us / 1e3
        print(f"| {g} | {b} | {t} | {fmt(us, 1)} | {fmt(gflops, 1)} | {fmt(gflops * 1e9 / WINDOW_FLOPS, 0)} |")
        if gflops > ceiling.get(t, (0, ""))[0]:
            ceiling[t] = (gflops, f"{g}, batch {b}")
        if g == "nd4j" and gflops > blas.get(t, (0, ""))[0]:
            blas[t] = (gflops, f"batch {b}")
    print()
    for t, (gflops, how) in sorted(blas.items()):
        print(f"- Native BLAS (ND4J's OpenBLAS sgemm), {t} thread{'s' if t > 1 else ''}: best {fmt(gflops, 1)} GFLOP/s ({how})"
              f" = {fmt(gflops * 1e9 / WINDOW_FLOPS, 0)} windows/s")
    for t, (gflops, how) in sorted(ceiling.items()):
        print(f"- **Ceiling, {t} thread{'s' if t > 1 else ''}** (the fastest product of the run): {fmt(gflops, 1)} GFLOP/s ({how}) = "
              f"**{fmt(gflops * 1e9 / WINDOW_FLOPS, 0)} windows/s**; exact {H}-step paths "
              f"{fmt(gflops * 1e9 / WINDOW_FLOPS / H, 1)} paths/s; carry-state paths "
              f"{fmt(gflops * 1e9 / WINDOW_FLOPS * W / (W + H - 1), 0)} paths/s")
    print()

all_threads = max(ceiling) if ceiling else None


def ceiling_windows(engine):
    t = engine_threads(engine) or all_threads
    return ceiling[t][0] * 1e9 / WINDOW_FLOPS if t in ceiling else None


def pct(rate, ceil):
    return f" ({rate / ceil:.0%})" if ceil else ""


present = [(e, l) for e, l in ENGINES if any(r["params"].get("engine") == e for r in rows if r.get("params"))]


def cells(name, per, digits, windows_per_op, **params):
    out = []
    for engine, _ in present:
        r = find(name, engine=engine, **params)
        if not r:
            out.append("– | –")
            continue
        ms = r["primaryMetric"]["score"]
        rate = per * 1000 / ms
        ceil = ceiling_windows(engine)
        out.append(f"{fmt(ms, 3)} | {fmt(rate, digits)}{pct(rate, ceil / windows_per_op if ceil else None)}")
    return " | ".join(out)


note = (" (in brackets: % of the ceiling of this run, 1-thread ceiling for DL4J and the 1-thread engines, "
        "all-threads ceiling for the others)")
head = " | ".join(f"{label} ms | {label} {{unit}}/s" for _, label in present)
if any(r["benchmark"].endswith("NextStepBenchmark.nextStep") for r in rows):
    print("### Next step (`NextStepBenchmark`, ms per batch → windows/s)" + note + "\n")
    print("| batch | " + head.format(unit="windows") + " |")
    print("|---:|" + "---:|" * 2 * len(present))
    for b in sorted({int(r["params"]["batch"]) for r in rows if r["benchmark"].endswith("NextStepBenchmark.nextStep")}):
        print(f"| {b} | {cells('NextStepBenchmark.nextStep', b, 0, 1, batch=b)} |")
    print()

path_rows = [r for r in rows if r["benchmark"].endswith("PathBenchmark.path")]
if path_rows:
    print(f"### {H}-step path (`PathBenchmark`, ms per batch → paths/s)" + note
          + f"; an exact path costs {H} windows, a carry-state path {(W + H - 1) / W:.2f}\n")
    print("| roll-forward | batch | " + head.format(unit="paths") + " |")
    print("|---|---:|" + "---:|" * 2 * len(present))
    for rf in ("seed", "renormalise", "carry-state"):
        cost = (W + H - 1) / W if rf == "carry-state" else H
        for b in sorted({int(r["params"]["batch"]) for r in path_rows if r["params"]["rollForward"] == rf}):
            print(f"| {rf} | {b} | {cells('PathBenchmark.path', b, 1, cost, batch=b, rollForward=rf)} |")
    print()

if args.pytorch:
    torch_rows = [json.loads(l) for l in open(args.pytorch) if l.startswith("{")]
    if torch_rows:
        t0 = torch_rows[0]
        print(f"### PyTorch {t0['torch']} (`bench/pytorch/next_step_bench.py`, BLAS {t0['blas']}, "
              f"CPU {t0['cpu']}; in brackets: % of this run's ceiling at the same thread count; "
              f"an exact path costs {H} windows)\n")
        print("| case | batch | threads | ms per batch | rate |")
        print("|---|---:|---:|---:|---:|")
        for r in torch_rows:
            t = r["threads"]
            ceil = ceiling[t][0] * 1e9 / WINDOW_FLOPS if t in ceiling else None
            if r["case"] == "path":
                case, rate, unit, ceil = f"{H}-step path ({r['roll_forward']})", r["paths_per_s"], "paths/s", ceil and ceil / H
            else:
                case, rate, unit = "next step", r["windows_per_s"], "windows/s"
            print(f"| {case} | {r['batch']} | {t} | {fmt(r['ms_per_batch'], 3)} | "
                  f"{fmt(rate, 1 if unit == 'paths/s' else 0)} {unit}{pct(rate, ceil)} |")
        print()

for r in rows:
    name = r["benchmark"].rsplit(".", 2)
    if name[-2] not in ("NextStepBenchmark", "PathBenchmark", "CeilingBenchmark"):
        m = r["primaryMetric"]
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        print(f"`{name[-2]}.{name[-1]}`{' (' + params + ')' if params else ''}: "
              f"{m['score']:.3f} ± {m['scoreError']:.3f} {m['scoreUnit']}")
