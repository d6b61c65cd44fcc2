"""The FuzzyCMeans estimator: fuzzy c-means (Bezdek 1981) with scikit-learn's conventions.

``fit`` and ``predict_proba`` run on the engine (``kmeans_lab._engine.run_fcm`` and
``fcm_pass``), which the tests prove equal to ``kmeans_lab.fuzzy.iteration``.
"""

import numpy as np

from .. import _engine
from .._base import BaseEstimator
from .._validation import (
    check_centroids,
    check_data,
    check_init,
    check_n_clusters,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
)
from ..init import kmeans_plusplus, random_init
from .functions import check_fuzzifier, partition_coefficient, partition_entropy
from .iteration import centred

__all__ = ["FuzzyCMeans"]

_INIT_NAMES = ("random", "k-means++")


def _initial_centres(X, init, n_clusters, rng):
    """Initial centres: 'random' rows, 'k-means++', a callable, or the centres checked by ``check_init``."""
    if callable(init):  # check_init wrapped it: it takes the fit's Generator
        return init(rng)
    if isinstance(init, str) and init == "k-means++":
        return kmeans_plusplus(X, n_clusters, random_state=rng)[0]
    if isinstance(init, str):
        return random_init(X, n_clusters, random_state=rng)
    return init


class FuzzyCMeans(BaseEstimator):
    """Fuzzy c-means clustering (Bezdek 1981): every sample belongs to every cluster to a degree.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters k.
    m : float, default=2.0
        Fuzzifier, a finite number > 1. Close to 1 the memberships are almost
        0/1 (k-means); large m makes them all tend to 1/k.
    init : {'random', 'k-means++'}, callable or array-like of shape (n_clusters, n_features), default='random'
        Initial centres: distinct rows of X drawn uniformly, greedy
        k-means++, the given centres, or ``init(X, n_clusters, rng)`` called
        with the ``numpy.random.Generator`` of the fit. To start from
        memberships U0 (as scikit-fuzzy does) pass ``fuzzy_centers(X, U0, m)``.
    max_iter : int, default=300
        Maximum number of membership updates.
    tol : float, default=1e-5
        Convergence criterion: the run stops at the first iteration whose
        memberships differ from the previous iteration's by less than
        ``tol`` in Frobenius norm, ‖U_t − U_{t−1}‖_F < tol — the criterion of
        scikit-fuzzy's ``cmeans(error=tol)``, so from the same start both
        stop at the same iteration. Note that this norm grows like √n_samples
        for a fixed per-sample change.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the initialisation.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        The centres; ``predict`` and ``predict_proba`` use this attribute as
        it is, so centres assigned to it after ``fit`` are followed.
    membership_ : ndarray of shape (n_samples, n_clusters)
        Memberships of the training samples for ``cluster_centers_``; rows sum to 1.
    labels_ : ndarray of shape (n_samples,)
        ``membership_.argmax(axis=1)``.
    objective_ : ndarray of shape (``n_iter_``,)
        J_m(U_t, C_{t−1}) at each iteration t: the objective of the centres
        at the start of the iteration with their optimal memberships. It never
        increases; the last entry is J_m of the fitted model.
    n_iter_ : int
        Number of membership updates run.
    converged_ : bool
        False when ``max_iter`` stopped the run.
    partition_coefficient : float
        (1/n) Σ u_ij², in [1/k, 1]; 1 means a hard partition.
    partition_entropy : float
        −(1/n) Σ u_ij ln u_ij, in [0, ln k]; 0 means a hard partition.
    n_features_in_ : int

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X = [[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5]]
    >>> fcm = kl.FuzzyCMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(fcm.labels_.tolist())
    [0, 0, 0, 1, 1, 1]
    >>> fcm.membership_.sum(axis=1).round(12).tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """

    def __init__(self, n_clusters=8, *, m=2.0, init="random", max_iter=300, tol=1e-5, random_state=None):
        self.n_clusters = n_clusters
        self.m = m
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _validated_params(self, X):
        n_clusters = check_n_clusters(self.n_clusters, X.shape[0])
        m = check_fuzzifier(self.m)
        init = check_init(self.init, _INIT_NAMES, X, n_clusters, allow_callable=True)
        max_iter = check_positive_int(self.max_iter, "max_iter")
        tol = check_non_negative_float(self.tol, "tol")
        rng = check_random_state(self.random_state)
        return n_clusters, m, init, max_iter, tol, rng

    def fit(self, X, y=None):
        """Compute the fuzzy clustering.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self
        """
        X = check_data(X)
        n_clusters, m, init, max_iter, tol, rng = self._validated_params(X)
        origin = X.mean(axis=0)
        start = np.asarray(_initial_centres(X, init, n_clusters, rng), dtype=X.dtype)
        centers, membership, objective, n_iter, converged = _engine.run_fcm(
            centred(X, origin), origin, start, m, max_iter, tol
        )
        self._origin = origin
        self._fit_dtype = X.dtype
        self._fitted_m = m
        self.cluster_centers_ = centers
        self.membership_ = membership
        self.labels_ = membership.argmax(axis=1)
        self.objective_ = objective
        self.n_iter_ = n_iter
        self.converged_ = converged
        self.n_features_in_ = X.shape[1]
        return self

    @property
    def partition_coefficient(self):
        """Bezdek's partition coefficient of ``membership_`` (see :func:`partition_coefficient`)."""
        self._check_fitted("membership_")
        return partition_coefficient(self.membership_)

    @property
    def partition_entropy(self):
        """Bezdek's partition entropy of ``membership_`` (see :func:`partition_entropy`)."""
        self._check_fitted("membership_")
        return partition_entropy(self.membership_)

    def fit_predict(self, X, y=None):
        """Fit, then return ``labels_``."""
        return self.fit(X).labels_

    def predict_proba(self, X):
        """Memberships of new samples for the centres in ``cluster_centers_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        membership : ndarray of shape (n_samples, n_clusters)
            Rows sum to 1; on the training data this equals ``membership_``
            (up to rounding) as long as ``cluster_centers_`` is the fitted one.
        """
        self._check_fitted("cluster_centers_")
        X = self._check_new_data(X)
        centers = check_centroids(
            self.cluster_centers_, self.n_features_in_, X.dtype, name="cluster_centers_"
        )
        membership = np.empty((X.shape[0], centers.shape[0]), dtype=X.dtype)
        _engine.fcm_pass(
            centred(X, self._origin),
            centred(centers, self._origin),
            self._fitted_m,
            membership,
            want_sums=False,
        )
        return membership

    def predict(self, X):
        """Cluster of highest membership for each sample of X, for the centres in ``cluster_centers_``.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        return self.predict_proba(X).argmax(axis=1)
