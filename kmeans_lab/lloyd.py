"""Lloyd's algorithm, as lesson 03 builds it.

Assign every sample to its nearest centre (the E-step), move every centre to
the mean of its samples (the M-step), and repeat until the labels stop
changing. This file is the reference statement of the algorithm: each function
reads like the lesson. ``KMeans.fit`` runs the same algorithm through a faster
engine (``kmeans_lab._engine``) that the tests prove equal to this one: the
same labels and number of iterations, the same centres up to rounding. The
rules that decide results (ties, empty clusters, when to stop) are written
here once, and the engine uses them.
"""

from dataclasses import dataclass, field

import numpy as np

from ._validation import (
    check_centroids,
    check_data,
    check_labels,
    check_non_negative_float,
    check_positive_int,
    check_sample_weight,
)
from .distances import squared_distances, squared_distances_to_assigned
from .objective import within_cluster_sum

__all__ = ["LloydResult", "LloydStep", "assign", "lloyd", "update_centroids"]

#: Above this many (sample, centre) pairs, ``assign`` hands over to the engine,
#: which gives the same labels without holding the whole table of distances.
_LARGEST_TABLE = 2**22


def assign(X, centroids):
    """The assignment (E) step: the index of each sample's nearest centroid.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centroids : array-like of shape (n_clusters, n_features)

    Returns
    -------
    labels : ndarray of shape (n_samples,), dtype intp
        Ties go to the lowest index.

    Examples
    --------
    >>> assign([[0.0], [1.0], [4.0]], [[0.0], [2.0], [4.0]])
    array([0, 0, 2])
    """
    X = check_data(X)
    centroids = check_centroids(centroids, X.shape[1], X.dtype)
    if X.shape[0] * centroids.shape[0] > _LARGEST_TABLE:
        from . import _engine

        return _engine.nearest_centroids(X, centroids)
    return nearest_centroids(X, centroids)


def nearest_centroids(X, centroids):
    """:func:`assign` without the input checks."""
    distances = squared_distances(X, centroids)  # (n_samples, n_clusters)
    return distances.argmin(axis=1)  # the first of equal distances: ties go to the lowest index


def update_centroids(X, labels, n_clusters, sample_weight=None, *, centroids=None, return_relocated=False):
    """The update (M) step: each centroid moves to the (weighted) mean of its samples.

    Empty-cluster policy (scikit-learn's): a cluster that received no sample
    (or only samples of zero weight) takes the sample farthest from its own
    centre, and that sample leaves its old cluster. Distances are measured to
    ``centroids`` (the centres the labels were assigned to) when given, else
    to the new means. Only samples of positive weight that are away from
    their centre are moved; an empty cluster left without one (fewer distinct
    points than clusters) goes to the centre of the heaviest cluster. The
    result never holds NaN.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Integers in ``[0, n_clusters)``.
    n_clusters : int
    sample_weight : array-like of shape (n_samples,), optional
    centroids : array-like of shape (n_clusters, n_features), optional
        The centres before the update, used only to relocate empty clusters.
    return_relocated : bool, default=False
        Also return which samples were moved into empty clusters.

    Returns
    -------
    centroids : ndarray of shape (n_clusters, n_features)
    relocated : ndarray of shape (n_relocated, 2), dtype intp
        Only when ``return_relocated``: one row ``(sample index, cluster)`` for
        each sample moved into an empty cluster.

    Examples
    --------
    >>> update_centroids([[1, 1], [1, 2], [2, 1], [5, 5]], [0, 0, 0, 1], 2)
    array([[1.33333333, 1.33333333],
           [5.        , 5.        ]])
    >>> update_centroids([[0, 0], [1, 0], [9, 0]], [0, 0, 0], 2, return_relocated=True)[1]
    array([[2, 1]])
    """
    X = check_data(X)
    n_clusters = check_positive_int(n_clusters, "n_clusters")
    labels = check_labels(labels, X.shape[0], n_clusters)
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    if centroids is not None:
        centroids = check_centroids(centroids, X.shape[1], X.dtype, n_clusters=n_clusters)
    new_centroids, relocated = mean_update(X, labels, n_clusters, weights, centroids)
    return (new_centroids, relocated) if return_relocated else new_centroids


