"""The compiled engine: Lloyd's algorithm and k-means++ on kernels compiled by numba.

Imported on first use only (importing numba takes a few tenths of a second).
The per-iteration work is compiled (``numba_kernels``); everything that
decides a result is the reference's own code: ``relocate_empty_clusters``,
``cluster_means`` and ``stopping_rule`` from ``kmeans_lab.lloyd``.

Two ways to the nearest centres, chosen by shape (:func:`uses_blas`):

- **fused**: one compiled pass computes each squared distance by direct
  differences, takes the nearest centre and adds the sample to its cluster's
  sums, with no table of distances at all. Best in low dimensions, where a
  matrix product does little work per element it writes.
- **blas**: a matrix product (the BLAS, held to one thread) gives −2 c·x
  for a block of samples, and a compiled pass takes the argmin and adds the
  sums. The block of products is laid out sample by sample for few centres
  (the faster product there), centre by centre for many (so that the argmin
  runs over consecutive samples, in SIMD). Best from about 5 features on,
  where a blocked matrix product does more arithmetic per cycle than a direct
  loop (benchmarks/README.md).

Threads: the samples are cut into slabs, fixed by their number, each with
sums of its own, added in slab order, so that the result is the same to the
bit whatever the threads. Where numba has a thread-safe threading layer
(OpenMP or TBB, :mod:`numba_threads`), one call runs every slab on numba's
threads (``numba_slabs``, :func:`threads.n_threads` of them, with the BLAS
held to one thread): they wait for work spinning, so a pass starts on both
cores within microseconds, as scikit-learn's OpenMP loops do. Elsewhere, the
package's threads (``threads.run_in_threads``) share the slabs out, calling
the kernels slab by slab; the kernels release the GIL.
"""

import threading
from contextlib import contextmanager

import numpy as np

from ..lloyd import cluster_means, relocate_empty_clusters, stopping_rule
from . import numba_kernels as kernels
from . import numba_slabs, numba_threads

#: Rows per slab, at least, but for the two slabs of 4096 to 8191 samples (see :func:`slab_bounds`).
_MIN_SLAB_ROWS = 4096

#: Slabs at most: each holds its own (n_clusters, n_features) sums.
_MAX_SLABS = 64

#: Elements of one block of products on the blas way (about 512 kB in float64, a core's L2 cache).
_PRODUCT_BLOCK = 2**16

#: Elements of the block of samples one product reads: 64 kB in float64, 256 kB from 64 centres on.
_SAMPLE_BLOCK = 2**13
_SAMPLE_BLOCK_MANY_CENTRES = 2**15


def products_by_sample(n_features, n_clusters):
    """Whether the block of products is laid out sample by sample (X @ C.T) rather than centre by centre.

    Chosen by shape as measured (benchmarks/README.md): sample by sample from
    8 to 31 centres, below 8 in fewer than 32 features, and from 32 to 63
    centres in 32 features or more.
    """
    if n_clusters < 8:
        return n_features < 32
    return n_clusters < 32 or (n_clusters < 64 and n_features >= 32)


#: From this many features on, the blas way is taken (the crossover measured: benchmarks/README.md).
_BLAS_FROM_FEATURES = 5

#: Elements of float64 padding between slabs' partial sums: 128 bytes, two cache lines.
_CACHE_LINE_PADDING = 16

#: Tests set this to "fused" or "blas" to force one way whatever the shape.
_forced_path = None


def uses_blas(n_features, n_clusters):
    """Whether the nearest centres come from a matrix product (True) or the fused loop (False)."""
    if _forced_path is not None:
        return _forced_path == "blas"
    return n_features >= _BLAS_FROM_FEATURES


