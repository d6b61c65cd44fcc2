"""The compiled engine's fuzzy c-means: ``kmeans_lab.fuzzy.iteration`` with its pass over the data compiled.

What ``FuzzyCMeans`` runs (``fit`` and ``predict_proba``) when the compiled
engine is in use. One compiled pass per slab of samples does, sample by
sample, all that ``fcm_pass`` does chunk by chunk: the squared distances to
the centres, the memberships by the reference's overflow-free formula
(``u_ij = r_ij / Σ_l r_il`` with ``r_ij = (d_i,min / d_ij)^{1/(m−1)}``; a
sample on a centre gets membership 1 there, split equally between
coinciding centres), the objective, the change of the memberships and the
sums Σ u^m [x, 1] of the next centres, with no table of distances.

The distances are by direct differences in float64 (the reference takes
them from the product form, in the data's dtype), and the memberships are
worked out in float64 before they are stored in the data's dtype; the
powers u^m are taken of the stored memberships, as the reference takes them.
So the results equal the reference's up to rounding (the tests prove it).
The slabs are shared out between numba's threads or the package's, as in
``numba_engine``, each with its own partial sums, added in slab order: the
same result whatever the number of threads. The loop and the centres' rule
are the reference's (``_centers_from_sums``, the stopping rule of ``run_fcm``).
"""

import numpy as np
from numba import njit, prange

from ..fuzzy import iteration
from .numba_engine import per_slab, slab_bounds, slab_sum
from .numba_threads import run_slabs

_FLAGS = {"cache": True, "fastmath": False, "error_model": "numpy", "boundscheck": False}


@njit(nogil=True, **_FLAGS)
def fcm_slab(X, centers, m, start, stop, membership, previous, use_previous, want_sums, sums, totals):
    """One fuzzy c-means pass over samples start:stop of the centred data ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centers : ndarray of shape (n_clusters, n_features), float64, centred like X
    m : float
    start, stop : int
    membership : ndarray of shape (n_samples, n_clusters)
        Out: the slab's rows of the memberships.
    previous : ndarray of shape (n_samples, n_clusters)
        The previous memberships, read only when ``use_previous``.
    use_previous, want_sums : bool
    sums : ndarray of shape (n_clusters, n_features + 1), float64
        Out when ``want_sums``: Σ u^m x over the slab, and Σ u^m in the last column.
    totals : ndarray of shape (2,), float64
        Out: the slab's objective and Σ (u − previous)².
    """
    n_clusters, n_features = centers.shape
    exponent = 1.0 / (m - 1.0)
    dist = np.empty(n_clusters)
    ratio = np.empty(n_clusters)
    if want_sums:
        sums[:] = 0.0
    objective = 0.0
    change = 0.0
    for i in range(start, stop):
        nearest = np.inf
        for j in range(n_clusters):
            d = 0.0
            for f in range(n_features):
                diff = X[i, f] - centers[j, f]
                d += diff * diff
            dist[j] = d
            nearest = min(nearest, d)
        total = 0.0
        if nearest == 0.0:  # on a centre: membership 1 there, split between coinciding centres
            for j in range(n_clusters):
                ratio[j] = 1.0 if dist[j] == 0.0 else 0.0
                total += ratio[j]
        else:
            for j in range(n_clusters):
                r = nearest / dist[j]
                ratio[j] = r if exponent == 1.0 else r**exponent
                total += ratio[j]
            objective += nearest * total ** (1.0 - m)
        for j in range(n_clusters):
            membership[i, j] = ratio[j] / total
            u = membership[i, j]
            if use_previous:
                diff = u - previous[i, j]
                change += np.float64(diff) * np.float64(diff)
            if want_sums:
                w = u * u if m == 2.0 else u**m
                for f in range(n_features):
                    sums[j, f] += np.float64(w * X[i, f])
                sums[j, n_features] += np.float64(w)
    totals[0] = objective
    totals[1] = change


@njit(nogil=True, parallel=True, **_FLAGS)
def fcm_slabs(X, centers, m, bounds, membership, previous, use_previous, want_sums, sums, totals):
    """:func:`fcm_slab` on every slab s, into ``sums[s]`` and ``totals[s]``, on numba's threads."""
    for s in prange(len(bounds) - 1):
        fcm_slab(
            X, centers, m, bounds[s], bounds[s + 1], membership, previous, use_previous, want_sums,
            sums[s], totals[s],
        )


def fcm_pass(Xc, centers, m, membership_out, previous=None, want_sums=True):
    """``kmeans_lab.fuzzy.iteration.fcm_pass``, compiled: ``(objective, change, sums)``."""
    Xc = np.ascontiguousarray(Xc)
    n_samples, n_features = Xc.shape
    n_clusters = centers.shape[0]
    bounds = slab_bounds(n_samples)
    n_slabs = len(bounds) - 1
    sums = per_slab(n_slabs, (n_clusters, n_features + 1))
    totals = per_slab(n_slabs, (2,))
    centers64 = np.ascontiguousarray(centers, dtype=np.float64)
    use_previous = previous is not None
    previous = membership_out if previous is None else previous

    def one(s):
        fcm_slab(
            Xc, centers64, float(m), bounds[s], bounds[s + 1], membership_out, previous,
            use_previous, want_sums, sums[s], totals[s],
        )

    def every():
        fcm_slabs(
            Xc, centers64, float(m), bounds, membership_out, previous, use_previous, want_sums, sums, totals
        )

    run_slabs(n_slabs, one, every)
    objective, change = slab_sum(totals, 2)
    sums = slab_sum(sums, n_clusters) if want_sums else None
    return float(objective), float(change) if use_previous else None, sums


def run_fcm(Xc, origin, centers, m, max_iter, tol):
    """``kmeans_lab.fuzzy.iteration.run_fcm`` on the compiled pass; the same returns."""
    return iteration.run_fcm(Xc, origin, centers, m, max_iter, tol, pass_=fcm_pass)