def mean_update(X, labels, n_clusters, sample_weight=None, centroids=None):
    """:func:`update_centroids` without the input checks; returns ``(centroids, relocated)``."""
    weighted = X if sample_weight is None else X * sample_weight[:, None]
    sums = np.zeros((n_clusters, X.shape[1]))
    np.add.at(sums, labels, weighted)  # Σ w·x over the samples of each cluster, added up in float64
    totals = np.bincount(labels, weights=sample_weight, minlength=n_clusters)  # Σ w
    sums, totals = sums.astype(X.dtype), totals.astype(X.dtype)
    relocated = relocate_empty_clusters(X, labels, sample_weight, sums, totals, centroids)
    return cluster_means(sums, totals), relocated


def relocate_empty_clusters(X, labels, sample_weight, sums, totals, centroids=None):
    """Give every empty cluster the sample farthest from its centre.

    ``sums`` (the weighted sum of each cluster's samples) and ``totals`` (each
    cluster's weight) are updated in place as the samples move.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    labels : ndarray of shape (n_samples,)
    sample_weight : ndarray of shape (n_samples,) or None
    sums : ndarray of shape (n_clusters, n_features)
    totals : ndarray of shape (n_clusters,)
    centroids : ndarray of shape (n_clusters, n_features), optional
        The centres the labels were assigned to; by default the means.

    Returns
    -------
    relocated : ndarray of shape (n_relocated, 2), dtype intp
        ``(sample index, cluster)`` for each sample moved.
    """
    empty = np.flatnonzero(totals == 0)
    if empty.size == 0:
        return np.empty((0, 2), dtype=np.intp)
    if centroids is None:
        centroids = cluster_means(sums, totals)
    distances = squared_distances_to_assigned(X, centroids, labels)  # to each sample's own centre
    # Only a sample away from its centre and of positive weight can fill an empty cluster.
    can_move = distances > 0 if sample_weight is None else (distances > 0) & (sample_weight > 0)
    n_moves = min(empty.size, int(np.count_nonzero(can_move)))
    if n_moves == 0:
        return np.empty((0, 2), dtype=np.intp)
    empty = empty[:n_moves]
    distances = np.where(can_move, distances, -1.0)
    # The farthest samples, taken in the order scikit-learn takes them.
    farthest = np.argpartition(distances, -n_moves)[: -n_moves - 1 : -1]
    for cluster, index in zip(empty, farthest):
        w = 1.0 if sample_weight is None else sample_weight[index]
        sums[labels[index]] -= w * X[index]
        totals[labels[index]] -= w
        sums[cluster] = w * X[index]
        totals[cluster] = w
    return np.column_stack([farthest, empty]).astype(np.intp)


def cluster_means(sums, totals):
    """``sums / totals`` row by row; a cluster still without weight takes the heaviest cluster's mean."""
    scale = np.zeros_like(totals)
    np.divide(1.0, totals, out=scale, where=totals > 0)  # times 1/Σw, as scikit-learn rounds it
    means = sums * scale[:, None]
    means[totals <= 0] = means[np.argmax(totals)]
    return means


def absolute_tolerance(X, tol):
    """scikit-learn's convention: ``tol`` times the mean per-feature variance of X."""
    if tol == 0:
        return 0.0
    return float(np.mean(np.var(X, axis=0))) * tol


def stopping_rule(iteration, n_changed, shift, tol):
    """Why Lloyd's algorithm stops after an iteration: ``"labels"``, ``"shift"`` or None.

    ``"labels"`` (strict convergence): no label changed, so the centres are
    already the means of their clusters. ``"shift"``: the squared centre shift
    summed over clusters is at most the absolute tolerance ``tol``.
    """
    if iteration > 0 and n_changed == 0:
        return "labels"
    if shift <= tol:
        return "shift"
    return None


@dataclass(frozen=True)
class LloydStep:
    """One iteration of Lloyd's algorithm: assign, then update.

    Attributes
    ----------
    previous_centroids : ndarray of shape (n_clusters, n_features)
        The centres the samples were assigned to.
    labels : ndarray of shape (n_samples,)
        The assignment to ``previous_centroids``, as the run made it.
    centroids : ndarray of shape (n_clusters, n_features)
        The centres after the update step.
    inertia_before_update : float
        J(labels, previous_centroids).
    inertia : float
        J of the partition the update averaged, at ``centroids``: the
        assignment, except that a sample moved into an empty cluster counts
        there. Never larger than ``inertia_before_update``.
    n_changed : int
        Samples whose label changed in this assignment (all of them in the first).
    relocated : ndarray of shape (n_relocated, 2)
        ``(sample index, cluster)`` for each sample moved into an empty cluster.
    """

    previous_centroids: np.ndarray
    labels: np.ndarray
    centroids: np.ndarray
    inertia_before_update: float
    inertia: float
    n_changed: int
    relocated: np.ndarray = field(repr=False)

    @property
    def n_relocated(self):
        """Empty clusters relocated in this update."""
        return len(self.relocated)


