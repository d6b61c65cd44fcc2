"""Fuzzy c-means per iteration: kmeans_lab.FuzzyCMeans against scikit-fuzzy's ``cmeans``.

Both start from the same memberships U0 (scikit-fuzzy's ``init=``; ours from
the centres ``fuzzy_centers(X, U0, m)``, which is scikit-fuzzy's first step)
and run a fixed number of iterations (tolerance 0). The two are timed
alternately, several times, and the median time per iteration is reported,
because the machine may be busy. Ratio = ours / theirs (target: <= 1, i.e. at
least as fast as scikit-fuzzy).

Run with ``python benchmarks/bench_fuzzy.py``.
"""

import gc
import time

import numpy as np
import skfuzzy

import kmeans_lab as kl

N_SAMPLES = 100_000
N_CLUSTERS = 5
N_ITER = 10
REPEATS = 5
CASES = [(2, 2.0), (2, 1.5), (5, 2.0)]  # (n_features, m)
TARGET = 1.0


def _problem(n_features, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(N_CLUSTERS, n_features))
    X = centres[rng.integers(N_CLUSTERS, size=N_SAMPLES)] + rng.normal(size=(N_SAMPLES, n_features))
    u0 = rng.random((N_CLUSTERS, N_SAMPLES))
    return X, u0 / u0.sum(axis=0)


def _time_skfuzzy(X, u0, m):
    start = time.perf_counter()
    cntr, *_, n_iter, _ = skfuzzy.cluster.cmeans(X.T, N_CLUSTERS, m, error=0.0, maxiter=N_ITER, init=u0)
    return (time.perf_counter() - start) / n_iter, cntr


def _time_ours(X, u0, m):
    start = time.perf_counter()
    # skfuzzy's first iteration computes these centres from U0, so it is timed on our side too.
    init = kl.fuzzy_centers(X, u0.T, m)
    fcm = kl.FuzzyCMeans(N_CLUSTERS, m=m, init=init, tol=0.0, max_iter=N_ITER).fit(X)
    return (time.perf_counter() - start) / fcm.n_iter_, fcm.cluster_centers_


def compare(n_features, m):
    """Median seconds per iteration (ours, scikit-fuzzy's) and the largest difference of their centres."""
    X, u0 = _problem(n_features)
    ours, theirs = [], []
    for repeat in range(REPEATS):
        runners = [(_time_ours, ours), (_time_skfuzzy, theirs)]
        if repeat % 2:
            runners.reverse()
        for runner, times in runners:
            gc.collect()
            seconds, centres = runner(X, u0, m)
            times.append((seconds, centres))
    # From the same U0 both do the same N_ITER centre updates, so they end on the same centres.
    difference = float(np.abs(ours[0][1] - theirs[0][1]).max())
    return float(np.median([t for t, _ in ours])), float(np.median([t for t, _ in theirs])), difference


def main():
    print(f"Fuzzy c-means, n_samples={N_SAMPLES:,}, n_clusters={N_CLUSTERS}, {N_ITER} iterations, "
          f"median of {REPEATS} interleaved runs")  # fmt: skip
    print(f"{'n_features':>10} {'m':>5} {'kmeans_lab ms/iter':>19} {'skfuzzy ms/iter':>16} "
          f"{'ratio':>7} {'max |Δ centre|':>15}")  # fmt: skip
    for n_features, m in CASES:
        ours, theirs, difference = compare(n_features, m)
        ratio = ours / theirs
        print(
            f"{n_features:>10} {m:>5.1f} {ours * 1e3:>19.1f} {theirs * 1e3:>16.1f} {ratio:>7.2f} "
            f"{difference:>15.1e}  {'ok' if ratio <= TARGET else 'SLOWER than target'}"
        )
    print(f"ratio = kmeans_lab time / skfuzzy time (target <= {TARGET:g}; below 1: kmeans_lab is faster)")


if __name__ == "__main__":
    main()
