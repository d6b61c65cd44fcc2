"""Speed and memory of kmeans_lab next to scikit-learn, in one run.

Usage::

    python benchmarks/run.py [--repeats N] [--processes P] [--quick] [--data DIR]

Every timing is the best of ``--repeats`` runs, and the runs of the two
libraries alternate, so that load from other processes hurts both alike.
The Lloyd rows are measured so in ``--processes`` fresh processes and the
median of each library's time is kept. Ratios are ours / theirs: below 1
means kmeans_lab is faster.

After its own rows the script imports every ``benchmarks/bench_*.py`` and
calls its ``main()``, which prints that benchmark's rows.

``--data DIR`` also times whole fits on the real data sets ``DIR/NAME.data.gz``
(with ``DIR/NAME.labels0.gz`` giving the number of clusters); nothing else in
the project needs that folder.
"""

import argparse
import gc
import importlib.util
import os
import platform
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import kmeans_lab as kl

LLOYD_SHAPES = [(100_000, 16, 32), (200_000, 32, 100), (50_000, 64, 256)]
LLOYD_TARGET = 1.3
PLUSPLUS_SHAPE = (100_000, 16, 64)
PLUSPLUS_TARGET = 1.5
MEMORY_SHAPE = (2_000_000, 2, 100)
MEMORY_LIMIT_MB = 500.0


def best_time(function, repeats):
    """Smallest wall time of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved_best(functions, repeats):
    """Best wall time of each function, running them in turn (order alternates)."""
    best = {name: float("inf") for name in functions}
    names = list(functions)
    for repeat in range(repeats):
        for name in names if repeat % 2 == 0 else names[::-1]:
            gc.collect()
            start = time.perf_counter()
            functions[name]()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


class Table:
    """Rows of (what, ours, theirs, ratio, target, verdict) printed as they come."""

    header = f"{'benchmark':<44} {'kmeans_lab':>12} {'reference':>12} {'ratio':>7} {'target':>8}  verdict"

    def __init__(self):
        print(self.header)
        print("-" * len(self.header))

    def row(self, name, ours, theirs=None, unit="ms", target=None, limit=None):
        ratio = ours / theirs if theirs else None
        verdict = ""
        if target is not None and ratio is not None:
            verdict = "met" if ratio <= target else "NOT met"
        if limit is not None:
            verdict = "met" if ours <= limit else "NOT met"
        print(
            f"{name:<44} {_fmt(ours, unit):>12} {_fmt(theirs, unit):>12} "
            f"{'' if ratio is None else f'{ratio:.2f}':>7} "
            f"{'' if target is None else f'<= {target}':>8}"
            f"{'' if limit is None else f'<= {limit:.0f}':>8}  {verdict}",
            flush=True,
        )
        return ratio


def _fmt(value, unit):
    if value is None:
        return "-"
    return f"{value:.1f} {unit}" if unit else f"{value:.3f}"


def problem(n_samples, n_features, n_clusters, seed=0):
    """Standard normal data (Lloyd keeps moving for many iterations) and initial centres from its rows."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    init = X[rng.choice(n_samples, n_clusters, replace=False)]
    return X, init


def lloyd_per_iteration(shape, repeats, iterations=21):
    """ms per Lloyd iteration: (t(iterations) - t(1)) / (iterations - 1), same init."""
    from sklearn.cluster import KMeans as SklearnKMeans

    X, init = problem(*shape)
    k = shape[2]

    def ours(max_iter):
        return kl.KMeans(k, init=init, max_iter=max_iter, tol=0.0).fit(X)

    def theirs(max_iter):
        return SklearnKMeans(k, init=init, n_init=1, max_iter=max_iter, tol=0.0, algorithm="lloyd").fit(X)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        n_iter = (ours(iterations).n_iter_, theirs(iterations).n_iter_)
        best = interleaved_best(
            {
                "ours_1": lambda: ours(1),
                "ours_n": lambda: ours(iterations),
                "theirs_1": lambda: theirs(1),
                "theirs_n": lambda: theirs(iterations),
            },
            repeats,
        )
    if n_iter != (iterations, iterations):
        print(f"  (warning: runs stopped early, n_iter = {n_iter})")
    per_iter = {
        who: (best[f"{who}_n"] - best[f"{who}_1"]) / (iterations - 1) * 1e3 for who in ("ours", "theirs")
    }
    return per_iter["ours"], per_iter["theirs"]


