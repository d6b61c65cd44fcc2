"""The compiled (numba) and NumPy engines side by side with scikit-learn's ``KMeans(algorithm="lloyd")``.

Usage::

    python benchmarks/bench_engines.py [--grid quick|full] [--processes P] [--repeats R]

Every row fits the same data from the same initial centres with the three
(``KMeans(init=C, n_init=1)`` for both libraries, float64 unless said): per
iteration, (t(m iterations) − t(1 iteration)) / (m − 1) with ``tol=0``, which
leaves out validation and the final assignment; and the whole fit with the
default ``tol`` and ``max_iter``. Within a process the three alternate, each
timing the best of ``--repeats``; each row is measured in ``--processes``
fresh processes and the median of each column kept. Ratios are
kmeans_lab / scikit-learn (below 1: kmeans_lab is faster); "numba" is the
compiled engine, "numpy" the NumPy engine (``KMEANS_LAB_ENGINE=numpy``).

The full grid is n ∈ {100 000, 1 000 000} × d ∈ {2, 8, 32, 128} × k ∈ {3, 8,
32, 100, 256} (cells of more than ``MAX_DATA_GB`` of data left out; whole fits
only up to ``MAX_WHOLE_FIT_WORK`` n·d·k), then small problems, k-means++ and
float32. The quick grid (the default, and what ``run.py`` runs) is a subset of
each, with whole fits only up to ``QUICK_MAX_WHOLE_FIT_WORK``. ``--threads 1``
compares the two libraries on one thread each, which load from other
processes distorts far less than two OpenMP threads on two shared cores.
"""

import argparse
import gc
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FULL_GRID = [
    (n, d, k) for n in (100_000, 1_000_000) for d in (2, 8, 32, 128) for k in (3, 8, 32, 100, 256)
]
QUICK_GRID = [
    (100_000, 2, 3), (100_000, 2, 32), (100_000, 8, 8), (100_000, 16, 32), (100_000, 32, 100),
    (100_000, 128, 8), (1_000_000, 2, 8),
]
SMALL = [(1_000, 2, 3), (10_000, 2, 3), (5_000, 2, 15), (20_000, 8, 10), (20_000, 32, 32)]
PLUSPLUS = [(100_000, 2, 8), (100_000, 16, 64), (20_000, 8, 32)]
FLOAT32 = [(1_000_000, 2, 8), (100_000, 8, 100), (100_000, 32, 32)]
QUICK_SMALL, QUICK_PLUSPLUS, QUICK_FLOAT32 = SMALL[1:4], PLUSPLUS[:2], FLOAT32[::2]

MAX_DATA_GB = 1.5
MAX_WHOLE_FIT_WORK = 2e9
QUICK_MAX_WHOLE_FIT_WORK = 2e7
TARGET_LARGE, TARGET_SMALL, TARGET_PLUSPLUS = 1.0, 1.3, 1.0


def problem(n, d, k, dtype=np.float64, seed=0):
    """Standard normal data (Lloyd keeps moving for many iterations) and k initial centres from its rows.

    As in run.py. (On blobs, one iteration can leave a cluster empty, and the
    estimator's warning about it then counts the distinct rows of X, which
    takes longer than the iterations being timed.)
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    return X.astype(dtype), X[rng.choice(n, k, replace=False)].astype(dtype)


def _best(functions, repeats):
    best = dict.fromkeys(functions, float("inf"))
    names = list(functions)
    for repeat in range(repeats):
        for name in names if repeat % 2 == 0 else names[::-1]:
            gc.collect()
            start = time.perf_counter()
            functions[name]()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def _fitters(X, init):
    from sklearn.cluster import KMeans as SklearnKMeans

    import kmeans_lab as kl

    k = len(init)

    def ours(engine):
        def fit(**params):
            os.environ["KMEANS_LAB_ENGINE"] = engine
            return kl.KMeans(k, init=init, n_init=1, **params).fit(X)

        return fit

    def theirs(**params):
        return SklearnKMeans(k, init=init, n_init=1, algorithm="lloyd", **params).fit(X)

    return {"numba": ours("numba"), "numpy": ours("numpy"), "sklearn": theirs}


def measure_cell(n, d, k, dtype, repeats, whole):
    """One process's times (ms) for the cell: per iteration, then whole fit, for numba, numpy, sklearn."""
    X, init = problem(n, d, k, dtype)
    fitters = _fitters(X, init)
    iterations = 11 if n * d * k <= 5e8 else 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fit in fitters.values():
            fit(max_iter=2, tol=0.0)  # compiles, warms the caches and the pools
        runs = {}
        for name, fit in fitters.items():
            runs[f"{name}_1"] = lambda fit=fit: fit(max_iter=1, tol=0.0)
            runs[f"{name}_m"] = lambda fit=fit: fit(max_iter=iterations, tol=0.0)
        best = _best(runs, repeats)
        per_iteration = [(best[f"{w}_m"] - best[f"{w}_1"]) / (iterations - 1) * 1e3 for w in fitters]
        whole_fit, n_iter = [float("nan")] * 3, [0] * 3
        if whole:
            best = _best({w: fit for w, fit in fitters.items()}, repeats)
            whole_fit = [best[w] * 1e3 for w in fitters]
            n_iter = [fit().n_iter_ for fit in fitters.values()]
    return per_iteration + whole_fit + n_iter


