"""K-Medoids: PAM (BUILD + SWAP), the alternating method and FasterPAM.

A medoid is a sample of the data set whose total dissimilarity to the other
members of its cluster is smallest. k-medoids chooses k medoids that minimise

.. math:: L = \\sum_i \\min_j d(x_i, m_j),

a sum of plain (not squared) dissimilarities. Only the matrix of pairwise
dissimilarities is needed, so any dissimilarity works, even when no mean
exists.

The step generators (:func:`pam_build_steps`, :func:`pam_swap_steps`,
:func:`alternate_steps`, :func:`fasterpam_steps`) yield the state after every
step, for teaching; :class:`KMedoids` runs them to the end.
"""

import warnings

import numpy as np

from . import _pam
from ._base import BaseEstimator
from ._dissimilarity import (
    check_dissimilarities_to_train,
    check_dissimilarity_matrix,
    check_metric,
    edit_distances,
    pairwise_dissimilarities,
)
from ._pam import MedoidStep
from ._validation import (
    ConvergenceWarning,
    check_data,
    check_n_clusters,
    check_positive_int,
    check_random_state,
)

__all__ = [
    "KMedoids",
    "MedoidStep",
    "alternate_steps",
    "assign_to_medoids",
    "check_dissimilarity_matrix",
    "edit_distances",
    "fasterpam_steps",
    "pairwise_dissimilarities",
    "pam_build",
    "pam_build_steps",
    "pam_swap_steps",
    "swap_costs",
]

_METHODS = ("pam", "alternate", "fasterpam")
_INIT_NAMES = ("build", "k-medoids++", "random")
_STEPS = {"pam": _pam.pam_swap_steps, "alternate": _pam.alternate_steps, "fasterpam": _pam.fasterpam_steps}


def check_medoid_indices(medoids, n_samples, n_clusters=None, name="medoids"):
    """Validate distinct integer sample indices; returns a new intp array."""
    if isinstance(medoids, (str, bytes)):
        raise TypeError(f"{name} must be an array of sample indices, got the string {medoids!r}.")
    array = np.asarray(medoids)
    if array.dtype.kind == "b" or array.dtype.kind not in "iu":
        raise TypeError(
            f"{name} must be an array of integer sample indices, got dtype {array.dtype}"
            + (" (a boolean mask? use np.flatnonzero(mask))." if array.dtype.kind == "b" else ".")
        )
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of sample indices, got shape {array.shape}.")
    if n_clusters is not None and array.size != n_clusters:
        raise ValueError(
            f"{name} has {array.size} ind{'ices' if array.size > 1 else 'ex'} but n_clusters={n_clusters}; "
            "give one index per cluster."
        )
    if array.min() < 0 or array.max() >= n_samples:
        bad = array[(array < 0) | (array >= n_samples)][0]
        raise ValueError(f"{name} must be indices in [0, {n_samples}), got {bad}.")
    if np.unique(array).size != array.size:
        values, counts = np.unique(array, return_counts=True)
        duplicate = values[counts > 1][0]
        raise ValueError(f"{name} must be distinct, but index {duplicate} appears more than once.")
    return array.astype(np.intp)


def _check_max_iter(max_iter):
    return check_positive_int(max_iter, "max_iter")


def assign_to_medoids(D, medoids):
    """Nearest medoid of every sample, and the loss.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
        Dissimilarity matrix (see :func:`check_dissimilarity_matrix`).
    medoids : array-like of int, shape (n_clusters,)
        Distinct sample indices.

    Returns
    -------
    labels : ndarray of shape (n_samples,)
        Position (0..n_clusters-1) of the nearest medoid; a medoid is always
        in its own cluster.
    loss : float
        :math:`\\sum_i D[i, m_{labels_i}]`.

    Examples
    --------
    >>> D = pairwise_dissimilarities([[0.0], [1.0], [5.0], [7.0]])
    >>> labels, loss = assign_to_medoids(D, [1, 2])
    >>> labels.tolist(), loss
    ([0, 0, 1, 1], 3.0)
    """
    D = check_dissimilarity_matrix(D)
    medoids = check_medoid_indices(medoids, D.shape[0])
    return _pam.assign(D, medoids)