def lloyd_per_iteration_in_processes(shape, repeats, processes):
    """:func:`lloyd_per_iteration` in ``processes`` fresh processes, one after the other.

    On a shared virtual machine the time of the same fit moves by up to ±20%
    from one process to the next (memory placement, where the threads land),
    for either library independently, so one process's ratio is a noisy
    sample. Returns the medians over the processes of each library's time,
    and every process's (ours, theirs).
    """
    runs = []
    for _ in range(processes):
        output = subprocess.run(
            [sys.executable, __file__, "--repeats", str(repeats), "--lloyd-shape", ",".join(map(str, shape))],
            check=True,
            capture_output=True,
            text=True,
            cwd=str(HERE.parent),
        ).stdout.split()
        runs.append((float(output[-2]), float(output[-1])))
    ours, theirs = np.median(runs, axis=0)
    return ours, theirs, runs


def plusplus_time(shape, repeats):
    from sklearn.cluster import kmeans_plusplus as sklearn_plusplus

    n, d, k = shape
    X = np.random.default_rng(1).standard_normal((n, d))
    best = interleaved_best(
        {
            "ours": lambda: kl.kmeans_plusplus(X, k, random_state=0),
            "theirs": lambda: sklearn_plusplus(X, k, random_state=0),
        },
        repeats,
    )
    return best["ours"] * 1e3, best["theirs"] * 1e3


_MEMORY_SCRIPT = """
import resource, sys, time
import numpy as np
def peak_mb():
    # VmHWM is this process's own high-water mark; ru_maxrss can carry the parent's over fork/exec.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
baseline = peak_mb()
which = sys.argv[1]
if which == "ours":
    import kmeans_lab as kl
    make = lambda: kl.KMeans({k}, random_state=0)
else:
    from sklearn.cluster import KMeans
    make = lambda: KMeans({k}, random_state=0)
after_import = peak_mb()
X = np.random.default_rng(0).uniform(0, 100, ({n}, {d}))
start = time.perf_counter()
model = make().fit(X)
seconds = time.perf_counter() - start
print(f"{{baseline:.1f}} {{after_import:.1f}} {{peak_mb():.1f}} {{seconds:.2f}} {{model.n_iter_}}")
"""


def peak_memory(which, shape=MEMORY_SHAPE):
    """Max RSS (MB) of a fresh process fitting ``shape``: baseline, after import, peak."""
    n, d, k = shape
    script = _MEMORY_SCRIPT.format(n=n, d=d, k=k)
    output = subprocess.run(
        [sys.executable, "-c", script, which],
        check=True,
        capture_output=True,
        text=True,
        cwd=str(HERE.parent),
        env={**os.environ, "PYTHONPATH": str(HERE.parent)},
    ).stdout.split()
    baseline, after_import, peak, seconds = map(float, output[:4])
    return {
        "baseline": baseline,
        "after_import": after_import,
        "peak": peak,
        "seconds": seconds,
        "n_iter": int(output[4]),
    }


def fitted_size(shape=(1_000_000, 8, 8)):
    """Bytes of a pickled fitted model, ours and scikit-learn's: what a fit keeps after it returns."""
    import pickle

    from sklearn.cluster import KMeans as SklearnKMeans

    n, d, k = shape
    X = np.random.default_rng(2).standard_normal((n, d))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = kl.KMeans(k, n_init=1, random_state=0).fit(X)
        theirs = SklearnKMeans(k, n_init=1, random_state=0).fit(X)
    return len(pickle.dumps(ours)) / 1e6, len(pickle.dumps(theirs)) / 1e6


def import_time(repeats=5):
    """Wall time (ms) of ``import kmeans_lab`` after numpy, in fresh processes.

    Returns the best time and the heavy modules that the import loaded.
    """
    code = (
        "import time, sys; import numpy; t = time.perf_counter(); import kmeans_lab; "
        "dt = time.perf_counter() - t; "
        "heavy = [m for m in ('matplotlib', 'sympy', 'ipywidgets', 'sklearn', 'scipy') if m in sys.modules]; "
        "print(dt * 1e3, ','.join(heavy) or '-')"
    )
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    times, heavy = [], "-"
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
        )
        value, heavy = out.stdout.split()
        times.append(float(value))
    return min(times), heavy


