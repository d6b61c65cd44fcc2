"""Elkan's algorithm (Elkan 2003): Lloyd's algorithm that skips distances the triangle inequality rules out.

Lloyd's assignment step computes the distance from every sample to every
centre. Most of those are not needed: once centres move little, a sample's
nearest centre can often be confirmed without looking at the others. Elkan
keeps, for each sample x assigned to centre a(x),

- an upper bound u(x) ≥ d(x, c_a(x)) on the distance to its own centre,
- a lower bound l(x, c) ≤ d(x, c) on the distance to every centre c,

and, each iteration, the distances between centres, with
s(c) = ½ min over c' ≠ c of d(c, c'). Two rules skip work (both from the
triangle inequality d(c, c') ≤ d(x, c) + d(x, c')):

1. if u(x) ≤ s(a(x)), no other centre can be nearer: skip the sample;
2. else centre c can only be nearer if u(x) > l(x, c) and
   u(x) > ½ d(c_a(x), c); only those (sample, centre) distances are
   computed (after making u(x) exact).

When the centres move by δ(c), the bounds stay valid if u(x) grows by
δ(a(x)) and every l(x, c) shrinks by δ(c); this is all an update costs. A
centre relocated into an empty cluster jumps far, which would leave its
lower bounds near 0 for every sample: they are reset to the exact distances.

The centres are updated exactly as by :func:`kmeans_lab.lloyd`, with the same
empty-cluster rule, tolerance and stopping rule, so that from the same
initial centres both give the same labels, number of iterations and centres
(up to rounding, and except where a sample is equally near two centres up to
rounding). Elkan saves the most when there are many centres in many
dimensions: a distance costs d operations, and the bounds rule most of them
out; in two or three dimensions with few clusters the bookkeeping costs
more than it saves.
"""

from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    check_centroids,
    check_data,
    check_non_negative_float,
    check_positive_int,
    check_sample_weight,
)
from .distances import squared_distances
from .lloyd import absolute_tolerance, mean_update, stopping_rule
from .objective import within_cluster_sum

__all__ = ["ElkanResult", "elkan"]

#: Most (sample, centre) pairs whose differences are held at once, times n_features.
_PAIR_ELEMENTS = 2**21


@dataclass
class ElkanResult:
    """What :func:`elkan` returns.

    Attributes
    ----------
    centroids : ndarray of shape (n_clusters, n_features)
    labels : ndarray of shape (n_samples,)
    inertia : float
    n_iter : int
    converged : bool
        True when the labels stopped changing or the centres moved less than
        the tolerance; False when ``max_iter`` stopped the run.
    skipped : list of float
        For each iteration, the fraction of the n_samples × n_clusters
        distances of its assignment step that the bounds made unnecessary
        (0 in the first, which computes them all).
    init : ndarray of shape (n_clusters, n_features)
    """

    centroids: np.ndarray
    labels: np.ndarray
    inertia: float
    n_iter: int
    converged: bool
    skipped: list
    init: np.ndarray = field(repr=False)


def elkan(X, init, max_iter=300, tol=1e-4, sample_weight=None):
    """Run Elkan's algorithm from given initial centres.

    It gives the result of :func:`kmeans_lab.lloyd` from the same ``init``
    (same labels, centres and iterations) while computing fewer distances.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    init : array-like of shape (n_clusters, n_features)
    max_iter : int, default=300
    tol : float, default=1e-4
        Relative tolerance on the centre shift, as for :func:`kmeans_lab.lloyd`.
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    ElkanResult

    Examples
    --------
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> result = elkan(X, init=[[1, 1], [5, 5]])
    >>> round(result.inertia, 6), result.n_iter, result.skipped
    (2.666667, 2, [0.0, 1.0])
    """
    X = check_data(X)
    init = check_centroids(init, X.shape[1], X.dtype, name="init")
    if init.shape[0] > X.shape[0]:
        raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={init.shape[0]} (rows of init).")
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = absolute_tolerance(X, check_non_negative_float(tol, "tol"))
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    mean = X.mean(axis=0)  # centred as lloyd centres: the same means, the same rounding
    centroids, labels, inertia, n_iter, converged, skipped = run_elkan(
        X - mean, init - mean, max_iter, tol, weights
    )
    return ElkanResult(centroids + mean, labels, inertia, n_iter, converged, skipped, init)


