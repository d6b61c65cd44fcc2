"""The KMeans estimator: validate, choose initial centres, run Lloyd's algorithm, keep plain arrays.

``fit`` runs the engine (``kmeans_lab._engine``), which the tests prove equal
to the reference functions :func:`kmeans_lab.lloyd` and
:func:`kmeans_lab.kmeans_plusplus`. A fitted model holds only its parameters
and plain arrays; ``predict``, ``transform`` and ``score`` use
``cluster_centers_`` as it is.
"""

import numbers
import warnings

import numpy as np

from . import _engine
from ._base import BaseEstimator
from ._engine.threads import single_threaded_blas
from ._validation import (
    ConvergenceWarning,
    check_centroids,
    check_data,
    check_init,
    check_n_clusters,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
    check_sample_weight,
)
from .distances import squared_distances
from .init import random_indices
from .init_parallel import parallel_indices
from .lloyd import absolute_tolerance
from .objective import within_cluster_sum

__all__ = ["KMeans"]

_INIT_NAMES = ("k-means++", "random", "k-means||")
_ALGORITHMS = ("lloyd", "elkan")


def start_centres(data, init, n_clusters, rng):
    """Initial centres in the centred frame of ``data`` (prepared by the engine).

    ``init`` is 'k-means++', 'random' or centres checked by
    :func:`kmeans_lab._validation.check_init`; a name draws from ``rng``, and
    so does the user's callable, which check_init wraps.
    """
    if callable(init):
        return data.centre(init(rng))
    if isinstance(init, str) and init == "k-means++":
        return data.centred[_engine.plusplus_indices(data, n_clusters, rng)]
    if isinstance(init, str) and init == "k-means||":
        return data.centred[parallel_indices(data.centred, n_clusters, rng, sample_weight=data.sample_weight)]
    if isinstance(init, str):
        return data.centred[random_indices(n_clusters, rng, data.n_samples, data.sample_weight)]
    return data.centre(init)


