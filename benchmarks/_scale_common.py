"""Shared by bench_minibatch, bench_elkan and bench_kmeans_parallel: timing, options and the SIPU sets."""

import argparse
import gc
import time
from pathlib import Path

import numpy as np


def options(description, argv=None):
    """``--repeats`` and ``--data DIR``; unknown options (those of run.py) are ignored."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeats", type=int, default=7, help="runs per timing (default 7)")
    parser.add_argument("--quick", action="store_true", help="2 repeats, a smoke run")
    parser.add_argument("--data", metavar="DIR", help="also measure on DIR/NAME.data.gz (the SIPU sets)")
    args, _ = parser.parse_known_args(argv)
    if args.quick:
        args.repeats = 2
    return args


def interleaved_medians(functions, repeats):
    """Median wall time (s) of each function, run in turn, the order alternating."""
    times = {name: [] for name in functions}
    names = list(functions)
    for repeat in range(repeats):
        for name in names if repeat % 2 == 0 else names[::-1]:
            gc.collect()
            start = time.perf_counter()
            functions[name]()
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(values)) for name, values in times.items()}


def sipu_sets(directory, names):
    """(name, X, k) for each DIR/NAME.data.gz that exists; k = number of classes in NAME.labels0.gz."""
    for name in names:
        path = Path(directory) / f"{name}.data.gz"
        if not path.exists():
            continue
        X = np.loadtxt(path, ndmin=2)
        labels = np.loadtxt(path.with_name(f"{name}.labels0.gz"), dtype=int)
        yield name, X, int(np.unique(labels[labels > 0]).size)


def row(name, ours, theirs, unit="ms", target=None):
    ratio = ours / theirs
    verdict = "" if target is None else ("met" if ratio <= target else "NOT met")
    target_text = "" if target is None else f"<= {target}"
    print(
        f"{name:<52} {ours:>10.2f} {unit:<3}{theirs:>10.2f} {unit:<3}"
        f"{ratio:>7.2f} {target_text:>8}  {verdict}",
        flush=True,
    )
