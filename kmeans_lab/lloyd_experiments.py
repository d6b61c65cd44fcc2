"""Small experiments on Lloyd's algorithm used by lesson 03: timing and iteration counts.

These are measuring harnesses, not teaching code: the lesson calls them and
discusses what they return.
"""

import time

import numpy as np

from . import datasets
from .init import kmeans_plusplus, random_init
from .lloyd import lloyd

__all__ = ["iteration_counts", "random_blobs", "seconds_per_iteration", "uniform_square"]


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
