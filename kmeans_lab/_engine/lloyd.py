"""Lloyd's algorithm on prepared data: the loop of ``kmeans_lab.lloyd``, made fast.

The labels come from the chunked, threaded assignment of ``PreparedData``; the
cluster sums are corrected for the samples that changed cluster instead of
being recomputed (``RunningClusterSums``); buffers are reused. Empty clusters,
the tolerance and the stopping rule are the reference's own functions.
"""

import numpy as np

from ..lloyd import stopping_rule
from .running_sums import RunningClusterSums


def run_lloyd(data, centroids, max_iter, tol):
    """Lloyd iterations on prepared data, from centred ``centroids``.

    Parameters
    ----------
    data : PreparedData
    centroids : ndarray of shape (n_clusters, n_features)
        Initial centres in the centred frame of ``data``.
    max_iter : int
    tol : float
        Absolute tolerance on the squared centre shift (see ``kmeans_lab.lloyd.absolute_tolerance``).

    Returns
    -------
    centroids : ndarray of shape (n_clusters, n_features)
        In the centred frame.
    labels : ndarray of shape (n_samples,)
    inertia : float
    n_iter : int
    converged : bool
    """
    n_clusters = centroids.shape[0]
    sums_of = RunningClusterSums(data, n_clusters)
    stop = None
    # Two label buffers, swapped every iteration: this one's labels and the last one's.
    labels, spare = (np.empty(data.n_samples, dtype=np.intp) for _ in range(2))
    previous = None
    n_iter = 0
    for iteration in range(max_iter):
        watcher = sums_of.watch(labels, previous)
        labels, _ = data.nearest(centroids, with_distances=False, out=labels, on_rows=watcher)
        sums, weights, n_changed = sums_of(labels, previous)
        new_centroids, _ = data.update(
            labels, n_clusters, old_centroids=centroids, sums=sums, weights=weights
        )
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids = new_centroids
        n_iter = iteration + 1
        stop = stopping_rule(iteration, n_changed, shift, tol)
        if stop is not None:
            break
        previous, labels = labels, (spare if previous is None else previous)
    if stop != "labels":
        labels, _ = data.nearest(centroids, with_distances=False, out=labels)
    inertia = data.weighted_total(data.exact_sq_dist(centroids, labels))
    return centroids, labels, inertia, n_iter, stop is not None
