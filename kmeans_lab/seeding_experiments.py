"""Experiments on initialisation used by lesson 04: many seeded starts, a summary, and restarts.

Measuring harnesses, not teaching code: the lesson calls them and discusses
what they return. Each start is followed by Lloyd's algorithm to convergence
(``kl.lloyd`` with its default ``tol``), and the result is scored against the
true centres with the centroid index (CI, Fränti, Rezaei & Zhao 2014).
"""

import numpy as np

from .lloyd import lloyd
from .metrics import centroid_index
from .objective import wcss

__all__ = ["best_of_r_success", "run_from_seeds", "summary_table"]

#: The keys of :func:`run_from_seeds`'s result, one array of shape (n_seeds,) each.
RESULT_KEYS = ("phi", "J", "n_iter", "CI")


def run_from_seeds(X, make_start, true_centers, n_seeds=80):
    """Lloyd's algorithm from ``make_start(rng)`` for the seeds ``0 .. n_seeds - 1``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    make_start : callable
        ``make_start(rng) -> ndarray of shape (n_clusters, n_features)``, called with
        ``np.random.default_rng(seed)`` for each seed.
    true_centers : ndarray of shape (n_true_clusters, n_features)
        The reference centres the centroid index compares with.
    n_seeds : int, default=80

    Returns
    -------
    dict of str to ndarray of shape (n_seeds,)
        ``"phi"``: the potential (the :math:`J`) of each start; ``"J"``: the final :math:`J`
        (scikit-learn's ``inertia_``); ``"n_iter"``: the iterations of Lloyd's algorithm; ``"CI"``: the
        centroid index of the final centres against ``true_centers`` (0: the right structure).
    """
    if not callable(make_start):
        kind = type(make_start).__name__
        raise TypeError(f"make_start should be a function of a random generator, got {kind}.")
    if isinstance(n_seeds, bool) or not isinstance(n_seeds, (int, np.integer)) or n_seeds < 1:
        raise ValueError(f"n_seeds should be a positive integer, got {n_seeds!r}.")
    X = np.asarray(X, dtype=float)
    rows = []
    for seed in range(n_seeds):
        start = make_start(np.random.default_rng(seed))
        run = lloyd(X, start)
        rows.append((wcss(X, start), run.inertia, run.n_iter, centroid_index(run.centroids, true_centers)))
    return {key: np.array(column) for key, column in zip(RESULT_KEYS, zip(*rows))}


def summary_table(results):
    """One line per method: medians of φ and J, mean iterations, mean CI and the share of runs with CI = 0.

    Parameters
    ----------
    results : dict of str to dict
        Method name to the result of :func:`run_from_seeds`.

    Returns
    -------
    str
        A header line and one line per method, ready to print.
    """
    header = f"{'method':22s} {'median φ':>9s} {'median J':>9s} {'iterations':>10s}"
    lines = [header + f" {'mean CI':>8s} {'CI = 0':>7s}"]
    for name, r in results.items():
        missing = [key for key in RESULT_KEYS if key not in r]
        if missing:
            raise ValueError(f"results[{name!r}] should come from run_from_seeds; it lacks {missing}.")
        lines.append(
            f"{name:22s} {np.median(r['phi']):9.2f} {np.median(r['J']):9.3f} {r['n_iter'].mean():10.1f}"
            f" {r['CI'].mean():8.2f} {np.mean(r['CI'] == 0):7.0%}"
        )
    return "\n".join(lines)


def best_of_r_success(result, r, n_draws=2000, seed=0):
    """Share of random groups of ``r`` runs whose lowest-J run has CI = 0: what ``n_init = r`` would give.

    Each draw picks ``r`` different runs of ``result`` uniformly at random and keeps the one with the
    lowest final :math:`J`, as ``KMeans(n_init=r)`` keeps its best restart.

    Parameters
    ----------
    result : dict
        The result of :func:`run_from_seeds` (its ``"J"`` and ``"CI"``).
    r : int
        Runs per group, from 1 to the number of runs.
    n_draws : int, default=2000
        Number of groups drawn.
    seed : int, default=0
        Seed of the draws.

    Returns
    -------
    float
        The share of the ``n_draws`` groups whose best run has the right structure.
    """
    J, ci = np.asarray(result["J"]), np.asarray(result["CI"])
    if isinstance(r, bool) or not isinstance(r, (int, np.integer)) or not 1 <= r <= len(J):
        raise ValueError(f"r should be an integer from 1 to the number of runs, {len(J)}; got {r!r}.")
    shuffled = np.random.default_rng(seed).random((n_draws, len(J))).argsort(axis=1)
    groups = shuffled[:, :r]  # each row: r different runs, uniformly at random
    best = groups[np.arange(n_draws), J[groups].argmin(axis=1)]
    return float(np.mean(ci[best] == 0))
