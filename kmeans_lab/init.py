"""Choosing the initial centres: uniform rows and k-means++ (D² sampling)."""

import numpy as np

from ._kernels import PreparedData
from ._validation import (
    check_data,
    check_n_clusters,
    check_positive_int,
    check_random_state,
    check_sample_weight,
)

__all__ = ["random_init", "kmeans_plusplus"]


def random_init(X, n_clusters, random_state=None):
    """Pick ``n_clusters`` distinct rows of X uniformly at random.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
        Rows of X at ``n_clusters`` distinct indices (a copy).
    """
    X = check_data(X)
    n_clusters = check_n_clusters(n_clusters, X.shape[0])
    rng = check_random_state(random_state)
    return X[random_indices(X.shape[0], n_clusters, rng)]


def random_indices(n_samples, n_clusters, rng):
    return rng.choice(n_samples, size=n_clusters, replace=False)


def kmeans_plusplus(X, n_clusters, random_state=None, n_local_trials=None, sample_weight=None):
    """Initial centres by k-means++ (D² sampling).

    The first centre is a sample drawn with probability proportional to its
    weight; each next one is drawn with probability proportional to
    ``w · D(x)²``, the weighted squared distance to the nearest centre chosen
    so far. The greedy variant draws ``n_local_trials`` candidates and keeps
    the one that lowers the potential Σ w·D² most.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    random_state : None, int or numpy.random.Generator
    n_local_trials : int, optional
        Candidates per step. 1 is the algorithm of Arthur & Vassilvitskii
        (2007); the default ``2 + int(ln(n_clusters))`` is scikit-learn's
        greedy variant.
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of shape (n_clusters,)
        Row of X each centre came from.
    """
    X = check_data(X)
    n_clusters = check_n_clusters(n_clusters, X.shape[0])
    rng = check_random_state(random_state)
    if n_local_trials is not None:
        n_local_trials = check_positive_int(n_local_trials, "n_local_trials")
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    indices = plusplus_indices(PreparedData(X, weights), n_clusters, rng, n_local_trials)
    return X[indices], indices


def plusplus_indices(data, n_clusters, rng, n_local_trials=None):
    """k-means++ on prepared data; returns the chosen row indices."""
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    n_samples = data.n_samples
    weights = data.sample_weight
    indices = np.empty(n_clusters, dtype=np.intp)
    if weights is None:
        indices[0] = rng.integers(n_samples)
    else:
        indices[0] = rng.choice(n_samples, p=weights / weights.sum())
    closest = data.sq_dist_to_row(indices[0])
    potential = _weighted_sum(closest, weights)
    cumulative = np.empty(n_samples, dtype=np.float64)
    # Squared distances to the candidates of one step (n_local_trials rows, never n_clusters).
    candidate_dist = np.empty((n_local_trials, n_samples), dtype=data.dtype)
    for c in range(1, n_clusters):
        targets = rng.uniform(size=n_local_trials) * potential
        if weights is None:
            np.cumsum(closest, dtype=np.float64, out=cumulative)
        else:
            np.cumsum(closest * weights, dtype=np.float64, out=cumulative)
        candidates = np.searchsorted(cumulative, targets)
        np.clip(candidates, None, n_samples - 1, out=candidates)
        candidate_potentials = data.candidate_potentials(candidates, closest, out=candidate_dist)
        best = int(np.argmin(candidate_potentials))
        potential = candidate_potentials[best]
        np.copyto(closest, candidate_dist[best])
        indices[c] = candidates[best]
    return indices


def _weighted_sum(values, weights):
    return values.sum() if weights is None else values @ weights
