"""The compiled kernels of the numba engine: one pass over the data per call.

Layout. The centred data ``X`` are held sample by sample, C-contiguous, as
the matrix products of the blas way want them. The fused loop copies each
block of ``BLOCK`` samples feature by feature into a buffer of its own, so
that its innermost loops run over consecutive samples, which the compiler
turns into SIMD instructions without reordering any sum (``fastmath=False``).
There each squared distance is ``Σ_f (x_f − c_f)²`` by direct differences,
added feature by feature in float64 (also for float32 data): the rule by
which ``kmeans_lab.distances`` settles small distances, so the nearest centre
is the reference's wherever rounding does not decide it.

Threads and determinism. Each kernel works on one slab of samples
(``start:stop``) and releases the GIL. ``numba_slabs`` runs a kernel on every
slab in one parallel loop on numba's threads; where that is not safe, the
package's threads (``threads.run_in_threads``) share the slabs out between
them. The slabs depend on the shape of the problem only; each slab's sums go
into its own row of the caller's arrays, added in sample order, and the
caller adds the rows in slab order. No atomics: the result is the same, to
the bit, whatever the number of threads and whichever threads run it.

Each kernel is compiled for the dtypes it is called with (float64 and float32
data), on first use, and cached on disk (``cache=True``).
"""

import numpy as np
from numba import njit

#: Samples whose distances are worked out together (a block of them stays in the L1 cache).
BLOCK = 256

_FLAGS = {"cache": True, "fastmath": False, "error_model": "numpy", "boundscheck": False}


@njit(**_FLAGS)
def _transpose_block(X, start, stop, xb):
    """Samples start:stop of X, feature by feature, into ``xb`` (n_features, BLOCK)."""
    for i in range(stop - start):
        for f in range(X.shape[1]):
            xb[f, i] = X[start + i, f]


@njit(**_FLAGS)
def _distances_in_block(xb, m, centre, dist):
    """``dist[i] = Σ_f (xb[f, i] − centre[f])²`` for the first ``m`` samples of the block, in float64.

    The terms are added in the order of the features, four features per pass
    over the block (fewer loads and stores of ``dist`` than one per feature).
    """
    n_features = xb.shape[0]
    for i in range(m):
        dist[i] = 0.0
    f = 0
    while n_features - f >= 4:
        r0, r1, r2, r3 = xb[f], xb[f + 1], xb[f + 2], xb[f + 3]
        c0, c1, c2, c3 = centre[f], centre[f + 1], centre[f + 2], centre[f + 3]
        for i in range(m):
            d0, d1, d2, d3 = r0[i] - c0, r1[i] - c1, r2[i] - c2, r3[i] - c3
            dist[i] = (((dist[i] + d0 * d0) + d1 * d1) + d2 * d2) + d3 * d3
        f += 4
    if n_features - f == 3:
        r0, r1, r2 = xb[f], xb[f + 1], xb[f + 2]
        c0, c1, c2 = centre[f], centre[f + 1], centre[f + 2]
        for i in range(m):
            d0, d1, d2 = r0[i] - c0, r1[i] - c1, r2[i] - c2
            dist[i] = ((dist[i] + d0 * d0) + d1 * d1) + d2 * d2
    elif n_features - f == 2:
        r0, r1, c0, c1 = xb[f], xb[f + 1], centre[f], centre[f + 1]
        for i in range(m):
            d0, d1 = r0[i] - c0, r1[i] - c1
            dist[i] = (dist[i] + d0 * d0) + d1 * d1
    elif n_features - f == 1:
        r0, c0 = xb[f], centre[f]
        for i in range(m):
            d0 = r0[i] - c0
            dist[i] += d0 * d0


@njit(**_FLAGS)
def _nearest_in_block(xb, m, centroids, dist, best, nearest):
    """Nearest centre (the first of equal ones) and the squared distance to it, for a block."""
    for j in range(centroids.shape[0]):
        _distances_in_block(xb, m, centroids[j], dist)
        if j == 0:
            for i in range(m):
                best[i] = dist[i]
                nearest[i] = 0
        else:
            for i in range(m):
                better = dist[i] < best[i]
                best[i] = dist[i] if better else best[i]
                nearest[i] = j if better else nearest[i]


@njit(**_FLAGS)
def _accumulate(X, weights, start, m, nearest, labels, sums, totals):
    """Labels of samples start:start+m into ``labels``, added to ``sums`` and ``totals``.

    Returns how many of the labels changed.
    """
    changed = 0
    for i in range(m):
        g = start + i
        label = nearest[i]
        changed += labels[g] != label
        labels[g] = label
        w = weights[g]
        totals[label] += w
        for f in range(X.shape[1]):
            sums[label, f] += w * X[g, f]
    return changed


