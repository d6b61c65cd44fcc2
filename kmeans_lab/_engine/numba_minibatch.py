"""The compiled engine's mini-batch step: ``kmeans_lab.minibatch.minibatch_step`` in two compiled passes.

What ``MiniBatchKMeans`` runs at each step when the compiled engine is in
use. One pass finds each batch sample's nearest centre, the other adds the
batch to per-centre sums and moves each centre by its learning rate.

- **Nearest centres**, the two ways of ``numba_engine`` (chosen by the same
  rule, :func:`numba_engine.uses_blas`): by direct differences in float64
  in low dimensions (``numba_kernels``' blocks, no table of distances), or
  from a matrix product −2 c·x (NumPy's BLAS) on the batch moved to its mean,
  with a compiled argmin, from about a dozen features on.
- **The update**, as the reference writes it: Σ w and Σ w·x per centre added
  in float64 in the order of the batch (as ``np.bincount`` and ``np.add.at``
  add them), the new count ``n + Σ w``, and each centre that received weight
  moved by ``rate · (batch mean − centre)`` with ``rate = Σ w / new count``.
  So from the same labels the centres and counts are the reference's to the
  bit; the batch inertia is taken by direct differences (the reference reads
  it off its table of distances), equal to rounding.

A batch (1024 samples by default) is too small to be worth sharing out
between threads: the step runs on the calling thread.
"""

import numpy as np
from numba import njit

from .numba_engine import uses_blas
from .numba_kernels import BLOCK, _nearest_in_block, _transpose_block

_FLAGS = {"cache": True, "fastmath": False, "error_model": "numpy", "boundscheck": False}


@njit(nogil=True, **_FLAGS)
def nearest_by_differences(X, centroids, labels):
    """``labels[i]``: the nearest centre (float64) to ``X[i]``, by direct differences; ties: the first."""
    xb = np.empty((X.shape[1], BLOCK), dtype=X.dtype)
    dist = np.empty(BLOCK)
    best = np.empty(BLOCK)
    nearest = np.empty(BLOCK, dtype=np.intp)
    for first in range(0, X.shape[0], BLOCK):
        last = min(first + BLOCK, X.shape[0])
        _transpose_block(X, first, last, xb)
        _nearest_in_block(xb, last - first, centroids, dist, best, nearest)
        labels[first:last] = nearest[: last - first]


@njit(nogil=True, **_FLAGS)
def nearest_by_products(products, sq_norms, labels):
    """``labels[i]``: argmin over j of ``products[i, j] + sq_norms[j]`` (−2 x·c_j + ‖c_j‖²; ties: first)."""
    for i in range(products.shape[0]):
        best, arg = products[i, 0] + sq_norms[0], 0
        for j in range(1, products.shape[1]):
            value = products[i, j] + sq_norms[j]
            if value < best:
                best, arg = value, j
        labels[i] = arg


@njit(nogil=True, **_FLAGS)
def learning_rate_update(X, weights, centres, counts, labels, new_centres, new_counts):
    """Move each centre towards the mean of the batch samples it received; returns the batch inertia.

    Parameters
    ----------
    X : ndarray of shape (batch_size, n_features)
    weights : ndarray of shape (batch_size,), float64
    centres : ndarray of shape (n_clusters, n_features), float64
    counts : ndarray of shape (n_clusters,), float64
        Weight received by each centre before this batch.
    labels : ndarray of shape (batch_size,), intp
    new_centres : ndarray of shape (n_clusters, n_features), float64
        Out.
    new_counts : ndarray of shape (n_clusters,), float64
        Out: ``counts`` plus the batch's weight per centre.

    Returns
    -------
    inertia : float
        Σ w·‖x − c_label‖² over the batch, to the centres before the move.
    """
    n_clusters, n_features = centres.shape
    batch_weight = np.zeros(n_clusters)
    batch_sum = np.zeros((n_clusters, n_features))
    inertia = 0.0
    for i in range(X.shape[0]):
        label, w = labels[i], weights[i]
        batch_weight[label] += w
        dist = 0.0
        for f in range(n_features):
            x = np.float64(X[i, f])
            batch_sum[label, f] += x * w
            diff = x - centres[label, f]
            dist += diff * diff
        inertia += w * dist
    for c in range(n_clusters):
        new_counts[c] = counts[c] + batch_weight[c]
        if batch_weight[c] > 0:
            rate = batch_weight[c] / new_counts[c]  # the per-centre learning rate
            for f in range(n_features):
                mean = batch_sum[c, f] / batch_weight[c]
                new_centres[c, f] = centres[c, f] + rate * (mean - centres[c, f])
        else:
            new_centres[c] = centres[c]
    return inertia


def minibatch_step(X_batch, centres, counts, sample_weight=None):
    """One step of mini-batch K-Means; parameters and returns as ``kmeans_lab.minibatch.minibatch_step``."""
    X = np.ascontiguousarray(X_batch)
    n_clusters = centres.shape[0]
    weights = np.ones(X.shape[0]) if sample_weight is None else sample_weight.astype(np.float64)
    centres64 = np.ascontiguousarray(centres, dtype=np.float64)
    labels = np.empty(X.shape[0], dtype=np.intp)
    if uses_blas(X.shape[1], n_clusters):
        mean = X.mean(axis=0)  # the batch and centres moved to the batch mean, as squared_distances does
        minus_twice = np.ascontiguousarray((-2.0 * (centres - mean)).T, dtype=X.dtype)
        sq_norms = ((centres64 - mean) ** 2).sum(axis=1)
        nearest_by_products(np.subtract(X, mean, dtype=X.dtype) @ minus_twice, sq_norms, labels)
    else:
        nearest_by_differences(X, centres64, labels)
    new_centres = np.empty_like(centres64)
    new_counts = np.empty(n_clusters)
    counts64 = np.ascontiguousarray(counts, dtype=np.float64)
    inertia = learning_rate_update(X, weights, centres64, counts64, labels, new_centres, new_counts)
    return new_centres.astype(centres.dtype), new_counts.astype(counts.dtype), labels, float(inertia)
