"""k-means‖ next to k-means++: time of the initialisation, and the inertia after Lloyd's algorithm.

For each data set and each of 10 seeds: ``kl.kmeans_parallel_init`` (ℓ = 2k,
5 rounds) and ``kl.kmeans_plusplus`` (greedy) from the same seed; the time of
each (median over the seeds), then ``KMeans(init=centres)`` from each and the
final inertia; the row gives the medians and the median of the per-seed
ratios k-means‖ / k-means++. Without ``--data`` a synthetic set of blobs is
used; with ``--data DIR`` the SIPU A-sets and Birch1 too.

Run with ``python benchmarks/bench_kmeans_parallel.py [--data DIR]``.
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _scale_common import options, sipu_sets

import kmeans_lab as kl

SIPU = ["a1", "a2", "a3", "birch1"]
SEEDS = 10


def compare(name, X, k, seeds=SEEDS):
    times = {"parallel": [], "plusplus": []}
    inertia = {"parallel": [], "plusplus": []}
    for seed in range(seeds):
        for who, init in (("parallel", kl.kmeans_parallel_init), ("plusplus", kl.kmeans_plusplus)):
            start = time.perf_counter()
            centres, _ = init(X, k, random_state=seed)
            times[who].append(time.perf_counter() - start)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                inertia[who].append(kl.KMeans(k, init=centres).fit(X).inertia_)
    ratios = np.array(inertia["parallel"]) / np.array(inertia["plusplus"])
    print(
        f"  {name} {X.shape[0]}x{X.shape[1]} k={k}: "
        f"init {np.median(times['parallel']) * 1e3:.0f} ms (k-means‖) vs "
        f"{np.median(times['plusplus']) * 1e3:.0f} ms (k-means++); final inertia median "
        f"{np.median(inertia['parallel']):.4g} vs {np.median(inertia['plusplus']):.4g}, "
        f"ratio median {np.median(ratios):.3f} (range {ratios.min():.3f}-{ratios.max():.3f})",
        flush=True,
    )


def main(argv=None):
    args = options(__doc__.split("\n\n")[0], argv)
    print("k-means‖ (ℓ = 2k, 5 rounds) vs greedy k-means++, then Lloyd, over 10 seeds")
    X, _ = kl.datasets.make_blobs(100_000, centers=50, n_features=8, random_state=0)
    compare("blobs", X, 50)
    if args.data:
        for name, X, k in sipu_sets(args.data, SIPU):
            compare(name, X, k)


if __name__ == "__main__":
    main()
