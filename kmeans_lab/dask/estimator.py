"""K-Means on a dask array: Lloyd's algorithm as one pass over the chunks per iteration.

Each iteration sends the centres to every chunk of rows; each chunk returns
its per-cluster weighted sums, weights and inertia (about n_clusters ×
n_features numbers), and these are added up in a tree. The client then applies
the reference layer's rules: :func:`kmeans_lab.lloyd.relocate_empty_clusters`
and :func:`kmeans_lab.lloyd.cluster_means` for the update,
:func:`kmeans_lab.lloyd.stopping_rule` to stop, and scikit-learn's tolerance
(``tol`` times the mean per-feature variance, as
:func:`kmeans_lab.lloyd.absolute_tolerance`). Like ``kl.KMeans``, the fit
works on data centred at its mean, so that from the same initial centres it
gives ``kl.KMeans``'s labels and centres (up to the order of additions).
"""

import numbers
import time
import warnings
from dataclasses import dataclass

import numpy as np

from .._base import BaseEstimator
from .._validation import (
    ConvergenceWarning,
    check_centroids,
    check_n_clusters,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
)
from ..lloyd import cluster_means, relocate_empty_clusters, stopping_rule
from . import _chunks, _init
from ._passes import ChunkedData
from ._validation import as_dask_data, as_dask_weights

__all__ = ["Iteration", "KMeans"]

_INIT_NAMES = ("k-means||", "k-means++", "random")


@dataclass(frozen=True)
class Iteration:
    """What ``progress`` is told after each Lloyd iteration.

    Attributes
    ----------
    iteration : int
        1 for the first iteration.
    inertia : float
        J of the assignment made in this iteration, to the centres it was made to.
    shift : float
        Squared centre shift summed over clusters.
    tol : float
        The absolute tolerance the shift is compared with.
    n_empty : int
        Clusters that received no sample (or only samples of weight 0).
    seconds : float
        Wall time of the iteration.
    """

    iteration: int
    inertia: float
    shift: float
    tol: float
    n_empty: int
    seconds: float

    def __str__(self):
        empty = f", {self.n_empty} empty cluster(s) relocated" if self.n_empty else ""
        return (
            f"iteration {self.iteration:3d}: J = {self.inertia:.6g}, shift = {self.shift:.3g} "
            f"(tol {self.tol:.3g}){empty}, {self.seconds:.2f} s"
        )


def _print_progress(step):
    print(step, flush=True)