def per_slab(n_slabs, shape, dtype=np.float64):
    """Zeroed arrays of ``shape``, one per slab, each on cache lines of its own.

    Threads working on neighbouring slabs write to their own slab's sums for
    every sample; packed side by side, small sums (a few centres in a few
    dimensions) would share cache lines, which the cores would then pass back
    and forth on every write. So each slab's array has spare rows at its end
    (at least two cache lines), which the kernels never write to: they only
    index the clusters they know. The whole is C-contiguous, so that the
    parallel kernels see each slab's array as contiguous (numba would compile
    a strided, slower loop for a view that leaves the spare rows out).

    Returns
    -------
    ndarray of shape (n_slabs, shape[0] + spare, *shape[1:])
        C-contiguous; add the slabs' arrays up with :func:`slab_sum`. For
        ``shape == ()``, an array of shape (n_slabs,) of one element per slab.
    """
    if shape == ():
        return np.zeros((n_slabs, _CACHE_LINE_PADDING), dtype=dtype)[:, 0]
    row = int(np.prod(shape[1:], dtype=np.intp))
    spare = -(-_CACHE_LINE_PADDING // row)
    return np.zeros((n_slabs, shape[0] + spare, *shape[1:]), dtype=dtype)


def slab_sum(arrays, length):
    """The slabs' :func:`per_slab` arrays added up in slab order, without their spare rows."""
    return arrays[:, :length].sum(axis=0)


def slab_bounds(n_samples):
    """Bounds of the slabs the samples are cut into: from the number of samples only, never the threads.

    At least two slabs from :data:`_MIN_SLAB_ROWS` samples on, so that two threads share the work.
    """
    n_slabs = max(1, min(_MAX_SLABS, n_samples // _MIN_SLAB_ROWS))
    if n_samples >= _MIN_SLAB_ROWS:
        n_slabs = max(n_slabs, 2)
    return np.linspace(0, n_samples, n_slabs + 1).astype(np.intp)


class CompiledData:
    """Data laid out once for the compiled kernels: centred, C-contiguous.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated floating data; it is copied, never modified.
    sample_weight : ndarray of shape (n_samples,) or None
        None means unit weights.
    origin : ndarray of shape (n_features,) or None
        The point the data are centred on; None means their mean (a chunk of
        a larger data set passes the whole set's).
    """

    def __init__(self, X, sample_weight=None, origin=None):
        self.dtype = X.dtype
        self.n_samples, self.n_features = X.shape
        self.mean = X.mean(axis=0) if origin is None else np.asarray(origin, dtype=X.dtype)
        self.centred = np.subtract(X, self.mean, dtype=X.dtype)
        self.sample_weight = sample_weight
        self.weights = np.ones(self.n_samples, dtype=X.dtype) if sample_weight is None else sample_weight
        self.slab_bounds = slab_bounds(self.n_samples)
        self._run = threading.local()  # what running() has set up, on the thread that runs

    @contextmanager
    def running(self):
        """For a whole run of passes: the BLAS held and the threads chosen once, not at every pass."""
        if getattr(self._run, "threads", None) is not None:
            yield
            return
        with numba_threads.slab_threads(len(self.slab_bounds) - 1) as threads:
            self._run.threads, self._run.scratch = threads, {}
            try:
                yield
            finally:
                self._run.threads = self._run.scratch = None

    def _per_slab(self, name, shape, dtype=np.float64):
        """:func:`per_slab` arrays, kept from pass to pass while :meth:`running` (kernels overwrite them)."""
        n_slabs = len(self.slab_bounds) - 1
        scratch = getattr(self._run, "scratch", None)
        if scratch is None:
            return per_slab(n_slabs, shape, dtype)
        key = (name, shape, np.dtype(dtype))
        if key not in scratch:
            scratch[key] = per_slab(n_slabs, shape, dtype)
        return scratch[key]

    def centre(self, centroids):
        """Move centroids into the centred frame of the data."""
        return np.ascontiguousarray(centroids - self.mean, dtype=self.dtype)

    def uncentre(self, centroids):
        """Move centroids back from the centred frame of the data."""
        return centroids + self.mean

    def _slabs(self, task, all_slabs):
        """Call ``task(s)`` for every slab s, or ``all_slabs()`` once: see :func:`numba_threads.run_slabs`."""
        threads = getattr(self._run, "threads", None)
        numba_threads.run_slabs(len(self.slab_bounds) - 1, task, all_slabs, threads)

    def assign(self, centroids, labels):
        """Nearest centres into ``labels`` (the previous ones on entry) and the clusters' sums.

        Returns
        -------
        sums : ndarray of shape (n_clusters, n_features), float64
        totals : ndarray of shape (n_clusters,), float64
        n_changed : int
        """
        n_clusters = centroids.shape[0]
        sums = self._per_slab("sums", (n_clusters, self.n_features))
        totals = self._per_slab("totals", (n_clusters,))
        changed = self._per_slab("changed", (), dtype=np.intp)
        bounds = self.slab_bounds
        if uses_blas(self.n_features, n_clusters):
            self._assign_by_products(centroids, labels, sums, totals, changed)
        else:
            centroids64 = np.ascontiguousarray(centroids, dtype=np.float64)

            def fused(s):
                changed[s] = kernels.assign_and_sum(
                    self.centred, self.weights, centroids64, bounds[s], bounds[s + 1],
                    labels, sums[s], totals[s],
                )

            def all_fused():
                numba_slabs.assign_fused(
                    self.centred, self.weights, centroids64, bounds, labels, sums, totals, changed
                )

            self._slabs(fused, all_fused)
        return slab_sum(sums, n_clusters), slab_sum(totals, n_clusters), int(changed.sum())

    def _assign_by_products(self, centroids, labels, sums, totals, changed):
        n_clusters = centroids.shape[0]
        by_sample = products_by_sample(self.n_features, n_clusters)
        minus_twice = np.ascontiguousarray(-2.0 * centroids, dtype=self.dtype)
        if by_sample:
            minus_twice = np.ascontiguousarray(minus_twice.T)
        sq_norms = (centroids.astype(np.float64) ** 2).sum(axis=1)
        sample_block = _SAMPLE_BLOCK if n_clusters < 64 else _SAMPLE_BLOCK_MANY_CENTRES
        rows = max(64, min(4096, sample_block // self.n_features, _PRODUCT_BLOCK // n_clusters))
        bounds = self.slab_bounds

        def by_products(s):
            changed[s] = numba_slabs.products_in_slab(
                self.centred, self.weights, minus_twice, sq_norms, by_sample, rows, bounds[s], bounds[s + 1],
                labels, sums[s], totals[s],
            )

        def all_by_products():
            numba_slabs.assign_by_products(
                self.centred, self.weights, minus_twice, sq_norms, by_sample, rows, bounds,
                labels, sums, totals, changed,
            )

        self._slabs(by_products, all_by_products)

    def inertia(self, centroids, labels):
        """Σ w · ‖x − c_label‖², by direct differences in float64."""
        parts = np.empty(len(self.slab_bounds) - 1)
        centroids64 = np.ascontiguousarray(centroids, dtype=np.float64)
        bounds = self.slab_bounds

        def inertia_of(s):
            parts[s] = kernels.assigned_inertia(
                self.centred, self.weights, centroids64, labels, bounds[s], bounds[s + 1]
            )

        def all_inertias():
            numba_slabs.inertia(self.centred, self.weights, centroids64, labels, bounds, parts)

        self._slabs(inertia_of, all_inertias)
        return float(parts.sum())

    def candidate_potentials(self, rows, closest, out):
        """k-means++: ``out[r] = min(closest, ‖x − x_rows[r]‖²)`` and Σ w · out[r] for each r (float64)."""
        candidates = np.ascontiguousarray(self.centred[rows], dtype=np.float64)
        partial = np.empty((len(self.slab_bounds) - 1, len(rows)))
        bounds = self.slab_bounds

        def potentials_of(s):
            kernels.candidate_potentials(
                self.centred, self.weights, candidates, closest, bounds[s], bounds[s + 1], out, partial[s]
            )

        def all_potentials():
            numba_slabs.potentials(self.centred, self.weights, candidates, closest, bounds, out, partial)

        self._slabs(potentials_of, all_potentials)
        return partial.sum(axis=0)


def prepare(X, sample_weight=None, origin=None):
    """X (validated, float) laid out for the compiled kernels; see :class:`CompiledData`."""
    return CompiledData(X, sample_weight, origin)


def run_lloyd(data, centroids, max_iter, tol):
    """Lloyd iterations on prepared data, from centred ``centroids``.

    Parameters and returned values are those of ``kmeans_lab._engine.lloyd.run_lloyd``:
    ``(centroids, labels, inertia, n_iter, converged)``, centroids in the centred frame.
    """
    with data.running():
        return _lloyd_iterations(data, centroids, max_iter, tol)


def _lloyd_iterations(data, centroids, max_iter, tol):
    labels = np.full(data.n_samples, -1, dtype=np.intp)  # so every label counts as changed at first
    stop, n_iter = None, 0
    for iteration in range(max_iter):
        sums, totals, n_changed = data.assign(centroids, labels)
        sums, totals = sums.astype(data.dtype), totals.astype(data.dtype)
        relocate_empty_clusters(data.centred, labels, data.sample_weight, sums, totals, centroids)
        new_centroids = cluster_means(sums, totals)
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids = new_centroids
        n_iter = iteration + 1
        stop = stopping_rule(iteration, n_changed, shift, tol)
        if stop is not None:
            break
    if stop != "labels":
        data.assign(centroids, labels)
    return centroids, labels, data.inertia(centroids, labels), n_iter, stop is not None


def plusplus_indices(data, n_clusters, rng, n_local_trials=None):
    """k-means++ on prepared data: the draws of ``kmeans_lab.init.plusplus_indices``."""
    with data.running():
        return _plusplus_draws(data, n_clusters, rng, n_local_trials)


def _plusplus_draws(data, n_clusters, rng, n_local_trials):
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    n_samples, weights = data.n_samples, data.sample_weight
    indices = np.empty(n_clusters, dtype=np.intp)
    if weights is None:
        indices[0] = rng.integers(n_samples)
    else:
        p = weights.astype(np.float64)
        indices[0] = rng.choice(n_samples, p=p / p.sum())
    first = np.empty((1, n_samples))
    potential = data.candidate_potentials(indices[:1], np.full(n_samples, np.inf), first)[0]
    closest = first[0]
    cumulative = np.empty(n_samples)
    candidate_dist = np.empty((n_local_trials, n_samples))
    for c in range(1, n_clusters):
        targets = rng.uniform(size=n_local_trials) * potential
        np.cumsum(closest if weights is None else closest * weights, out=cumulative)
        candidates = np.searchsorted(cumulative, targets)
        np.clip(candidates, None, n_samples - 1, out=candidates)
        potentials = data.candidate_potentials(candidates, closest, candidate_dist)
        best = int(np.argmin(potentials))
        potential = potentials[best]
        np.copyto(closest, candidate_dist[best])
        indices[c] = candidates[best]
    return indices


def nearest_centroids(X, centroids):
    """Index of each sample's nearest centroid, shape (n_samples,)."""
    data = CompiledData(X)
    labels = np.empty(X.shape[0], dtype=np.intp)
    data.assign(data.centre(centroids), labels)
    return labels