def pam_build_steps(D, n_clusters):
    """BUILD, one medoid at a time (Kaufman & Rousseeuw 1990).

    The first medoid is the sample with the smallest total dissimilarity to
    all others (the medoid of the whole data set); each next one is the
    sample that lowers the loss most, given the medoids chosen so far.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    n_clusters : int

    Yields
    ------
    MedoidStep
        After each added medoid: ``medoids`` has length 1, 2, ..., n_clusters.
    """
    D = check_dissimilarity_matrix(D)
    n_clusters = check_n_clusters(n_clusters, D.shape[0])
    return _pam.build_steps(D, n_clusters)


def pam_build(D, n_clusters):
    """Medoids chosen by BUILD.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    n_clusters : int

    Returns
    -------
    medoids : ndarray of shape (n_clusters,)
        Sample indices, in the order BUILD added them.

    Examples
    --------
    >>> D = pairwise_dissimilarities([[0.0], [1.0], [2.0], [10.0], [11.0]])
    >>> pam_build(D, 1).tolist(), pam_build(D, 2).tolist()
    ([2], [2, 3])
    """
    D = check_dissimilarity_matrix(D)
    n_clusters = check_n_clusters(n_clusters, D.shape[0])
    return _pam.build(D, n_clusters)


def swap_costs(D, medoids):
    """Change of the loss for every possible swap.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    medoids : array-like of int, shape (n_clusters,)

    Returns
    -------
    costs : ndarray of shape (n_samples, n_clusters)
        ``costs[c, j]`` is the loss after replacing medoid ``medoids[j]`` by
        sample ``c``, minus the loss now (negative = better). Rows of samples
        that already are medoids are ``+inf``. PAM performs the swap with the
        smallest entry while it is negative.
    """
    D = check_dissimilarity_matrix(D)
    medoids = check_medoid_indices(medoids, D.shape[0])
    return _pam.all_swap_deltas(D, medoids)


def _steps(method, D, medoids, max_iter):
    D = check_dissimilarity_matrix(D)
    medoids = check_medoid_indices(medoids, D.shape[0])
    if medoids.size > D.shape[0]:
        raise ValueError(f"n_samples={D.shape[0]} should be >= n_clusters={medoids.size}.")
    return _STEPS[method](D, medoids, _check_max_iter(max_iter))


def pam_swap_steps(D, medoids, *, max_iter=300):
    """SWAP of PAM: perform the best swap of a medoid and a non-medoid while it lowers the loss.

    Each iteration evaluates all k·(n − k) swaps and performs the best one;
    the run stops when none lowers the loss (a local optimum for single
    swaps).

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    medoids : array-like of int, shape (n_clusters,)
        Starting medoids (e.g. from :func:`pam_build`); not modified.
    max_iter : int, default=300

    Yields
    ------
    MedoidStep
        After each swap. The generator's return value (``StopIteration.value``)
        is the number of iterations, counting the last one that found no
        improving swap.
    """
    return _steps("pam", D, medoids, max_iter)


def alternate_steps(D, medoids, *, max_iter=300):
    """The alternating (Voronoi-iteration) method, like Lloyd's algorithm for k-means.

    Assign every sample to its nearest medoid; replace each medoid by the
    member of its cluster with the smallest total dissimilarity to the other
    members (the current medoid is kept on ties); repeat until no medoid
    moves (Park & Jun 2009 describe it with a particular start). It is fast
    but can stop at a worse loss than PAM, because a medoid only moves within
    its current cluster.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    medoids : array-like of int, shape (n_clusters,)
    max_iter : int, default=300

    Yields
    ------
    MedoidStep
        After each update (``removed``/``added`` list every medoid that moved).
        Returns the number of iterations, counting the last one in which
        nothing moved.
    """
    return _steps("alternate", D, medoids, max_iter)