def run_elkan(X, centroids, max_iter, tol, sample_weight=None):
    """:func:`elkan` on centred data without the input checks; ``tol`` is absolute.

    Returns
    -------
    centroids, labels, inertia, n_iter, converged, skipped
    """
    n_samples, n_clusters = X.shape[0], centroids.shape[0]
    # Iteration 0: every distance, so that every bound is exact.
    squared = squared_distances(X, centroids)
    labels = squared.argmin(axis=1)  # Lloyd's first assignment, from the same table
    lower = np.sqrt(squared.astype(np.float64))  # l(x, c)
    upper = lower[np.arange(n_samples), labels]  # u(x)
    skipped, stop = [0.0], None
    for iteration in range(max_iter):
        if iteration > 0:
            previous = labels
            labels, upper, n_computed = assign_with_bounds(X, centroids, labels, upper, lower)
            skipped.append(1.0 - n_computed / (n_samples * n_clusters))
            n_changed = int(np.count_nonzero(labels != previous))
        else:
            n_changed = n_samples
        new_centroids, relocated = mean_update(X, labels, n_clusters, sample_weight, centroids)  # as Lloyd
        move = np.sqrt(((new_centroids.astype(np.float64) - centroids) ** 2).sum(axis=1))  # δ(c)
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids = new_centroids
        upper = upper + move[labels]  # u(x) + δ(a(x)) ≥ d(x, new c_a(x))
        np.subtract(lower, move, out=lower)  # l(x, c) − δ(c) ≤ d(x, new c)
        np.maximum(lower, 0.0, out=lower)
        if len(relocated):
            jumped = np.unique(relocated[:, 1])
            lower[:, jumped] = np.sqrt(squared_distances(X, centroids[jumped]).astype(np.float64))
        stop = stopping_rule(iteration, n_changed, shift, tol)
        if stop is not None:
            break
    n_iter = len(skipped)
    if stop != "labels":  # the centres moved since the last assignment
        labels = assign_with_bounds(X, centroids, labels, upper, lower)[0]
    inertia = within_cluster_sum(X, centroids, labels, sample_weight)
    return centroids, labels, inertia, n_iter, stop is not None, skipped


def assign_with_bounds(X, centroids, labels, upper, lower):
    """The assignment step with Elkan's bounds; ``lower`` is updated in place.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centroids : ndarray of shape (n_clusters, n_features)
    labels : ndarray of shape (n_samples,)
        The current assignment a(x).
    upper : ndarray of shape (n_samples,)
        u(x), valid for ``centroids``.
    lower : ndarray of shape (n_samples, n_clusters)
        l(x, c), valid for ``centroids``; the distances computed here replace
        their bounds.

    Returns
    -------
    labels : ndarray of shape (n_samples,)
    upper : ndarray of shape (n_samples,)
        Exact for every sample that was looked at.
    n_computed : int
        Distances computed.
    """
    half_between = 0.5 * np.sqrt(squared_distances(centroids, centroids).astype(np.float64))  # ½ d(c, c')
    np.fill_diagonal(half_between, np.inf)  # a sample's own centre is never a candidate
    half_nearest = half_between.min(axis=1)  # s(c)
    labels, upper = labels.copy(), upper.copy()

    # Rule 1: a sample within s(a(x)) of its centre keeps it.
    active = np.flatnonzero(upper > half_nearest[labels])
    # The rest get an exact u(x), then rule 2 picks the centres worth a distance.
    upper[active] = _pair_distances(X, centroids, active, labels[active])
    lower[active, labels[active]] = upper[active]
    own = labels[active]
    worth = upper[active, None] > np.maximum(lower[active], half_between[own])
    rows, cols = np.nonzero(worth)  # sorted by row
    samples = active[rows]
    lower[samples, cols] = _pair_distances(X, centroids, samples, cols)

    # Among its own centre and the centres just measured, the nearest wins (ties: lowest index).
    first = np.ones(rows.size, dtype=bool)
    first[1:] = rows[1:] != rows[:-1]
    measured, rows = rows[first], np.cumsum(first) - 1  # the samples that measured any centre
    if measured.size:
        looked_at = active[measured]
        candidates = np.full((measured.size, centroids.shape[0]), np.inf)
        candidates[rows, cols] = lower[samples, cols]
        candidates[np.arange(measured.size), own[measured]] = upper[looked_at]
        best = candidates.argmin(axis=1)
        labels[looked_at] = best
        upper[looked_at] = candidates[np.arange(measured.size), best]
    return labels, upper, active.size + samples.size


def _pair_distances(X, centroids, samples, clusters):
    """d(X[samples[i]], centroids[clusters[i]]) by direct differences, in float64, in pieces."""
    out = np.empty(len(samples))
    step = max(1, _PAIR_ELEMENTS // max(X.shape[1], 1))
    for start in range(0, len(samples), step):
        piece = slice(start, start + step)
        differences = np.subtract(X[samples[piece]], centroids[clusters[piece]], dtype=np.float64)
        out[piece] = np.sqrt(np.einsum("ij,ij->i", differences, differences))
    return out
