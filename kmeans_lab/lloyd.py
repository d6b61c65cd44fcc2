"""Lloyd's algorithm: alternate the assignment (E) and update (M) steps."""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ._engine.threads import single_threaded_blas
from ._kernels import PreparedData, RunningClusterSums
from ._validation import (
    check_centroids,
    check_data,
    check_labels,
    check_non_negative_float,
    check_positive_int,
    check_sample_weight,
)

__all__ = ["assign", "update_centroids", "lloyd", "LloydResult", "LloydStep"]


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
    data = PreparedData(X)
    labels, _ = data.nearest(data.centre(centroids), with_distances=False)
    return labels


def update_centroids(X, labels, n_clusters, sample_weight=None, *, centroids=None):
    """The update (M) step: each centroid moves to the (weighted) mean of its samples.

    Empty-cluster policy: a cluster that received no sample (or only samples of
    zero weight) is moved onto the sample farthest from its own centre, and that
    sample leaves its old cluster — the policy of scikit-learn. Distances are
    measured to ``centroids`` (the centres the labels were assigned to) when
    given, else to the new means. If every sample coincides with its centre
    (fewer distinct points than clusters) the empty cluster goes to the centre
    of the heaviest cluster. The result never holds NaN.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    labels : array-like of shape (n_samples,)
        Integers in ``[0, n_clusters)``.
    n_clusters : int
    sample_weight : array-like of shape (n_samples,), optional
    centroids : array-like of shape (n_clusters, n_features), optional
        The centres before the update, used only to relocate empty clusters.

    Returns
    -------
    centroids : ndarray of shape (n_clusters, n_features)

    Examples
    --------
    >>> update_centroids([[1, 1], [1, 2], [2, 1], [5, 5]], [0, 0, 0, 1], 2)
    array([[1.33333333, 1.33333333],
           [5.        , 5.        ]])
    """
    X = check_data(X)
    n_clusters = check_positive_int(n_clusters, "n_clusters")
    labels = check_labels(labels, X.shape[0], n_clusters)
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    data = PreparedData(X, weights)
    old = None
    if centroids is not None:
        old = data.centre(check_centroids(centroids, X.shape[1], X.dtype, n_clusters=n_clusters))
    new, _, _ = data.update(labels, n_clusters, old_centroids=old)
    return data.uncentre(new)


class LloydStep:
    """One iteration of Lloyd's algorithm: assign, then update.

    The labels and both objective values are computed when first read (and
    then kept), so a long fit stores only the centres of each iteration.

    Attributes
    ----------
    previous_centroids : ndarray of shape (n_clusters, n_features)
        The centres the samples were assigned to.
    labels : ndarray of shape (n_samples,)
        The assignment to ``previous_centroids``.
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
    n_relocated : int
        Empty clusters relocated in this update.
    relocated : list of (int, int)
        ``(sample index, cluster)`` for each sample moved into an empty cluster.
    """

    def __init__(self, data, centred_previous, centred_new, n_changed, relocated):
        self._data = data
        self._centred_previous = centred_previous
        self._centred_new = centred_new
        self.previous_centroids = data.uncentre(centred_previous)
        self.centroids = data.uncentre(centred_new)
        self.n_changed = n_changed
        self.relocated = relocated
        self.n_relocated = len(relocated)

    @cached_property
    def labels(self):
        # Recomputed with the same deterministic kernel as during the fit.
        return self._data.nearest(self._centred_previous, with_distances=False)[0]

    @cached_property
    def inertia_before_update(self):
        return self._data.weighted_total(self._data.exact_sq_dist(self._centred_previous, self.labels))

    @cached_property
    def inertia(self):
        labels = self.labels
        if self.relocated:
            labels = labels.copy()
            for index, cluster in self.relocated:
                labels[index] = cluster
        return self._data.weighted_total(self._data.exact_sq_dist(self._centred_new, labels))

    def __repr__(self):
        return (
            f"LloydStep(inertia_before_update={self.inertia_before_update:.6g}, "
            f"inertia={self.inertia:.6g}, n_changed={self.n_changed})"
        )


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


def absolute_tolerance(X, tol):
    """scikit-learn's convention: ``tol`` times the mean per-feature variance of X."""
    if tol == 0:
        return 0.0
    return float(np.mean(np.var(X, axis=0))) * tol


def run_lloyd(data, centroids, max_iter, tol):
    """Lloyd iterations on prepared data, from centred ``centroids``.

    ``tol`` is absolute: the run stops when the squared centre shift summed over
    clusters is ``<= tol``, or at once when no label changed (strict
    convergence), as in scikit-learn. OpenBLAS is held to one thread for the
    whole run, as scikit-learn does during a fit.
    """
    with single_threaded_blas():
        return _run_lloyd(data, centroids, max_iter, tol)


def _run_lloyd(data, centroids, max_iter, tol):
    n_clusters = centroids.shape[0]
    history = []
    sums_of = RunningClusterSums(data, n_clusters)
    strict = converged = False
    # Two label buffers, swapped every iteration: this one's labels and the last one's.
    labels, spare = (np.empty(data.n_samples, dtype=np.intp) for _ in range(2))
    previous = None
    for iteration in range(max_iter):
        watcher = sums_of.watch(labels, previous)
        labels, _ = data.nearest(centroids, with_distances=False, out=labels, on_rows=watcher)
        sums, weights, n_changed = sums_of(labels, previous)
        new_centroids, _, relocated = data.update(
            labels, n_clusters, old_centroids=centroids, sums=sums, weights=weights
        )
        shift = float(((new_centroids - centroids) ** 2).sum())
        history.append(LloydStep(data, centroids, new_centroids, n_changed, relocated))
        centroids = new_centroids
        if iteration > 0 and n_changed == 0:
            strict = converged = True
            break
        if shift <= tol:
            converged = True
            break
        previous, labels = labels, (spare if previous is None else previous)
    if not strict:
        labels, _ = data.nearest(centroids, with_distances=False, out=labels)
    inertia = data.weighted_total(data.exact_sq_dist(centroids, labels))
    return centroids, labels, inertia, len(history), converged, history


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
    if init.shape[0] > X.shape[0]:
        raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={init.shape[0]} (rows of init).")
    max_iter = check_positive_int(max_iter, "max_iter")
    tol = check_non_negative_float(tol, "tol")
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    data = PreparedData(X, weights)
    centroids, labels, inertia, n_iter, converged, history = run_lloyd(
        data, data.centre(init), max_iter, absolute_tolerance(X, tol)
    )
    return LloydResult(data.uncentre(centroids), labels, inertia, n_iter, converged, history, init)