@njit(nogil=True, **_FLAGS)
def assign_and_sum(X, weights, centroids, start, stop, labels, sums, totals):
    """The E-step fused with the sums of the M-step, by direct differences, for samples start:stop.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The centred data.
    weights : ndarray of shape (n_samples,)
        Sample weights (ones for unit weights: ``1 · x`` is ``x`` exactly).
    centroids : ndarray of shape (n_clusters, n_features), float64
    start, stop : int
        The slab of samples to work on.
    labels : ndarray of shape (n_samples,), intp
        The previous labels in, the new ones out.
    sums : ndarray of shape (n_clusters, n_features), float64
        Out: the slab's weighted sums of its samples per cluster.
    totals : ndarray of shape (n_clusters,), float64
        Out: the slab's weight per cluster.

    Returns
    -------
    changed : int
        How many labels of the slab changed.
    """
    xb = np.empty((X.shape[1], BLOCK), dtype=X.dtype)
    dist = np.empty(BLOCK)
    best = np.empty(BLOCK)
    nearest = np.empty(BLOCK, dtype=np.intp)
    sums[:] = 0.0
    totals[:] = 0.0
    changed = 0
    for first in range(start, stop, BLOCK):
        last = min(first + BLOCK, stop)
        _transpose_block(X, first, last, xb)
        _nearest_in_block(xb, last - first, centroids, dist, best, nearest)
        changed += _accumulate(X, weights, first, last - first, nearest, labels, sums, totals)
    return changed


@njit(nogil=True, **_FLAGS)
def argmin_and_sum(products, sq_norms, X, weights, start, labels, sums, totals):
    """The argmin-and-sums half of the E-step, for a block of ``products`` made by BLAS.

    ``products[j, i]`` is −2 c_j·x for sample ``start + i``, so the nearest centre
    is the argmin over j of ``products[j, i] + sq_norms[j]`` (‖x‖² is the same for
    every centre; the first of equal values wins). Runs on the calling thread
    without the GIL; adds to ``sums`` (n_clusters, n_features) and ``totals``
    (n_clusters,) and returns how many labels changed.
    """
    n_clusters, m = products.shape
    best = products[0] + sq_norms[0]
    nearest = np.zeros(m, dtype=np.intp)
    for j in range(1, n_clusters):
        row, norm = products[j], sq_norms[j]
        for i in range(m):
            value = row[i] + norm
            better = value < best[i]
            best[i] = value if better else best[i]
            nearest[i] = j if better else nearest[i]
    return _accumulate(X, weights, start, m, nearest, labels, sums, totals)


@njit(nogil=True, **_FLAGS)
def argmin_rows_and_sum(products, sq_norms, X, weights, start, labels, sums, totals):
    """:func:`argmin_and_sum` for products laid out sample by sample: ``products[i, j]`` is −2 x·c_j.

    For few centres, where a product with the samples as rows is the faster
    one and a row of ``n_clusters`` values is short.
    """
    m, n_clusters = products.shape
    nearest = np.empty(m, dtype=np.intp)
    for i in range(m):
        row = products[i]
        best, arg = row[0] + sq_norms[0], 0
        for j in range(1, n_clusters):
            value = row[j] + sq_norms[j]
            if value < best:
                best, arg = value, j
        nearest[i] = arg
    return _accumulate(X, weights, start, m, nearest, labels, sums, totals)


@njit(nogil=True, **_FLAGS)
def assigned_inertia(X, weights, centroids, labels, start, stop):
    """Σ w · ‖x − c_label‖² over samples start:stop, by direct differences in float64."""
    total = 0.0
    for g in range(start, stop):
        label = labels[g]
        dist = 0.0
        for f in range(X.shape[1]):
            diff = X[g, f] - centroids[label, f]
            dist += diff * diff
        total += weights[g] * dist
    return total


@njit(nogil=True, **_FLAGS)
def candidate_potentials(X, weights, candidates, closest, start, stop, out, potentials):
    """The k-means++ step for samples start:stop: distances to each candidate, capped by ``closest``.

    ``out[r, i] = min(closest[i], ‖x_i − candidates[r]‖²)`` (float64), and
    ``potentials[r]`` receives Σ w · out[r, i] over the slab.
    """
    n_candidates = candidates.shape[0]
    xb = np.empty((X.shape[1], BLOCK), dtype=X.dtype)
    dist = np.empty(BLOCK)
    potentials[:] = 0.0
    for first in range(start, stop, BLOCK):
        last = min(first + BLOCK, stop)
        m = last - first
        _transpose_block(X, first, last, xb)
        for r in range(n_candidates):
            _distances_in_block(xb, m, candidates[r], dist)
            total = 0.0
            for i in range(m):
                value = min(dist[i], closest[first + i])
                out[r, first + i] = value
                total += weights[first + i] * value
            potentials[r] += total