def real_data_fits(directory, repeats):
    """Whole fits (same k-means++ init for both) on DIR/NAME.data.gz."""
    from sklearn.cluster import KMeans as SklearnKMeans

    rows = []
    for path in sorted(Path(directory).glob("*.data.gz")):
        name = path.name[: -len(".data.gz")]
        X = np.loadtxt(path, ndmin=2)
        labels_path = path.with_name(f"{name}.labels0.gz")
        if labels_path.exists():
            labels = np.loadtxt(labels_path, dtype=int)
            k = np.unique(labels[labels > 0]).size
        else:
            k = 8
        init, _ = kl.kmeans_plusplus(X, k, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            best = interleaved_best(
                {
                    "ours": lambda k=k, init=init, X=X: kl.KMeans(k, init=init).fit(X),
                    "theirs": lambda k=k, init=init, X=X: (
                        SklearnKMeans(k, init=init, n_init=1, algorithm="lloyd").fit(X)
                    ),
                },
                repeats,
            )
            ours = kl.KMeans(k, init=init).fit(X)
            theirs = SklearnKMeans(k, init=init, n_init=1, algorithm="lloyd").fit(X)
        same = np.array_equal(ours.labels_, theirs.labels_) and ours.n_iter_ == theirs.n_iter_
        rows.append((f"{name} {X.shape[0]}x{X.shape[1]} k={k} ({ours.n_iter_} it{', same' if same else ''})",
                     best["ours"] * 1e3, best["theirs"] * 1e3))
    return rows


def other_benchmarks(names=None):
    """Import each benchmarks/bench_*.py and call its main()."""
    for path in sorted(HERE.glob("bench_*.py")):
        if names and path.stem not in names:
            continue
        print(f"\n## {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception as error:  # noqa: BLE001  one failing benchmark must not hide the others
            print(f"  {path.name} failed: {type(error).__name__}: {error}")


def machine_line():
    import sklearn

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}, load average {load:.1f}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeats", type=int, default=7, help="runs per timing; the best is kept (default 7)"
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke run")
    parser.add_argument("--data", metavar="DIR", help="also time fits on DIR/NAME.data.gz")
    parser.add_argument("--only", nargs="*", help="run only these bench_* scripts after the core rows")
    parser.add_argument("--skip-core", action="store_true", help="run only the bench_* scripts")
    parser.add_argument(
        "--processes",
        type=int,
        default=3,
        help="fresh processes per Lloyd shape; medians are kept (default 3)",
    )
    parser.add_argument("--lloyd-shape", help=argparse.SUPPRESS)  # worker: print ours, theirs for N,D,K
    args = parser.parse_args(argv)
    repeats = 2 if args.quick else args.repeats
    if args.lloyd_shape:
        print(*lloyd_per_iteration(tuple(map(int, args.lloyd_shape.split(","))), repeats))
        return
    processes = 1 if args.quick else args.processes

    print(f"# kmeans_lab benchmarks ({machine_line()})")
    print(f"# best of {repeats} interleaved runs; ratio = kmeans_lab / reference (scikit-learn)")
    print(
        f"# Lloyd rows: medians over {processes} fresh processes, "
        f"each the best of {repeats} interleaved runs\n"
    )
    if not args.skip_core:
        table = Table()
        for shape in LLOYD_SHAPES:
            ours, theirs, runs = lloyd_per_iteration_in_processes(shape, repeats, processes)
            name = f"Lloyd per iteration n,d,k={shape[0]},{shape[1]},{shape[2]}"
            table.row(name, ours, theirs, target=LLOYD_TARGET)
            if len(runs) > 1:
                print("  per process: " + ", ".join(f"{a:.1f} / {b:.1f} = {a / b:.2f}" for a, b in runs))
        ours, theirs = plusplus_time(PLUSPLUS_SHAPE, repeats)
        n, d, k = PLUSPLUS_SHAPE
        table.row(f"kmeans_plusplus {n}x{d} k={k}", ours, theirs, target=PLUSPLUS_TARGET)
        memory_ours, memory_theirs = peak_memory("ours"), peak_memory("theirs")
        n, d, k = MEMORY_SHAPE
        for who, m in (("kmeans_lab", memory_ours), ("scikit-learn", memory_theirs)):
            print(
                f"  {who} KMeans({k}).fit({n}x{d}): peak RSS {m['peak']:.0f} MB, after importing numpy "
                f"{m['baseline']:.0f} MB, fit {m['seconds']:.1f} s, {m['n_iter']} iterations"
            )
        table.row(
            f"peak memory above numpy, {n}x{d} k={k} (MB)",
            memory_ours["peak"] - memory_ours["baseline"],
            memory_theirs["peak"] - memory_theirs["baseline"],
            unit="MB",
            limit=MEMORY_LIMIT_MB,
        )
        ours, theirs = fitted_size()
        table.row("pickled KMeans(8, n_init=1) fitted on 1000000x8 (MB)", ours, theirs, unit="MB", target=2.0)
        milliseconds, heavy = import_time()
        table.row(f"import kmeans_lab (heavy modules: {heavy})", milliseconds, limit=200.0)
        if args.data:
            for name, ours, theirs in real_data_fits(args.data, repeats):
                table.row(f"fit {name}", ours, theirs)
    other_benchmarks(args.only)


if __name__ == "__main__":
    main()