@dataclass
class LloydResult:
    """What :func:`lloyd` returns.

    Attributes
    ----------
    centroids : ndarray of shape (n_clusters, n_features)
    labels : ndarray of shape (n_samples,)
        Assignment of every sample to its nearest final centroid.
    inertia : float
        J(labels, centroids).
    n_iter : int
        Number of assign/update iterations run.
    converged : bool
        True when the labels stopped changing or the centres moved less than
        the tolerance; False when ``max_iter`` stopped the run.
    history : list of LloydStep
        One entry per iteration, to replay and plot each step.
    init : ndarray of shape (n_clusters, n_features)
        The initial centres.
    """

    centroids: np.ndarray
    labels: np.ndarray
    inertia: float
    n_iter: int
    converged: bool
    history: list = field(repr=False)
    init: np.ndarray = field(repr=False)


def lloyd(X, init, max_iter=300, tol=1e-4, sample_weight=None):
    """Run Lloyd's algorithm from given initial centres.

    Each iteration assigns every sample to its nearest centre (E-step) and moves
    each centre to the mean of its samples (M-step); J never increases. The run
    stops when no label changes, when the centres move less than the tolerance,
    or after ``max_iter`` iterations. Semantics follow scikit-learn's
    ``KMeans(algorithm="lloyd")``, so the same ``init`` gives the same result.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    init : array-like of shape (n_clusters, n_features)
        Initial centres, e.g. from :func:`kmeans_plusplus` or :func:`random_init`.
    max_iter : int, default=300
    tol : float, default=1e-4
        Relative tolerance: the run stops when the squared centre shift summed
        over clusters is at most ``tol * mean(var(X, axis=0))``.
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    LloydResult

    Examples
    --------
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> result = lloyd(X, init=[[1, 1], [5, 5]])
    >>> result.centroids
    array([[1.33333333, 1.33333333],
           [5.33333333, 5.33333333]])
    >>> round(result.inertia, 6), result.n_iter, result.converged
    (2.666667, 2, True)
    """
    X = check_data(X)
    init = check_centroids(init, X.shape[1], X.dtype, name="init")
    n_clusters = init.shape[0]
    if n_clusters > X.shape[0]:
        raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={n_clusters} (rows of init).")
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = absolute_tolerance(X, check_non_negative_float(tol, "tol"))
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)

    # Centre the data: distances and means do not change, and rounding is smaller (as in scikit-learn).
    mean = X.mean(axis=0)
    X = X - mean
    centroids, labels, history, stop = init - mean, None, [], None
    for iteration in range(max_iter):
        new_labels = nearest_centroids(X, centroids)  # E-step
        new_centroids, relocated = mean_update(X, new_labels, n_clusters, weights, centroids)  # M-step
        n_changed = X.shape[0] if labels is None else int(np.count_nonzero(new_labels != labels))
        history.append(_step(X, weights, mean, centroids, new_labels, new_centroids, n_changed, relocated))
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids, labels = new_centroids, new_labels
        stop = stopping_rule(iteration, n_changed, shift, tol)
        if stop is not None:
            break
    if stop != "labels":  # the centres moved since the last assignment
        labels = nearest_centroids(X, centroids)
    inertia = within_cluster_sum(X, centroids, labels, weights)
    return LloydResult(centroids + mean, labels, inertia, len(history), stop is not None, history, init)


def _step(X, weights, mean, previous, labels, centroids, n_changed, relocated):
    """A :class:`LloydStep` (centres moved back by ``mean``), with J before and after the update."""
    averaged = labels.copy()
    averaged[relocated[:, 0]] = relocated[:, 1]
    return LloydStep(
        previous_centroids=previous + mean,
        labels=labels.astype(np.min_scalar_type(max(len(centroids) - 1, 0))),
        centroids=centroids + mean,
        inertia_before_update=within_cluster_sum(X, previous, labels, weights),
        inertia=within_cluster_sum(X, centroids, averaged, weights),
        n_changed=n_changed,
        relocated=relocated,
    )
