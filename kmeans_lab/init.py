"""Choosing the initial centres: rows drawn at random, and k-means++ (D² sampling)."""

import numpy as np

from ._validation import (
    check_data,
    check_n_clusters,
    check_positive_int,
    check_random_state,
    check_sample_weight,
)
from .distances import squared_distances

__all__ = ["kmeans_plusplus", "random_init"]


#: Above this many samples times clusters, ``kmeans_plusplus`` hands over to the
#: engine, which draws the same centres faster.
_ENGINE_FROM = 2**15


def random_init(X, n_clusters, random_state=None, sample_weight=None):
    """Pick ``n_clusters`` distinct rows of X at random.

    Rows are drawn uniformly, or in proportion to their weight when
    ``sample_weight`` is given (a row of weight 0 is never drawn), as
    scikit-learn does.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    random_state : None, int or numpy.random.Generator
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
        Rows of X at ``n_clusters`` distinct indices (a copy).
    """
    X = check_data(X)
    n_clusters = check_n_clusters(n_clusters, X.shape[0])
    rng = check_random_state(random_state)
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    return X[random_indices(n_clusters, rng, X.shape[0], weights)]


def random_indices(n_clusters, rng, n_samples, sample_weight=None):
    """``n_clusters`` distinct row indices, drawn in proportion to ``sample_weight`` (uniformly if None)."""
    if sample_weight is None:
        return rng.choice(n_samples, size=n_clusters, replace=False)
    n_positive = int(np.count_nonzero(sample_weight))
    if n_positive < n_clusters:
        raise ValueError(
            f"sample_weight has {n_positive} positive weights, fewer than n_clusters={n_clusters}: "
            "init='random' draws the starting centres among samples of positive weight."
        )
    p = sample_weight.astype(np.float64)
    return rng.choice(n_samples, size=n_clusters, replace=False, p=p / p.sum())


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
    if X.shape[0] * n_clusters >= _ENGINE_FROM:
        from . import _engine

        indices = _engine.plusplus_indices(_engine.prepare(X, weights), n_clusters, rng, n_local_trials)
    else:
        indices = plusplus_indices(X, n_clusters, rng, n_local_trials, weights)
    return X[indices], indices


def plusplus_indices(X, n_clusters, rng, n_local_trials=None, sample_weight=None):
    """:func:`kmeans_plusplus` without the input checks; returns the chosen row indices."""
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    n_samples = X.shape[0]
    weights = np.ones(n_samples) if sample_weight is None else sample_weight.astype(np.float64)
    if sample_weight is None:
        first = rng.integers(n_samples)
    else:
        first = rng.choice(n_samples, p=weights / weights.sum())
    indices = [first]
    closest = squared_distances(X, X[[first]])[:, 0]  # D(x)²: to the nearest centre chosen so far
    potential = closest @ weights  # Σ w·D²
    for _ in range(1, n_clusters):
        # Candidates drawn with probability ∝ w·D².
        targets = rng.uniform(size=n_local_trials) * potential
        candidates = np.searchsorted(np.cumsum(closest * weights), targets)
        candidates = np.minimum(candidates, n_samples - 1)
        # D² if each candidate were added, and the potential it would leave: keep the lowest.
        candidate_closest = np.minimum(closest, squared_distances(X, X[candidates]).T)
        potentials = candidate_closest @ weights
        best = int(np.argmin(potentials))
        indices.append(candidates[best])
        closest, potential = candidate_closest[best], potentials[best]
    return np.array(indices, dtype=np.intp)