def measure_plusplus(n, d, k, dtype, repeats):
    from sklearn.cluster import kmeans_plusplus

    import kmeans_lab as kl

    X, _ = problem(n, d, k, dtype)

    def ours(engine):
        def run():
            os.environ["KMEANS_LAB_ENGINE"] = engine
            kl.kmeans_plusplus(X, k, random_state=0)

        return run

    functions = {
        "numba": ours("numba"),
        "numpy": ours("numpy"),
        "sklearn": lambda: kmeans_plusplus(X, k, random_state=0),
    }
    for run in functions.values():
        run()
    best = _best(functions, repeats)
    return [best[w] * 1e3 for w in functions]


#: ``--threads N``: OMP_NUM_THREADS=N in the workers (scikit-learn's OpenMP, the BLAS and kmeans_lab).
WORKER_ENV = {}


def in_processes(kind, shape, dtype, repeats, processes, whole=True):
    """Medians over ``processes`` fresh processes of each column of measure_cell or measure_plusplus."""
    rows = []
    env = {**os.environ, **WORKER_ENV}
    for _ in range(processes):
        args = [sys.executable, __file__, "--worker", kind, ",".join(map(str, shape)), np.dtype(dtype).name]
        args += ["--repeats", str(repeats)] + (["--whole"] if whole else [])
        out = subprocess.run(args, check=True, capture_output=True, text=True, cwd=str(HERE.parent), env=env)
        rows.append([float(v) for v in out.stdout.split()])
    return np.median(np.array(rows), axis=0)


def _ratio(ours, theirs):
    return "-" if not np.isfinite(ours) or not theirs > 0 else f"{ours / theirs:.2f}"


def _fmt(ms):
    return "-" if not np.isfinite(ms) else (f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}")


def print_lloyd_rows(title, shapes, dtype, repeats, processes, target, max_whole_fit_work):
    print(f"\n### {title} ({np.dtype(dtype).name}; ms; ratio = kmeans_lab / scikit-learn)\n")
    print("| n, d, k | per it. numba | numpy | sklearn | numba ratio | numpy ratio "
          "| whole fit numba | numpy | sklearn | numba ratio | iterations | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, d, k in shapes:
        if n * d * 8 * 3 / 1e9 > MAX_DATA_GB * 3:
            print(f"| {n}, {d}, {k} | skipped: more than {MAX_DATA_GB} GB of data |")
            continue
        whole = n * d * k <= max_whole_fit_work
        m = in_processes("lloyd", (n, d, k), dtype, repeats, processes, whole)
        iterations = "/".join(str(int(v)) for v in m[6:9]) if whole else "-"
        print(
            f"| {n}, {d}, {k} | {_fmt(m[0])} | {_fmt(m[1])} | {_fmt(m[2])} | {_ratio(m[0], m[2])} | "
            f"{_ratio(m[1], m[2])} | {_fmt(m[3])} | {_fmt(m[4])} | {_fmt(m[5])} | {_ratio(m[3], m[5])} | "
            f"{iterations} | ≤ {target} |",
            flush=True,
        )


def main(argv=()):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", choices=["quick", "full"], default="quick")
    parser.add_argument("--processes", type=int, default=3, help="fresh processes per row (default 3)")
    parser.add_argument("--repeats", type=int, default=3, help="timings per process; the best is kept")
    parser.add_argument("--only", choices=["large", "small", "plusplus", "float32"], nargs="*")
    parser.add_argument("--threads", type=int, help="OMP_NUM_THREADS for both libraries (default: all CPUs)")
    parser.add_argument("--shapes", nargs="*", metavar="N,D,K", help="these Lloyd rows instead of the grid")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, shape, dtype = args.worker
        shape = tuple(int(v) for v in shape.split(","))
        if kind == "lloyd":
            values = measure_cell(*shape, np.dtype(dtype), args.repeats, args.whole)
        else:
            values = measure_plusplus(*shape, np.dtype(dtype), args.repeats)
        print(*values)
        return
    parts = args.only or ["large", "small", "plusplus", "float32"]
    full = args.grid == "full"
    grid = FULL_GRID if full else QUICK_GRID
    whole = MAX_WHOLE_FIT_WORK if full else QUICK_MAX_WHOLE_FIT_WORK
    if args.shapes:
        grid = [tuple(int(v) for v in shape.split(",")) for shape in args.shapes]
    if args.threads:
        WORKER_ENV["OMP_NUM_THREADS"] = str(args.threads)
    print(f"# engines: {args.grid} grid, medians over {args.processes} fresh processes, "
          f"each the best of {args.repeats} interleaved runs; threads: {args.threads or 'all'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    if "large" in parts:
        print_lloyd_rows("n ≥ 100 000", grid, np.float64, args.repeats, args.processes, TARGET_LARGE, whole)
    if "small" in parts:
        small = SMALL if full else QUICK_SMALL
        print_lloyd_rows(
            "small problems", small, np.float64, args.repeats, args.processes, TARGET_SMALL, whole
        )
    if "plusplus" in parts:
        print("\n### kmeans_plusplus (float64; ms, greedy, same number of candidates)\n")
        print("| n, d, k | numba | numpy | sklearn | numba ratio | numpy ratio | target |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for shape in PLUSPLUS if full else QUICK_PLUSPLUS:
            m = in_processes("plusplus", shape, np.float64, args.repeats, args.processes)
            print(f"| {', '.join(map(str, shape))} | {_fmt(m[0])} | {_fmt(m[1])} | {_fmt(m[2])} | "
                  f"{_ratio(m[0], m[2])} | {_ratio(m[1], m[2])} | ≤ {TARGET_PLUSPLUS} |", flush=True)
    if "float32" in parts:
        float32 = FLOAT32 if full else QUICK_FLOAT32
        print_lloyd_rows("float32", float32, np.float32, args.repeats, args.processes, TARGET_LARGE, whole)


if __name__ == "__main__":
    main(sys.argv[1:])
