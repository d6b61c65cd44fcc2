"""Small experiments on Lloyd's algorithm used by lesson 03: timing and iteration counts.

These are measuring harnesses, not teaching code: the lesson calls them and
discusses what they return.
"""

import os
import time

import numpy as np

from . import _engine, datasets
from .init import kmeans_plusplus, random_init
from .lloyd import lloyd
from .timing import best_seconds

__all__ = [
    "fit_on_engine",
    "iteration_counts",
    "random_blobs",
    "seconds_per_call",
    "seconds_per_iteration",
    "uniform_square",
]


def seconds_per_iteration(n_samples, n_clusters, n_features=8, repeats=2):
    """Best-of-``repeats`` CPU time of one Lloyd iteration on Gaussian noise.

    Parameters
    ----------
    n_samples, n_clusters, n_features : int
        Size of the problem; the first ``n_clusters`` samples are the start.
    repeats : int, default=2
        Runs of 3 iterations each (``tol=0``); the fastest counts.

    Returns
    -------
    float
        Seconds of CPU time per iteration.
    """
    data = np.random.default_rng(0).normal(size=(n_samples, n_features))
    start = data[:n_clusters]
    best = np.inf
    for _ in range(repeats):
        tic = time.process_time()
        result = lloyd(data, start, max_iter=3, tol=0)
        best = min(best, (time.process_time() - tic) / result.n_iter)
    return best


def seconds_per_call(run, repeats=3):
    """Best wall-clock time of ``run()`` over ``repeats`` calls, after one call that is not timed.

    The untimed call absorbs one-off costs (a compiled engine loads its kernels then).
    See :func:`kmeans_lab.timing.best_seconds`.

    Parameters
    ----------
    run : callable
        Called without arguments.
    repeats : int, default=3
        Timed calls; the fastest counts.

    Returns
    -------
    float
        Seconds (wall clock, so time spent by several threads counts once).
    """
    return best_seconds(run, repeats=repeats, warm_up=True)


def fit_on_engine(X, init, engine, max_iter=10):
    """Centres after ``max_iter`` Lloyd iterations of ``KMeans.fit`` (``tol=0``) on the engine named.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    init : ndarray of shape (n_clusters, n_features)
        The starting centres.
    engine : {"numpy", "numba"}
        The NumPy engine, or the compiled one (which needs numba).
    max_iter : int, default=10

    Returns
    -------
    ndarray of shape (n_clusters, n_features)
    """
    from .estimator import KMeans

    if engine not in ("numpy", "numba"):
        raise ValueError(f"engine must be 'numpy' or 'numba', got {engine!r}.")
    saved = os.environ.get(_engine.ENGINE_VARIABLE)
    os.environ[_engine.ENGINE_VARIABLE] = engine
    try:
        model = KMeans(len(init), init=init, n_init=1, max_iter=max_iter, tol=0).fit(X)
    finally:
        if saved is None:
            del os.environ[_engine.ENGINE_VARIABLE]
        else:
            os.environ[_engine.ENGINE_VARIABLE] = saved
    return model.cluster_centers_


def random_blobs(rng):
    """500 points in 3 to 10 Gaussian blobs of random spread; returns ``(X, n_blobs)``."""
    k = int(rng.integers(3, 11))
    return datasets.make_blobs(500, centers=k, cluster_std=rng.uniform(0.5, 3.0), random_state=rng)[0], k


def uniform_square(rng):
    """1000 uniform points in the unit square and ``K = 10``; returns ``(X, 10)``."""
    return rng.uniform(size=(1000, 2)), 10


def iteration_counts(make_data, n_runs, seed):
    """``n_iter`` of ``lloyd`` (default ``tol``) from a random and a k-means++ start.

    Parameters
    ----------
    make_data : callable
        ``make_data(rng) -> (X, n_clusters)``, called once per run for fresh data.
    n_runs : int
        Number of data sets.
    seed : int
        Seed of the generator shared by the data and the starts.

    Returns
    -------
    dict
        ``{"random": counts, "k-means++": counts}``, integer arrays of shape (n_runs,).
    """
    rng = np.random.default_rng(seed)
    counts = {"random": [], "k-means++": []}
    for _ in range(n_runs):
        data, k = make_data(rng)
        counts["random"].append(lloyd(data, random_init(data, k, rng)).n_iter)
        counts["k-means++"].append(lloyd(data, kmeans_plusplus(data, k, rng)[0]).n_iter)
    return {name: np.array(c) for name, c in counts.items()}