class KMeans(BaseEstimator):
    """K-Means on a dask array, by Lloyd's algorithm, one pass over the chunks per iteration.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {'k-means||', 'k-means++', 'random'} or array-like of shape (n_clusters, n_features), \
default='k-means||'
        k-means‖ (Bahmani et al., 2012): a few passes over the data, then the
        package's weighted k-means++ on the candidates, on the client.
        'k-means++': greedy D² sampling, one pass over the data per centre
        (slow for large ``n_clusters``). 'random': ``n_clusters`` distinct
        rows, drawn ∝ sample weight. An array: these initial centres.
    max_iter : int, default=300
    tol : float, default=1e-4
        Relative tolerance: stop when the squared centre shift summed over
        clusters is at most ``tol`` times the mean per-feature variance of X.
    random_state : None, int or numpy.random.Generator, default=None
        The same int gives the same result, whatever the chunks' scheduling.
    oversampling_factor : float, default=2.0
        k-means‖ samples ℓ = ``oversampling_factor × n_clusters`` points per round.
    init_max_iter : int, default=5
        Rounds of k-means‖ (r in Bahmani et al., who find 5 enough; more are
        run while there are fewer candidates than clusters).
    progress : bool or callable, default=False
        True prints one line per iteration (with J); a callable is called
        with an :class:`Iteration` after each iteration.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : dask.array.Array of shape (n_samples,), dtype int32
        Lazy: each compute assigns X (recomputing it from its graph if it is
        not persisted) to ``cluster_centers_``.
    inertia_ : float
    n_iter_ : int
    n_features_in_ : int

    Notes
    -----
    Labels are not kept from one iteration to the next (only sums travel), so
    the run stops by the centre-shift rule alone: an iteration in which no
    label changes moves no centre (shift 0), so the fit stops where
    ``kl.KMeans`` stops. With several empty clusters in one iteration the same
    samples are moved as by ``kl.KMeans``, but which empty cluster takes which
    may differ. Every random draw depends only on ``random_state``, the pass
    and the chunk's number, so a chunk recomputed after a worker was lost
    gives the same result; if a chunk's tasks keep killing their workers,
    Dask's ``KilledWorker`` error stops the fit.
    """

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means||",
        max_iter=300,
        tol=1e-4,
        random_state=None,
        oversampling_factor=2.0,
        init_max_iter=5,
        progress=False,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.oversampling_factor = oversampling_factor
        self.init_max_iter = init_max_iter
        self.progress = progress

    def _validated_params(self, n_samples, n_features, dtype):
        n_clusters = check_n_clusters(self.n_clusters, n_samples)
        init = self.init
        if isinstance(init, str):
            if init not in _INIT_NAMES:
                names = ", ".join(repr(name) for name in _INIT_NAMES)
                raise ValueError(f"init must be {names} or an array of centres, got {init!r}.")
        else:
            init = check_centroids(init, n_features, dtype, name="init", n_clusters=n_clusters)
        max_iter = check_positive_int(self.max_iter, "max_iter")
        tol = check_non_negative_float(self.tol, "tol")
        factor = self.oversampling_factor
        if isinstance(factor, bool) or not isinstance(factor, numbers.Real) or not factor > 0:
            raise ValueError(f"oversampling_factor must be a number > 0, got {factor!r}.")
        rounds = check_positive_int(self.init_max_iter, "init_max_iter")
        if not (isinstance(self.progress, bool) or callable(self.progress)):
            raise TypeError(f"progress must be True, False or a callable, got {self.progress!r}.")
        return n_clusters, init, max_iter, tol, float(factor), rounds

    def fit(self, X, y=None, sample_weight=None):
        """Compute the clustering.

        Parameters
        ----------
        X : dask.array.Array or array-like of shape (n_samples, n_features)
            Chunked by rows (the features are put in one chunk if they are
            not). A NumPy array is cut into chunks of about 32 MB and persisted
            (on the cluster, if a ``distributed.Client`` is active).
        y : ignored
        sample_weight : dask.array.Array or array-like of shape (n_samples,), optional

        Returns
        -------
        self
        """
        X = as_dask_data(X)
        n_samples, n_features = X.shape
        n_clusters, init, max_iter, tol, factor, rounds = self._validated_params(
            n_samples, n_features, X.dtype
        )
        weights = as_dask_weights(sample_weight, X)
        rng = check_random_state(self.random_state)
        data = ChunkedData(X, weights)
        origin, tol, first_rows = _summarise(data, X, tol, n_clusters, rng)
        centroids = self._start_centres(data, origin, init, first_rows, n_clusters, rng, factor, rounds)
        report = {False: None, True: _print_progress}.get(self.progress, self.progress)
        centroids, n_iter = _lloyd(data, origin, centroids, max_iter, tol, report)
        inertia, cluster_weights = data.map_reduce(
            _chunks.final_pass, origin, centroids, combine=_chunks._add
        )
        self._fit_dtype = X.dtype
        self._origin = origin
        self.cluster_centers_ = centroids + origin
        self.inertia_ = float(inertia)
        self.n_iter_ = n_iter
        self.n_features_in_ = n_features
        self.labels_ = self.predict(X)
        found = int(np.count_nonzero(cluster_weights))
        if found < n_clusters:
            warnings.warn(
                f"Only {found} distinct cluster(s) found but n_clusters={n_clusters}: X has fewer distinct "
                "points than clusters, so some centres coincide.",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def _start_centres(self, data, origin, init, first_rows, n_clusters, rng, factor, rounds):
        if not isinstance(init, str):
            return (init - origin).astype(init.dtype)
        if init == "random":
            return first_rows
        if init == "k-means++":
            return _init.kmeans_plusplus(data, origin, first_rows[0], n_clusters, rng)
        return _init.kmeans_parallel(data, origin, first_rows[0], n_clusters, rng, factor, rounds)

    def _new_data(self, X):
        self._check_fitted("cluster_centers_")
        X = as_dask_data(X, dtype=self._fit_dtype, persist=False)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input."
            )
        return X

    def predict(self, X):
        """Index of the nearest centre of each sample, as a lazy dask array.

        Parameters
        ----------
        X : dask.array.Array or array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : dask.array.Array of shape (n_samples,), dtype int32
        """
        X = self._new_data(X)
        return X.map_blocks(
            _chunks.predict_block, self._origin, self.cluster_centers_, drop_axis=1, dtype=np.int32
        )

    def transform(self, X):
        """Euclidean distance of each sample to each centre, as a lazy dask array.

        Returns
        -------
        distances : dask.array.Array of shape (n_samples, n_clusters)
        """
        X = self._new_data(X)
        n_clusters = self.cluster_centers_.shape[0]
        return X.map_blocks(
            _chunks.distances_block,
            self._origin,
            self.cluster_centers_,
            chunks=(X.chunks[0], (n_clusters,)),
            dtype=X.dtype,
        )

    def fit_predict(self, X, y=None, sample_weight=None):
        """Fit, then return ``labels_`` (lazy)."""
        return self.fit(X, sample_weight=sample_weight).labels_


