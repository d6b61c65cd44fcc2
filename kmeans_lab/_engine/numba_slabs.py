"""Every slab of a pass in one call, shared out between numba's threads.

Each function here runs one kernel of ``numba_kernels`` on every slab of
samples (``bounds[s]:bounds[s + 1]``) in a ``prange`` loop, each slab writing
its own row of the outputs, exactly as the package's thread pool would call
the kernel slab by slab: the results are the same to the bit, whatever the
number of threads. One call from Python per pass instead of one per slab (or,
on the blas way, per block of samples), and numba's OpenMP or TBB threads,
which wait for the next parallel loop spinning rather than asleep, start on
it within microseconds; a hand-over to a sleeping Python thread takes tens of
them. :mod:`numba_threads` decides when these may be used.

The blas way calls the BLAS through numba's ``np.dot`` (SciPy's BLAS, held to
one thread like NumPy's during a fit). Each slab's scratch block is allocated
by :func:`products_in_slab`, which each thread calls for itself, so that no
two threads ever share one; the package's pool calls it slab by slab.
"""

import numpy as np
from numba import njit, prange

from .numba_kernels import (
    _FLAGS,
    argmin_and_sum,
    argmin_rows_and_sum,
    assign_and_sum,
    assigned_inertia,
    candidate_potentials,
)

_PARALLEL = dict(_FLAGS, parallel=True, nogil=True)


@njit(**_PARALLEL)
def assign_fused(X, weights, centroids, bounds, labels, sums, totals, changed):
    """:func:`numba_kernels.assign_and_sum` on every slab, into ``sums[s]``, ``totals[s]``, ``changed[s]``."""
    for s in prange(len(bounds) - 1):
        changed[s] = assign_and_sum(
            X, weights, centroids, bounds[s], bounds[s + 1], labels, sums[s], totals[s]
        )


@njit(nogil=True, **_FLAGS)
def products_in_slab(X, weights, minus_twice, sq_norms, by_sample, rows, start, stop, labels, sums, totals):
    """The blas way's E-step for samples start:stop, block by block of ``rows`` samples.

    ``minus_twice`` is −2 C, laid out (n_features, n_clusters) when ``by_sample``
    (products X_block · (−2 C)ᵀ, sample by sample) and (n_clusters, n_features)
    otherwise (products (−2 C) · X_blockᵀ, centre by centre). Returns how many
    labels changed.
    """
    n_clusters = sq_norms.shape[0]
    products = np.empty(n_clusters * rows, dtype=X.dtype)
    sums[:] = 0.0
    totals[:] = 0.0
    changed = 0
    for first in range(start, stop, rows):
        last = min(first + rows, stop)
        m = last - first
        samples = X[first:last]
        if by_sample:
            block = products[: n_clusters * m].reshape((m, n_clusters))
            np.dot(samples, minus_twice, block)
            changed += argmin_rows_and_sum(block, sq_norms, X, weights, first, labels, sums, totals)
        else:
            block = products[: n_clusters * m].reshape((n_clusters, m))
            np.dot(minus_twice, samples.T, block)
            changed += argmin_and_sum(block, sq_norms, X, weights, first, labels, sums, totals)
    return changed


@njit(**_PARALLEL)
def assign_by_products(X, weights, minus_twice, sq_norms, by_sample, rows, bounds, labels, sums, totals,
                       changed):
    """:func:`products_in_slab` on every slab; outputs per slab as in :func:`assign_fused`."""
    for s in prange(len(bounds) - 1):
        changed[s] = products_in_slab(
            X, weights, minus_twice, sq_norms, by_sample, rows, bounds[s], bounds[s + 1],
            labels, sums[s], totals[s],
        )


@njit(**_PARALLEL)
def inertia(X, weights, centroids, labels, bounds, parts):
    """:func:`numba_kernels.assigned_inertia` of every slab into ``parts[s]``."""
    for s in prange(len(bounds) - 1):
        parts[s] = assigned_inertia(X, weights, centroids, labels, bounds[s], bounds[s + 1])


@njit(**_PARALLEL)
def potentials(X, weights, candidates, closest, bounds, out, partial):
    """:func:`numba_kernels.candidate_potentials` on every slab; slab s's sums into ``partial[s]``."""
    for s in prange(len(bounds) - 1):
        candidate_potentials(X, weights, candidates, closest, bounds[s], bounds[s + 1], out, partial[s])
