"""Elkan's algorithm: our Elkan on each engine, our Lloyd and scikit-learn's KMeans(algorithm="elkan").

Whole fits (default ``tol``) on Gaussian blobs from the same initial centres
(k rows drawn at random); all give the same labels and iterations. Medians
of interleaved runs; ratios are ours / reference. The fraction of distances
the bounds skipped (mean over the iterations after the first) comes from
``kl.elkan``.

The engine column says which of ours ran: ``numba`` is the compiled engine
(``kmeans_lab/_engine/numba_elkan.py``, on the package's threads), ``numpy``
the reference ``kl.elkan`` itself (plain NumPy over arrays of (sample, centre)
pairs, on one thread), timed with fewer runs (``--reference-repeats``) as it
takes seconds per fit. Our Lloyd is the compiled engine's. scikit-learn runs
on its default OpenMP threads, as ours runs on the package's (both as many as
there are cores).

Run with ``python benchmarks/bench_elkan.py [--repeats N] [--reference-repeats N]``.
"""

import argparse
import os
import sys
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale_common import interleaved_medians, options, row

import kmeans_lab as kl

SHAPES = [(100_000, d, k) for d in (2, 16, 64) for k in (8, 100)]


def problem(n, d, k, seed=0):
    X, _ = kl.datasets.make_blobs(n, centers=k, n_features=d, cluster_std=3.0, random_state=seed)
    init = X[np.random.default_rng(seed).choice(n, k, replace=False)]
    return X, init


def on_engine(engine, fit):
    """``fit`` run with ``KMEANS_LAB_ENGINE=engine``."""

    def run():
        saved = os.environ.get("KMEANS_LAB_ENGINE")
        os.environ["KMEANS_LAB_ENGINE"] = engine
        try:
            return fit()
        finally:
            if saved is None:
                del os.environ["KMEANS_LAB_ENGINE"]
            else:
                os.environ["KMEANS_LAB_ENGINE"] = saved

    return run


def measure(n, d, k, repeats, reference_repeats):
    from sklearn.cluster import KMeans as SklearnKMeans

    X, init = problem(n, d, k)
    ours = {a: (lambda a=a: kl.KMeans(k, init=init, algorithm=a).fit(X)) for a in ("elkan", "lloyd")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fits = {
            "elkan numba": on_engine("numba", ours["elkan"]),
            "lloyd numba": on_engine("numba", ours["lloyd"]),
            "sklearn elkan": lambda: SklearnKMeans(k, init=init, n_init=1, algorithm="elkan").fit(X),
        }
        for fit in fits.values():  # compiled, cached and warm before timing
            fit()
        t = interleaved_medians(fits, repeats)
        if reference_repeats:
            numpy_elkan = {"elkan numpy": on_engine("numpy", ours["elkan"])}
            t.update(interleaved_medians(numpy_elkan, reference_repeats))
        result = kl.elkan(X, init)
        same = all(
            np.array_equal(result.labels, fit().labels_) for fit in (fits["elkan numba"], fits["lloyd numba"])
        )
    skipped = np.mean(result.skipped[1:]) if result.n_iter > 1 else 0.0
    label = f"{n},{d},{k} ({result.n_iter} it, {skipped:.0%} skipped{', same' if same else ''})"
    row(f"numba Elkan / our Lloyd {label}", t["elkan numba"] * 1e3, t["lloyd numba"] * 1e3)
    row(f"numba Elkan / scikit-learn Elkan {label}", t["elkan numba"] * 1e3, t["sklearn elkan"] * 1e3)
    if "elkan numpy" in t:
        row(f"numba Elkan / numpy Elkan {label}", t["elkan numba"] * 1e3, t["elkan numpy"] * 1e3)
        row(f"numpy Elkan / scikit-learn Elkan {label}", t["elkan numpy"] * 1e3, t["sklearn elkan"] * 1e3)


def main(argv=None):
    args = options(__doc__.split("\n\n")[0], argv)
    extra = argparse.ArgumentParser()
    extra.add_argument("--reference-repeats", type=int, default=3, help="runs of the NumPy Elkan (0: none)")
    reference_repeats = extra.parse_known_args(argv)[0].reference_repeats
    if args.quick:
        reference_repeats = min(reference_repeats, 1)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    print(f"{'KMeans fit (n, d, k)':<52} {'ours':>14}{'reference':>14}{'ratio':>7}")
    for shape in SHAPES:
        measure(*shape, max(3, args.repeats // 2), reference_repeats)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