def fasterpam_steps(D, medoids, *, max_iter=300):
    """FasterPAM (Schubert & Rousseeuw 2021): eager swaps, each evaluated in O(n) for all k medoids.

    Samples are scanned cyclically in index order as swap candidates; as soon
    as one has an improving swap (with the medoid whose removal is best for
    it), the swap is made. The run stops when a whole cycle finds no
    improving swap.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    medoids : array-like of int, shape (n_clusters,)
    max_iter : int, default=300
        Maximum number of passes over the data.

    Yields
    ------
    MedoidStep
        After each swap. Returns the number of passes over the data.
    """
    return _steps("fasterpam", D, medoids, max_iter)


class KMedoids(BaseEstimator):
    """K-Medoids clustering: k samples of the data set as centres.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters (medoids) k.
    metric : {'euclidean', 'manhattan', 'precomputed'} or callable, default='euclidean'
        The dissimilarity. With 'precomputed', X in ``fit`` is the
        (n_samples, n_samples) dissimilarity matrix itself: square, finite,
        non-negative, symmetric, zero on the diagonal. A callable is called
        as ``metric(A, B)`` with two 2-D arrays and must return the
        (len(A), len(B)) matrix of dissimilarities.
    method : {'pam', 'alternate', 'fasterpam'}, default='pam'
        'pam': BUILD-or-given start, then the best swap while it helps
        (Kaufman & Rousseeuw). 'alternate': assign / re-centre until stable
        (k-means style; fast, can end worse). 'fasterpam': eager swaps with
        the O(k) evaluation (Schubert & Rousseeuw 2021); usually the same
        quality as PAM, much faster.
    init : {'build', 'k-medoids++', 'random'} or array-like of int, default='build'
        Starting medoids: PAM's BUILD (deterministic), k-medoids++ (each next
        medoid drawn with probability proportional to its dissimilarity to
        the nearest one so far), k distinct samples drawn uniformly, or
        k distinct sample indices.
    max_iter : int, default=300
        Maximum number of iterations (swaps evaluated for 'pam', updates for
        'alternate', passes over the data for 'fasterpam').
    random_state : None, int or numpy.random.Generator, default=None
        Used by init 'k-medoids++' and 'random' only.

    Attributes
    ----------
    medoid_indices_ : ndarray of shape (n_clusters,)
        Sample index of each medoid; cluster j is the cluster of medoid j.
    cluster_centers_ : ndarray of shape (n_clusters, n_features) or None
        The medoids' rows of X; None when ``metric='precomputed'``.
    labels_ : ndarray of shape (n_samples,)
        Cluster of each sample, 0..n_clusters-1.
    inertia_ : float
        Sum of the dissimilarities of the samples to their medoid (not
        squared).
    n_iter_ : int
    history_ : list of MedoidStep
        The state after every swap (or update), from the starting medoids on.
    init_medoid_indices_ : ndarray of shape (n_clusters,)
        The starting medoids.
    n_features_in_ : int

    Notes
    -----
    The n × n dissimilarity matrix is held in memory: 8 n² bytes (32 MB for
    n = 2000).

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> km = kl.KMedoids(n_clusters=2, metric="manhattan").fit(X)
    >>> km.medoid_indices_.tolist(), km.cluster_centers_.tolist()
    ([3, 0], [[5.0, 5.0], [1.0, 1.0]])
    >>> km.labels_.tolist(), km.inertia_
    ([1, 1, 1, 0, 0, 0], 4.0)
    """

    def __init__(self, n_clusters=8, *, metric="euclidean", method="pam", init="build", max_iter=300,
                 random_state=None):
        self.n_clusters = n_clusters
        self.metric = metric
        self.method = method
        self.init = init
        self.max_iter = max_iter
        self.random_state = random_state

    def _is_precomputed(self):
        return isinstance(self.metric, str) and self.metric == "precomputed"

    def _fit_dissimilarities(self, X):
        metric = check_metric(self.metric)
        if self._is_precomputed():
            return None, check_dissimilarity_matrix(X, "X", context=" (metric='precomputed')")
        X = check_data(X)
        D = pairwise_dissimilarities(X, metric=metric)
        if callable(metric):
            D = check_dissimilarity_matrix(
                D, f"the matrix returned by metric {getattr(metric, '__name__', 'metric')!r} on (X, X)"
            )
        return X, D

    def _validated_params(self, n_samples):
        n_clusters = check_n_clusters(self.n_clusters, n_samples)
        if not isinstance(self.method, str) or self.method not in _METHODS:
            raise ValueError(f"method must be 'pam', 'alternate' or 'fasterpam', got {self.method!r}.")
        max_iter = _check_max_iter(self.max_iter)
        init = self.init
        if isinstance(init, str):
            if init not in _INIT_NAMES:
                raise ValueError(
                    "init must be 'build', 'k-medoids++', 'random' or an array of "
                    f"{n_clusters} sample indices, got {init!r}."
                )
        else:
            init = check_medoid_indices(init, n_samples, n_clusters, name="init")
        rng = check_random_state(self.random_state)
        return n_clusters, max_iter, init, rng

    def _initial_medoids(self, D, n_clusters, init, rng):
        if not isinstance(init, str):
            return init
        if init == "build":
            return _pam.build(D, n_clusters)
        if init == "k-medoids++":
            return _pam.plusplus_medoids(D, n_clusters, rng)
        return _pam.random_medoids(D.shape[0], n_clusters, rng)

    def fit(self, X, y=None):
        """Find the medoids.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if metric='precomputed'
        y : ignored

        Returns
        -------
        self
        """
        X, D = self._fit_dissimilarities(X)
        n_clusters, max_iter, init, rng = self._validated_params(D.shape[0])
        start = self._initial_medoids(D, n_clusters, init, rng)
        history, n_iter = _pam.run(_STEPS[self.method](D, start, max_iter))
        final = history[-1].medoids if history else start
        labels, loss = _pam.assign(D, final)
        self.init_medoid_indices_ = np.array(start, dtype=np.intp)
        self.medoid_indices_ = np.array(final, dtype=np.intp)
        self.cluster_centers_ = None if X is None else X[self.medoid_indices_].copy()
        self.labels_ = labels
        self.inertia_ = loss
        self.n_iter_ = int(n_iter)
        self.history_ = history
        self.n_features_in_ = D.shape[0] if X is None else X.shape[1]
        self._n_train = D.shape[0]
        self._fit_dtype = np.float64 if X is None else X.dtype
        _warn_if_medoids_coincide(D, self.medoid_indices_)
        return self

    def fit_predict(self, X, y=None):
        """Fit, then return ``labels_``."""
        return self.fit(X).labels_

    def transform(self, X):
        """Dissimilarity of each sample to each medoid.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            With metric='precomputed': the (n_samples, n_train) dissimilarities
            of the new samples to the training samples.

        Returns
        -------
        distances : ndarray of shape (n_samples, n_clusters)
            Float32 when the model was fitted on float32 data (or, with
            metric='precomputed', when X is float32), as in KMeans; float64
            otherwise.
        """
        self._check_fitted("medoid_indices_")
        if self._is_precomputed():
            dtype = np.float32 if getattr(X, "dtype", None) == np.float32 else np.float64
            D = check_dissimilarities_to_train(X, self._n_train, "X", context=" (metric='precomputed')")
            return D[:, self.medoid_indices_].astype(dtype, copy=False)
        X = self._check_new_data(X)
        D = pairwise_dissimilarities(X, self.cluster_centers_, metric=self.metric)
        return D.astype(X.dtype, copy=False)

    def predict(self, X):
        """Index (0..n_clusters-1) of the nearest medoid for each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            With metric='precomputed': the (n_samples, n_train) dissimilarities
            to the training samples.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        return self.transform(X).argmin(axis=1)

    def fit_transform(self, X, y=None):
        """Fit, then return the dissimilarities of X to the medoids."""
        self.fit(X)
        return self.transform(X)


def _warn_if_medoids_coincide(D, medoids):
    between = D[np.ix_(medoids, medoids)][np.triu_indices(len(medoids), 1)]
    if (between == 0).any():
        warnings.warn(
            f"Some medoids are at dissimilarity 0 from each other (duplicate samples): X has fewer distinct "
            f"samples than n_clusters={len(medoids)}, so some clusters hold only copies of another medoid.",
            ConvergenceWarning,
            stacklevel=3,
        )