class KMeans(BaseEstimator):
    """K-Means clustering by Lloyd's algorithm.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters K.
    init : {'k-means++', 'random', 'k-means||'}, callable or array-like of shape (n_clusters, n_features), \
default='k-means++'
        How to choose the initial centres: greedy k-means++, distinct rows
        drawn uniformly, k-means‖ (:func:`kmeans_lab.kmeans_parallel_init`),
        the given centres, or ``init(X, n_clusters, rng)`` called with the
        ``numpy.random.Generator`` of the run.
    n_init : 'auto' or int, default='auto'
        Number of runs from different initial centres; the run with the
        lowest inertia is kept. 'auto' means 1 for 'k-means++' or an array and
        10 for 'random'.
    max_iter : int, default=300
        Maximum number of iterations of one run.
    tol : float, default=1e-4
        Relative tolerance on the centre shift (see :func:`kmeans_lab.lloyd`).
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the initialisation; the same int gives bit-identical results.
    algorithm : {'lloyd', 'elkan'}, default='lloyd'
        'elkan' skips distances by the triangle inequality
        (:func:`kmeans_lab.elkan`) and gives the same result; it keeps an
        (n_samples, n_clusters) table of bounds, and pays off with many
        clusters in many dimensions.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,), dtype int32
    inertia_ : float
        Sum of squared distances of samples to their centre (weighted).
    n_iter_ : int
        Iterations of the kept run.
    n_features_in_ : int
    skipped_fraction_ : ndarray of shape (``n_iter_``,)
        Only with ``algorithm='elkan'``: for each iteration of the kept run,
        the fraction of the n_samples × n_clusters distances that the bounds
        let it skip (0 for the first, which computes them all).

    Notes
    -----
    To replay the iterations of a fit, run :func:`kmeans_lab.lloyd` from the
    same initial centres: it keeps one :class:`kmeans_lab.LloydStep` per
    iteration, and gives the same result.

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> km = kl.KMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(km.labels_.tolist())
    [0, 0, 0, 1, 1, 1]
    >>> round(km.inertia_, 6)
    2.666667
    """

    def __init__(
        self, n_clusters=8, *, init="k-means++", n_init="auto", max_iter=300, tol=1e-4, random_state=None,
        algorithm="lloyd",
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.algorithm = algorithm

    def _validated_params(self, X):
        n_clusters = check_n_clusters(self.n_clusters, X.shape[0])
        init = check_init(self.init, _INIT_NAMES, X, n_clusters, allow_callable=True)
        if isinstance(self.n_init, str) and self.n_init == "auto":
            n_init = 10 if callable(init) or (isinstance(init, str) and init == "random") else 1
        elif isinstance(self.n_init, numbers.Integral) and not isinstance(self.n_init, bool):
            n_init = check_positive_int(self.n_init, "n_init")
        else:
            raise TypeError(f"n_init must be 'auto' or an integer >= 1, got {self.n_init!r}.")
        if not isinstance(init, str) and not callable(init) and n_init != 1:
            warnings.warn(
                f"init is an array of centres, so n_init={n_init} runs would all be the same; running once.",
                RuntimeWarning,
                stacklevel=3,
            )
            n_init = 1
        max_iter = check_positive_int(self.max_iter, "max_iter")
        tol = check_non_negative_float(self.tol, "tol")
        rng = check_random_state(self.random_state)
        if not isinstance(self.algorithm, str) or self.algorithm not in _ALGORITHMS:
            raise ValueError(f"algorithm must be 'lloyd' or 'elkan', got {self.algorithm!r}.")
        return n_clusters, init, n_init, max_iter, tol, rng

    def fit(self, X, y=None, sample_weight=None):
        """Compute the clustering.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
        sample_weight : array-like of shape (n_samples,), optional
            A weight w counts like the sample repeated w times.

        Returns
        -------
        self
        """
        X = check_data(X)
        n_clusters, init, n_init, max_iter, tol, rng = self._validated_params(X)
        weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
        data = _engine.prepare(X, weights)
        tol = absolute_tolerance(X, tol)
        best = None
        # BLAS on one thread for the whole fit, as scikit-learn does: the engine runs its own threads.
        with single_threaded_blas():
            for _ in range(n_init):
                start = start_centres(data, init, n_clusters, rng)
                if self.algorithm == "elkan":
                    run = _engine.run_elkan(data, start, max_iter, tol)
                else:
                    run = (*_engine.run_lloyd(data, start, max_iter, tol), None)
                if best is None or (run[2] < best[2] and not _same_partition(run[1], best[1])):
                    best = run
        centroids, labels, inertia, n_iter, _, skipped = best
        if skipped is None:
            self.__dict__.pop("skipped_fraction_", None)
        else:
            self.skipped_fraction_ = np.asarray(skipped, dtype=np.float64)
        self._fit_dtype = X.dtype
        self.cluster_centers_ = data.uncentre(centroids)
        self.labels_ = labels.astype(np.int32)  # as scikit-learn stores them: half the memory of intp
        self.inertia_ = inertia
        self.n_iter_ = n_iter
        self.n_features_in_ = X.shape[1]
        _warn_if_too_few_clusters(X, labels, n_clusters)
        return self

    def fit_predict(self, X, y=None, sample_weight=None):
        """Fit, then return ``labels_``."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def predict(self, X):
        """Index of the nearest centre for each sample of X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of shape (n_samples,), dtype int32
        """
        X, centres = self._data_and_centres(X)
        return _engine.nearest_centroids(X, centres).astype(np.int32)

    def _data_and_centres(self, X):
        self._check_fitted("cluster_centers_")
        X = self._check_new_data(X)
        centres = check_centroids(self.cluster_centers_, X.shape[1], X.dtype, name="cluster_centers_")
        return X, centres

    def transform(self, X):
        """Euclidean distance from each sample to each centre.

        Returns
        -------
        distances : ndarray of shape (n_samples, n_clusters)
        """
        X, centres = self._data_and_centres(X)
        return np.sqrt(squared_distances(X, centres))

    def fit_transform(self, X, y=None, sample_weight=None):
        """Fit, then return the distances of X to the centres."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None):
        """Opposite of the inertia of X with the fitted centres (higher is better)."""
        X, centres = self._data_and_centres(X)
        weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
        return -within_cluster_sum(X, centres, _engine.nearest_centroids(X, centres), weights)


def _same_partition(labels_a, labels_b):
    """True when two labelings are the same partition up to renaming the clusters."""
    pairs = np.unique(np.stack([labels_a, labels_b]), axis=1)
    return pairs.shape[1] == np.unique(labels_a).size == np.unique(labels_b).size


def _warn_if_too_few_clusters(X, labels, n_clusters):
    found = np.unique(labels).size
    if found < n_clusters:
        n_distinct = np.unique(X, axis=0).shape[0]
        warnings.warn(
            f"Only {found} distinct cluster{'s' if found != 1 else ''} found but n_clusters={n_clusters}: "
            f"X has {n_distinct} distinct points for {n_clusters} clusters, so some centres coincide.",
            ConvergenceWarning,
            stacklevel=3,
        )
