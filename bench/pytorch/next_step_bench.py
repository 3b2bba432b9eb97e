#!/usr/bin/env python3
"""PyTorch's windows/s for the benchmarked model, beside the JMH suite (NextStepBenchmark,
PathBenchmark) so a run can put PyTorch in the same table (results-table.py --pytorch FILE).

The model is the tutorial size of bench/BenchModels: LSTM 1 -> 50, LSTM 50 -> 100 (last time
step), dense 100 -> 1, W = 50 ticks, one feature, float32, random weights with a fixed seed
(inference cost does not depend on their values; dropout is off at inference). Each call does the
work of Tickcast's Forecaster: first-price normalisation (p / p0 - 1), the model, de-normalisation.

Cases, each after a warm-up, on torch.set_num_threads(1) and (every processor):
- next_step at batch 1 and 64: windows/s;
- path (exact, roll-forward "seed", as the tutorial's predict_sequences_multiple): 50 sequential
  next-step calls at batch 64, each sliding the window by one and feeding the prediction back in
  normalised space: paths/s.

Prints one JSON line per case. Run with Debian's PyTorch (apt-get install python3-torch libopenblas0):
  /usr/bin/python3 bench/pytorch/next_step_bench.py [--seconds 4] [--smoke]"""
import argparse
import ctypes
import json
import os
import sys
import time

import torch
from torch import nn

W, H, FEATURES = 50, 50, 1


class TutorialLstm(nn.Module):
    """LSTM 1 -> 50 -> LSTM 100 (last step) -> dense 1; input [batch, W, 1], output [batch, 1]."""

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(FEATURES, 50, batch_first=True)
        self.lstm2 = nn.LSTM(50, 100, batch_first=True)
        self.dense = nn.Linear(100, 1)

    def forward(self, x):
        h, _ = self.lstm1(x)
        h, _ = self.lstm2(h)
        return self.dense(h[:, -1, :])


def windows(batch, seed):
    """batch random-walk price windows near 100 price units, [batch, W, 1] (as BenchModels)."""
    g = torch.Generator().manual_seed(seed)
    start = 50 + 100 * torch.rand(batch, 1, generator=g)
    steps = 1 + 0.01 * torch.randn(batch, W, generator=g)
    return (start * torch.cumprod(steps, dim=1)).unsqueeze(-1).float()


def next_step(model, prices):
    """Next-step prices [batch] of price windows [batch, W, 1]."""
    base = prices[:, :1, :]
    return (model(prices / base - 1).squeeze(-1) + 1) * base[:, 0, 0]


def exact_path(model, prices):
    """The 50-step path [batch, H] by 50 model calls, each window slid by one with the
    prediction fed back in the normalised space of the original window (roll-forward seed)."""
    base = prices[:, :1, :]
    frame = prices / base - 1
    out = []
    for _ in range(H):
        y = model(frame)  # [batch, 1]
        out.append(y)
        frame = torch.cat((frame[:, 1:, :], y.unsqueeze(1)), dim=1)
    return (torch.cat(out, dim=1) + 1) * base[:, 0, :]


def timed(fn, seconds, warmup):
    """Seconds per call of fn: warm-up for `warmup` s, then calls until `seconds` have passed."""
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        fn()
    calls, start = 0, time.perf_counter()
    while True:
        fn()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return elapsed / calls


def blas():
    """The BLAS behind libblas.so.3 that torch's Debian build calls for the LSTM's products, and a
    function setting its thread count (OpenBLAS keeps its own pool, apart from torch's)."""
    try:
        lib = ctypes.CDLL("libblas.so.3")
    except OSError as e:
        return f"unknown ({e})", lambda n: None
    if hasattr(lib, "openblas_set_num_threads"):
        return "openblas", lib.openblas_set_num_threads
    return "libblas.so.3 (not OpenBLAS)", lambda n: None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError as e:
        return f"unknown ({e})"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=4.0, help="timed seconds per case (default 4)")
    p.add_argument("--smoke", action="store_true",
                   help="about 0.2 s per case, 1 thread, paths at batch 8: checks that it runs")
    p.add_argument("--threads", help="comma-separated torch.set_num_threads values (default"
                   " 1,processors; 1 with --smoke)")
    a = p.parse_args()
    seconds, warmup = (0.15, 0.05) if a.smoke else (a.seconds, 1.0)
    a.threads = a.threads or ("1" if a.smoke else f"1,{os.cpu_count()}")
    thread_counts = sorted({int(t) for t in a.threads.split(",")})

    torch.manual_seed(42)
    model = TutorialLstm().float().eval()
    blas_name, blas_threads = blas()
    if blas_name != "openblas":
        # Debian's reference libblas3 is ~10x slower: install libopenblas0 (python3-torch recommends it).
        print(f"warning: BLAS is {blas_name}; apt-get install libopenblas0", file=sys.stderr)
    common = {"engine": "pytorch", "torch": torch.__version__, "blas": blas_name, "cpu": cpu_model()}
    with torch.inference_mode():
        for threads in thread_counts:
            torch.set_num_threads(threads)
            blas_threads(threads)
            for batch in (1, 64):
                x = windows(batch, 1)
                assert next_step(model, x).shape == (batch,)
                s = timed(lambda: next_step(model, x), seconds, warmup)
                print(json.dumps({**common, "case": "next_step", "batch": batch, "threads": threads,
                                  "ms_per_batch": s * 1e3, "windows_per_s": batch / s}), flush=True)
            batch = 8 if a.smoke else 64  # a batch-64 path takes seconds on a loaded machine
            x = windows(batch, 2)
            assert exact_path(model, x).shape == (batch, H)
            s = timed(lambda: exact_path(model, x), seconds, warmup)
            print(json.dumps({**common, "case": "path", "roll_forward": "seed", "horizon": H,
                              "batch": batch, "threads": threads, "ms_per_batch": s * 1e3,
                              "paths_per_s": batch / s}), flush=True)


if __name__ == "__main__":
    main()
