"""Elkan's algorithm: our Elkan next to our Lloyd and scikit-learn's KMeans(algorithm="elkan").

Whole fits (default ``tol``) on Gaussian blobs from the same initial centres
(k rows drawn at random), at low and high dimension; all three give the same
labels and iterations. Medians of interleaved runs; ratios are ours (Elkan)
/ reference. The fraction of distances the bounds skipped (mean over the
iterations after the first) comes from ``kl.elkan``.

Our Elkan is plain NumPy over arrays of (sample, centre) pairs; scikit-learn's
is compiled and threaded (held here to one OpenMP thread, as the bounds'
bookkeeping of ours runs on one). Our Lloyd is the threaded engine.

Run with ``python benchmarks/bench_elkan.py [--repeats N]``.
"""

import sys
import warnings
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale_common import interleaved_medians, options, row

import kmeans_lab as kl

SHAPES = [(50_000, 2, 16), (50_000, 16, 64), (20_000, 128, 100), (10_000, 512, 200)]


def problem(n, d, k, seed=0):
    X, _ = kl.datasets.make_blobs(n, centers=k, n_features=d, cluster_std=3.0, random_state=seed)
    init = X[np.random.default_rng(seed).choice(n, k, replace=False)]
    return X, init


def measure(n, d, k, repeats):
    from sklearn.cluster import KMeans as SklearnKMeans

    X, init = problem(n, d, k)

    def sklearn_elkan():
        with threadpool_limits(1, user_api="openmp"):
            return SklearnKMeans(k, init=init, n_init=1, algorithm="elkan").fit(X)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = interleaved_medians(
            {
                "elkan": lambda: kl.KMeans(k, init=init, algorithm="elkan").fit(X),
                "lloyd": lambda: kl.KMeans(k, init=init).fit(X),
                "sklearn": sklearn_elkan,
            },
            repeats,
        )
        result = kl.elkan(X, init)
        same = np.array_equal(result.labels, kl.KMeans(k, init=init).fit(X).labels_)
    skipped = np.mean(result.skipped[1:]) if result.n_iter > 1 else 0.0
    label = f"n,d,k={n},{d},{k} ({result.n_iter} it, {skipped:.0%} skipped{', same' if same else ''})"
    row(f"Elkan vs our Lloyd {label}", t["elkan"] * 1e3, t["lloyd"] * 1e3)
    row(f"Elkan vs scikit-learn's Elkan {label}", t["elkan"] * 1e3, t["sklearn"] * 1e3)


def main(argv=None):
    args = options(__doc__.split("\n\n")[0], argv)
    print(f"{'KMeans fit (n, d, k)':<52} {'ours':>14}{'reference':>14}{'ratio':>7}")
    for shape in SHAPES:
        measure(*shape, max(3, args.repeats // 2))


if __name__ == "__main__":
    main()
