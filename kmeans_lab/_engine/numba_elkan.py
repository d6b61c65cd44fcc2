"""The compiled engine's Elkan: ``kmeans_lab.elkan.run_elkan`` with its per-sample work compiled.

What ``KMeans(algorithm="elkan")`` runs when the compiled engine is in use.
The per-sample work of an iteration is one compiled pass per slab of
samples (``numba_elkan_kernels.assign_with_bounds``): it moves the bounds by
how far the centres moved, takes Elkan's assignment step with the reference's
two rules, and adds the sums of the next update, on numba's threads or the
package's (``numba_threads.run_slabs``, as ``numba_engine`` runs its passes).
What costs O(n_clusters²) or decides a result is the reference's own code:

- the first assignment, from the reference's table of distances
  (``squared_distances``, row by row the same when computed slab by slab
  from the same origin);
- the distances between centres, the empty-cluster rule
  (``relocate_empty_clusters``), the means, the centre shifts and the
  stopping rule.

The bounds are moved lazily: after an update, the reference subtracts δ(c)
from every ``l(x, c)``; here the next pass subtracts it as it reads each
sample's row, which touches the (n_samples, n_clusters) array of bounds
once per iteration instead of twice. A centre relocated into an empty
cluster has its column of bounds reset at once, exactly as the reference
does, and is then not moved again.

Returns what the reference returns, the fraction of distances skipped in
each iteration included; the tests prove the two equal.
"""

import numpy as np

from ..distances import squared_distances
from ..lloyd import cluster_means, relocate_empty_clusters, stopping_rule
from . import numba_elkan_kernels as kernels
from .numba_engine import per_slab, slab_sum


def _between_centres(centroids):
    """½ d(c, c') with an infinite diagonal, and s(c), as ``kmeans_lab.elkan.assign_with_bounds`` has them."""
    half_between = 0.5 * np.sqrt(squared_distances(centroids, centroids).astype(np.float64))
    np.fill_diagonal(half_between, np.inf)
    return half_between, half_between.min(axis=1)


def _first_assignment(data, centroids, labels, upper, lower, sums, totals):
    """Every distance, so that every bound is exact: the reference's first table, slab by slab."""
    X, bounds = data.centred, data.slab_bounds
    origin = np.asarray(X, dtype=np.float64).mean(axis=0)  # the table's own default origin

    def first(s):
        rows = slice(bounds[s], bounds[s + 1])
        squared = squared_distances(X[rows], centroids, origin=origin)
        labels[rows] = squared.argmin(axis=1)
        lower[rows] = np.sqrt(squared.astype(np.float64))
        upper[rows] = np.take_along_axis(lower[rows], labels[rows, None], axis=1)[:, 0]
        kernels.sum_by_label(X, data.weights, labels, bounds[s], bounds[s + 1], sums[s], totals[s])

    data._slabs(first, None)


def run_elkan(data, centroids, max_iter, tol):
    """Elkan's algorithm on data prepared by ``numba_engine.prepare``, from centred ``centroids``.

    Parameters
    ----------
    data : numba_engine.CompiledData
    centroids : ndarray of shape (n_clusters, n_features)
        In the centred frame of the data, in its dtype.
    max_iter : int
    tol : float
        Absolute tolerance on the squared centre shift.

    Returns
    -------
    centroids, labels, inertia, n_iter, converged, skipped
        As ``kmeans_lab.elkan.run_elkan`` returns them (centroids in the centred frame).
    """
    with data.running():
        return _elkan_iterations(data, centroids, max_iter, tol)


def _elkan_iterations(data, centroids, max_iter, tol):
    X, n_samples, n_clusters = data.centred, data.n_samples, centroids.shape[0]
    bounds = data.slab_bounds
    n_slabs = len(bounds) - 1
    labels = np.empty(n_samples, dtype=np.intp)
    upper = np.empty(n_samples)  # u(x)
    lower = np.empty((n_samples, n_clusters))  # l(x, c)
    sums = per_slab(n_slabs, (n_clusters, data.n_features))
    totals = per_slab(n_slabs, (n_clusters,))
    counts = per_slab(n_slabs, (2,), dtype=np.intp)

    def assign(centroids, move, lower_move):
        half_between, half_nearest = _between_centres(centroids)
        centroids64 = np.ascontiguousarray(centroids, dtype=np.float64)

        def with_bounds(s):
            kernels.assign_with_bounds(
                X, data.weights, centroids64, half_between, half_nearest, move, lower_move,
                bounds[s], bounds[s + 1], labels, upper, lower, sums[s], totals[s], counts[s],
            )

        def all_with_bounds():
            kernels.assign_with_bounds_in_slabs(
                X, data.weights, centroids64, half_between, half_nearest, move, lower_move,
                bounds, labels, upper, lower, sums, totals, counts,
            )

        data._slabs(with_bounds, all_with_bounds)
        return slab_sum(counts, 2)

    move = lower_move = np.zeros(n_clusters)
    skipped, stop = [0.0], None
    _first_assignment(data, centroids, labels, upper, lower, sums, totals)
    for iteration in range(max_iter):
        if iteration > 0:
            n_computed, n_changed = assign(centroids, move, lower_move)
            skipped.append(1.0 - int(n_computed) / (n_samples * n_clusters))
        else:
            n_changed = n_samples
        new_sums = slab_sum(sums, n_clusters).astype(data.dtype)
        new_totals = slab_sum(totals, n_clusters).astype(data.dtype)
        relocated = relocate_empty_clusters(X, labels, data.sample_weight, new_sums, new_totals, centroids)
        new_centroids = cluster_means(new_sums, new_totals)
        move = np.sqrt(((new_centroids.astype(np.float64) - centroids) ** 2).sum(axis=1))  # δ(c)
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids = new_centroids
        lower_move = move
        if len(relocated):
            jumped = np.unique(relocated[:, 1])
            lower_move = move.copy()
            lower_move[jumped] = 0.0  # their column is exact already
            lower[:, jumped] = np.sqrt(squared_distances(X, centroids[jumped]).astype(np.float64))
        stop = stopping_rule(iteration, int(n_changed), shift, tol)
        if stop is not None:
            break
    if stop != "labels":  # the centres moved since the last assignment
        assign(centroids, move, lower_move)
    return centroids, labels, data.inertia(centroids, labels), len(skipped), stop is not None, skipped
