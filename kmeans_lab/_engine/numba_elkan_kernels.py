"""The compiled kernels of Elkan's algorithm: one pass over a slab of samples per call.

They do what ``kmeans_lab.elkan.assign_with_bounds`` and the bound updates of
``kmeans_lab.elkan.run_elkan`` do, sample by sample instead of by arrays of
(sample, centre) pairs, and take the same decisions: the two skip rules
compare the same bounds, a sample's exact distance to its own centre is
taken once (the bound ``u(x)`` is not tightened while its centres are
looked at), and among its own centre and the centres measured the nearest
wins, ties to the lowest index. Distances are by direct differences in
float64, added feature by feature in four running sums (as scikit-learn's
Elkan adds them; the reference adds them through NumPy's ``einsum``, so
the two agree to rounding).

As in ``numba_kernels``, each kernel works on samples ``start:stop``,
releases the GIL and writes the slab's own rows of ``labels``, ``upper``
and ``lower`` and its own sums, so that the result does not depend on the
number of threads. :func:`assign_with_bounds_in_slabs` runs every slab in
one parallel loop on numba's threads (see ``numba_slabs``).
"""

import numpy as np
from numba import njit, prange

_FLAGS = {"cache": True, "fastmath": False, "error_model": "numpy", "boundscheck": False}


@njit(**_FLAGS)
def _distance(X, g, centroids, c):
    """‖X[g] − centroids[c]‖ in float64, by direct differences (``centroids`` in float64)."""
    n_features = X.shape[1]
    s0 = s1 = s2 = s3 = 0.0
    f = 0
    while n_features - f >= 4:
        d0 = X[g, f] - centroids[c, f]
        d1 = X[g, f + 1] - centroids[c, f + 1]
        d2 = X[g, f + 2] - centroids[c, f + 2]
        d3 = X[g, f + 3] - centroids[c, f + 3]
        s0 += d0 * d0
        s1 += d1 * d1
        s2 += d2 * d2
        s3 += d3 * d3
        f += 4
    while f < n_features:
        d0 = X[g, f] - centroids[c, f]
        s0 += d0 * d0
        f += 1
    return np.sqrt((s0 + s1) + (s2 + s3))


@njit(**_FLAGS)
def _add_to_sums(X, weights, g, label, sums, totals):
    w = weights[g]
    totals[label] += w
    for f in range(X.shape[1]):
        sums[label, f] += w * X[g, f]


@njit(nogil=True, **_FLAGS)
def sum_by_label(X, weights, labels, start, stop, sums, totals):
    """The slab's weighted sums of its samples per cluster into ``sums`` and ``totals`` (float64)."""
    sums[:] = 0.0
    totals[:] = 0.0
    for g in range(start, stop):
        _add_to_sums(X, weights, g, labels[g], sums, totals)


@njit(nogil=True, **_FLAGS)
def assign_with_bounds(
    X, weights, centroids, half_between, half_nearest, move, lower_move, start, stop,
    labels, upper, lower, sums, totals, counts,
):
    """Move the bounds, then Elkan's assignment step, then the clusters' sums, for samples start:stop.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The centred data.
    weights : ndarray of shape (n_samples,)
    centroids : ndarray of shape (n_clusters, n_features), float64
        The centres, already moved.
    half_between : ndarray of shape (n_clusters, n_clusters), float64
        ½ d(c, c'), infinite on the diagonal.
    half_nearest : ndarray of shape (n_clusters,), float64
        s(c), the smallest of each row of ``half_between``.
    move : ndarray of shape (n_clusters,), float64
        δ(c), how far each centre moved since the bounds were last valid: ``upper`` grows by it.
    lower_move : ndarray of shape (n_clusters,), float64
        What each column of ``lower`` shrinks by: δ(c), or 0 for a column already reset exactly.
    start, stop : int
    labels : ndarray of shape (n_samples,), intp
        a(x) in, the new labels out.
    upper : ndarray of shape (n_samples,), float64
        u(x) for the centres before they moved, in; for the centres given, out.
    lower : ndarray of shape (n_samples, n_clusters), float64
        l(x, c) likewise; the distances computed replace their bounds.
    sums : ndarray of shape (n_clusters, n_features), float64
        Out: the slab's weighted sums of its samples per cluster, with the new labels.
    totals : ndarray of shape (n_clusters,), float64
        Out: the slab's weight per cluster.
    counts : ndarray of shape (2,), intp
        Out: the distances computed and the labels changed in the slab.
    """
    n_clusters = centroids.shape[0]
    sums[:] = 0.0
    totals[:] = 0.0
    n_computed = 0
    n_changed = 0
    for g in range(start, stop):
        own = labels[g]
        for c in range(n_clusters):  # l(x, c) − δ(c) ≤ d(x, new c), and never below 0
            lower[g, c] = max(lower[g, c] - lower_move[c], 0.0)
        bound = upper[g] + move[own]  # u(x) + δ(a(x)) ≥ d(x, new c_a(x))
        label = own
        if bound > half_nearest[own]:  # rule 1 fails: make u(x) exact, then rule 2 for each centre
            bound = _distance(X, g, centroids, own)
            lower[g, own] = bound
            n_computed += 1
            best = np.inf
            for c in range(n_clusters):
                if c == own:
                    value = bound
                elif bound > max(lower[g, c], half_between[own, c]):
                    value = _distance(X, g, centroids, c)
                    lower[g, c] = value
                    n_computed += 1
                else:
                    continue
                if value < best:  # the first of equal distances wins
                    best, label = value, c
            if label != own:
                bound = best
                labels[g] = label
                n_changed += 1
        upper[g] = bound
        _add_to_sums(X, weights, g, label, sums, totals)
    counts[0] = n_computed
    counts[1] = n_changed


@njit(nogil=True, parallel=True, **_FLAGS)
def assign_with_bounds_in_slabs(
    X, weights, centroids, half_between, half_nearest, move, lower_move, bounds,
    labels, upper, lower, sums, totals, counts,
):
    """:func:`assign_with_bounds` on every slab s, into ``sums[s]``, ``totals[s]`` and ``counts[s]``."""
    for s in prange(len(bounds) - 1):
        assign_with_bounds(
            X, weights, centroids, half_between, half_nearest, move, lower_move, bounds[s], bounds[s + 1],
            labels, upper, lower, sums[s], totals[s], counts[s],
        )