def _summarise(data, X, tol, n_clusters, rng):
    """One pass: check the values, the mean (the origin), the absolute tolerance, and rows for init."""
    n, total_weight, mean, m2, problems, keys, rows = data.map_reduce(
        _chunks.summary, n_clusters, int(rng.integers(2**63)), combine=_chunks.combine_summaries,
        index_args=("index",),
    )  # fmt: skip
    if problems[0]:
        raise ValueError(f"X contains {problems[0]} NaN or infinite value(s); remove or impute them first.")
    if problems[1]:
        raise ValueError(f"sample_weight contains {problems[1]} NaN or infinite value(s).")
    if problems[2]:
        raise ValueError(f"sample_weight must be >= 0, got {problems[2]} negative value(s).")
    if total_weight <= 0:
        raise ValueError("sample_weight must have at least one positive value; all are zero.")
    rows = rows[keys > -np.inf]
    if len(rows) < n_clusters:
        raise ValueError(
            f"sample_weight has {len(rows)} positive weights, fewer than n_clusters={n_clusters}: "
            "the starting centres are drawn among samples of positive weight."
        )
    origin = mean.astype(X.dtype)
    # absolute_tolerance's rule (tol × the mean per-feature variance of X), with the variance from the pass.
    tol = float(np.mean(m2 / n)) * tol if tol else 0.0
    return origin, tol, (rows - origin).astype(X.dtype)


def _lloyd(data, origin, centroids, max_iter, tol, report):
    """Lloyd iterations from centred ``centroids``; returns the final centres (centred) and n_iter."""
    dtype = centroids.dtype
    n_iter = 0
    for iteration in range(max_iter):
        started = time.perf_counter()
        sums, totals, inertia = data.map_reduce(_chunks.lloyd_step, origin, centroids, combine=_chunks._add)
        sums, totals = sums.astype(dtype), totals.astype(dtype)
        empty = np.flatnonzero(totals == 0)
        if empty.size:
            rows, labels, weights, _ = data.map_concatenate(
                _chunks.farthest_samples, origin, centroids, empty.size, index_args=("start",)
            )
            relocate_empty_clusters(rows, labels, weights if data.weighted else None, sums, totals, centroids)
        new_centroids = cluster_means(sums, totals)
        shift = float(((new_centroids - centroids) ** 2).sum())
        centroids = new_centroids
        n_iter = iteration + 1
        if report is not None:
            report(
                Iteration(n_iter, float(inertia), shift, tol, int(empty.size), time.perf_counter() - started)
            )
        # Labels are not kept between iterations: the shift rule alone (0 when no label changed).
        if stopping_rule(iteration, None, shift, tol) is not None:
            break
    return centroids, n_iter
