"""Fuzzy c-means (Bezdek): soft memberships instead of hard labels.

Fuzzy c-means minimises Bezdek's objective

.. math:: J_m(U, C) = \\sum_{i=1}^{n} \\sum_{j=1}^{k} u_{ij}^{m} \\, \\lVert x_i - c_j \\rVert^2,
   \\qquad u_{ij} \\ge 0, \\quad \\sum_j u_{ij} = 1,

by alternating two closed-form steps:

* memberships for fixed centres, with :math:`d_{ij} = \\lVert x_i - c_j \\rVert^2`,
  :math:`u_{ij} = d_{ij}^{-1/(m-1)} / \\sum_l d_{il}^{-1/(m-1)}`;
* centres for fixed memberships, :math:`c_j = \\sum_i u_{ij}^m x_i / \\sum_i u_{ij}^m`.

The fuzzifier ``m > 1`` sets how soft the memberships are: as ``m → 1`` they
become the 0/1 labels of k-means, as ``m → ∞`` every membership tends to 1/k.

The work is done in chunks of rows on data centred at its mean (the same
layout as the k-means kernels), so one pass over the data computes the
distances, the memberships, the objective, the change of the memberships and
the sums of the next centres, without any (n_samples, n_clusters, n_features)
temporary.
"""

import numbers

import numpy as np

from ._base import BaseEstimator
from ._engine.blocks import rows_per_chunk, squared_norms
from ._engine.prepared import PreparedData
from ._validation import (
    check_centroids,
    check_data,
    check_init,
    check_n_clusters,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
)
from .estimator import start_centres

__all__ = [
    "FuzzyCMeans",
    "fuzzy_centers",
    "fuzzy_membership",
    "fuzzy_objective",
    "partition_coefficient",
    "partition_entropy",
    "spherical_responsibilities",
]

_INIT_NAMES = ("random", "k-means++")


def check_fuzzifier(m):
    """Return the fuzzifier ``m`` as a float, or raise if it is not a finite number > 1."""
    if isinstance(m, (bool, np.bool_)) or not isinstance(m, numbers.Real):
        raise TypeError(f"m must be a number > 1, got {m!r} of type {type(m).__name__}.")
    m = float(m)
    if not np.isfinite(m):
        raise ValueError(f"m must be a finite number > 1, got {m}.")
    if m <= 1.0:
        raise ValueError(
            f"m must be > 1, got m={m}; m = 1 is hard k-means (use KMeans), "
            "and m < 1 has no minimiser with soft memberships."
        )
    return m


# ---------------------------------------------------------------------------
# Kernels on prepared (centred) data
# ---------------------------------------------------------------------------


def _block_sq_distances(data, start, stop, stacked, centred_centers, out):
    """Squared distances of rows ``start:stop`` to every centre, into ``out``.

    The GEMM form ‖x‖² − 2x·c + ‖c‖² is fast but only accurate to rounding
    relative to ‖x‖²; rows whose nearest centre looks (almost) coincident are
    recomputed by direct differences, so a sample that sits exactly on a
    centre gets a distance of exactly 0.
    """
    np.matmul(data.augmented[start:stop], stacked, out=out)
    out += data.sq_norms[start:stop, None]
    np.maximum(out, 0.0, out=out)
    nearest = out.min(axis=1)
    scale = data.sq_norms[start:stop] + stacked[-1].max()
    suspicious = np.flatnonzero(nearest <= 100 * np.finfo(out.dtype).eps * scale)
    if suspicious.size:
        rows = data.centred[start + suspicious]
        diff = rows[:, None, :] - centred_centers[None, :, :]
        out[suspicious] = np.einsum("ijk,ijk->ij", diff, diff)
    return out


def _stack_centers(data, centred_centers):
    """(n_features + 1, n_clusters) matrix giving −2x·c + ‖c‖² in one product."""
    n_clusters = centred_centers.shape[0]
    stacked = np.empty((data.n_features + 1, n_clusters), dtype=data.dtype)
    stacked[: data.n_features] = -2.0 * centred_centers.T
    stacked[data.n_features] = squared_norms(centred_centers)
    return stacked


def _block_membership(sq_dist, m, out):
    """Memberships from squared distances, for one block of rows.

    Written as ``u_ij = r_ij / Σ_l r_il`` with ``r_ij = (d_i,min / d_ij)^{1/(m−1)}``
    in (0, 1], so nothing overflows however small the distances or however
    close m is to 1. A row with a zero distance gives membership 1 to that
    centre, split equally when several centres coincide with the sample.

    Returns
    -------
    objective : ndarray of shape (n_rows,)
        Each row's term Σ_j u_ijᵐ d_ij, which for these optimal memberships
        equals ``d_i,min · (Σ_l r_il)^{−(m−1)}``.
    """
    nearest = sq_dist.min(axis=1)
    on_centre = nearest == 0.0
    safe = np.where(on_centre, 1.0, nearest)
    # Rows on a centre divide by 0 here; they are overwritten below.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        np.divide(safe[:, None], sq_dist, out=out)
        exponent = 1.0 / (m - 1.0)
        if exponent != 1.0:
            np.power(out, exponent, out=out)
        totals = out.sum(axis=1)
        out /= totals[:, None]
        objective = nearest * totals ** (1.0 - m)
    if on_centre.any():
        hits = sq_dist[on_centre] == 0.0
        out[on_centre] = hits / hits.sum(axis=1, keepdims=True)
        objective[on_centre] = 0.0
    return objective


def _membership_power(u, m, out):
    if m == 2.0:
        return np.multiply(u, u, out=out)
    return np.power(u, m, out=out)


def _fcm_pass(data, centred_centers, m, membership_out, previous=None, want_sums=True):
    """One pass over the data for the given centres.

    Computes the memberships (written to ``membership_out``), the objective
    J_m of these memberships and centres, ‖U − previous‖²_F when ``previous``
    is given, and the weighted sums Σ_i u_ijᵐ [x_i, 1] that give the next
    centres.

    Returns
    -------
    objective : float
    change : float or None
        Squared Frobenius norm of the change in the memberships.
    sums : ndarray of shape (n_clusters, n_features + 1) or None
        The last column holds Σ_i u_ijᵐ.
    """
    n_clusters = centred_centers.shape[0]
    stacked = _stack_centers(data, centred_centers)
    step = rows_per_chunk(n_clusters)
    rows = min(step, data.n_samples)
    sq_dist = np.empty((rows, n_clusters), dtype=data.dtype)
    powered = np.empty((rows, n_clusters), dtype=data.dtype)
    sums = np.zeros((n_clusters, data.n_features + 1), dtype=np.float64) if want_sums else None
    objective = 0.0
    change = 0.0 if previous is not None else None
    for start in range(0, data.n_samples, step):
        stop = min(start + step, data.n_samples)
        d = _block_sq_distances(data, start, stop, stacked, centred_centers, sq_dist[: stop - start])
        u = membership_out[start:stop]
        objective += float(_block_membership(d, m, u).sum(dtype=np.float64))
        if previous is not None:
            diff = np.subtract(u, previous[start:stop], out=sq_dist[: stop - start])
            change += float(np.einsum("ij,ij->", diff, diff))
        if want_sums:
            w = _membership_power(u, m, powered[: stop - start])
            sums += w.T @ data.augmented[start:stop]
    return objective, change, sums


def _centers_from_sums(sums, previous_centers):
    """Weighted means; a cluster whose memberships all underflowed to 0 keeps its centre."""
    totals = sums[:, -1]
    centers = np.array(previous_centers, dtype=sums.dtype, copy=True)
    alive = totals > 0
    centers[alive] = sums[alive, :-1] / totals[alive, None]
    return centers


def _run_fcm(data, centred_centers, m, max_iter, tol):
    """Fuzzy c-means iterations from centred initial centres.

    Iteration t computes the memberships U_t for the current centres, stops if
    ‖U_t − U_{t−1}‖_F < tol, and otherwise moves the centres to the
    u^m-weighted means. The returned centres and memberships are always a
    consistent pair (the memberships are those of the returned centres).
    """
    dtype = data.dtype
    membership = np.empty((data.n_samples, centred_centers.shape[0]), dtype=dtype)
    previous = np.empty_like(membership)
    objective = []
    converged = False
    have_previous = False
    centers = centred_centers
    for iteration in range(max_iter):
        last = iteration == max_iter - 1
        j, change, sums = _fcm_pass(
            data, centers, m, membership, previous if have_previous else None, want_sums=not last
        )
        objective.append(j)
        if have_previous and np.sqrt(change) < tol:
            converged = True
            break
        if last:
            break
        centers = _centers_from_sums(sums, centers).astype(dtype, copy=False)
        membership, previous = previous, membership
        have_previous = True
    return centers, membership, np.array(objective), len(objective), converged


# ---------------------------------------------------------------------------
# Public functions: the two steps, the objective and the validity indices
# ---------------------------------------------------------------------------


def _check_membership(membership, n_samples, name="membership"):
    array = check_data(membership, name)
    if array.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have shape (n_samples, n_clusters) = ({n_samples}, n_clusters) to match X, "
            f"got shape {array.shape}."
        )
    if (array < 0).any():
        raise ValueError(f"{name} must be >= 0, got {int((array < 0).sum())} negative value(s).")
    return array


def fuzzy_membership(X, centers, m=2.0):
    """The membership step: optimal memberships for fixed centres.

    .. math:: u_{ij} = \\frac{\\lVert x_i - c_j \\rVert^{-2/(m-1)}}{\\sum_l \\lVert x_i - c_l \\rVert^{-2/(m-1)}}

    A sample that coincides with a centre gets membership 1 there (split
    equally among coinciding centres) instead of 0/0.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)
    m : float, default=2.0
        Fuzzifier, > 1.

    Returns
    -------
    membership : ndarray of shape (n_samples, n_clusters)
        Rows sum to 1.

    Examples
    --------
    >>> fuzzy_membership([[0.0], [1.0], [3.0]], [[0.0], [2.0]])
    array([[1. , 0. ],
           [0.5, 0.5],
           [0.1, 0.9]])
    """
    X = check_data(X)
    m = check_fuzzifier(m)
    centers = check_centroids(centers, X.shape[1], X.dtype, name="centers")
    data = PreparedData(X)
    membership = np.empty((X.shape[0], centers.shape[0]), dtype=X.dtype)
    _fcm_pass(data, data.centre(centers), m, membership, want_sums=False)
    return membership


def fuzzy_centers(X, membership, m=2.0):
    """The centre step: the u^m-weighted mean of the data for each cluster.

    .. math:: c_j = \\frac{\\sum_i u_{ij}^m x_i}{\\sum_i u_{ij}^m}

    Use it to start :class:`FuzzyCMeans` from memberships (as scikit-fuzzy's
    ``cmeans(init=u0)`` does): ``FuzzyCMeans(init=fuzzy_centers(X, u0, m))``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    membership : array-like of shape (n_samples, n_clusters)
        Non-negative; each column needs some positive entry.
    m : float, default=2.0

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)

    Examples
    --------
    >>> fuzzy_centers([[0.0], [2.0], [4.0]], [[1, 0], [0.5, 0.5], [0, 1]])
    array([[0.4],
           [3.6]])
    """
    X = check_data(X)
    m = check_fuzzifier(m)
    membership = _check_membership(membership, X.shape[0])
    weights = membership**m
    totals = weights.sum(axis=0)
    if (totals == 0).any():
        empty = int(np.flatnonzero(totals == 0)[0])
        raise ValueError(f"membership column {empty} is all zero, so cluster {empty} has no centre.")
    return (weights.T @ X) / totals[:, None]


def fuzzy_objective(X, centers, membership, m=2.0):
    """Bezdek's objective J_m = Σᵢ Σⱼ u_ijᵐ ‖xᵢ − cⱼ‖².

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)
    membership : array-like of shape (n_samples, n_clusters)
    m : float, default=2.0

    Returns
    -------
    objective : float

    Examples
    --------
    >>> fuzzy_objective([[0.0], [1.0]], [[0.0], [1.0]], [[0.5, 0.5], [0.5, 0.5]])
    0.5
    """
    X = check_data(X)
    m = check_fuzzifier(m)
    centers = check_centroids(centers, X.shape[1], X.dtype, name="centers")
    membership = _check_membership(membership, X.shape[0])
    if membership.shape[1] != centers.shape[0]:
        raise ValueError(
            f"membership has {membership.shape[1]} columns but centers has {centers.shape[0]} rows; "
            "they must match (one column per centre)."
        )
    diff = X[:, None, :] - centers[None, :, :]
    return float(np.sum(membership**m * np.einsum("ijk,ijk->ij", diff, diff)))


def partition_coefficient(membership):
    """Bezdek's partition coefficient PC = (1/n) Σᵢ Σⱼ u_ij².

    1 for a hard partition, 1/k when every membership is 1/k.

    Parameters
    ----------
    membership : array-like of shape (n_samples, n_clusters)

    Returns
    -------
    float

    Examples
    --------
    >>> partition_coefficient([[1, 0], [0.5, 0.5]])
    0.75
    """
    u = check_data(membership, "membership")
    return float(np.einsum("ij,ij->", u, u) / u.shape[0])


def partition_entropy(membership):
    """Bezdek's partition entropy PE = −(1/n) Σᵢ Σⱼ u_ij ln u_ij (with 0 ln 0 = 0).

    0 for a hard partition, ln k when every membership is 1/k.

    Parameters
    ----------
    membership : array-like of shape (n_samples, n_clusters)

    Returns
    -------
    float

    Examples
    --------
    >>> round(partition_entropy([[1, 0], [0.5, 0.5]]), 6)
    0.346574
    """
    u = check_data(membership, "membership")
    if (u < 0).any():
        raise ValueError("membership must be >= 0.")
    logs = np.zeros_like(u)
    np.log(u, out=logs, where=u > 0)
    return float(-np.einsum("ij,ij->", u, logs) / u.shape[0])


def spherical_responsibilities(X, centers, sigma):
    """E-step of a Gaussian mixture with equal weights and shared covariance σ²I.

    .. math:: r_{ij} = \\frac{\\exp(-\\lVert x_i - c_j \\rVert^2 / 2\\sigma^2)}
                            {\\sum_l \\exp(-\\lVert x_i - c_l \\rVert^2 / 2\\sigma^2)}

    computed stably (each row shifted by its smallest distance), so it stays
    finite as σ → 0, where it tends to the one-hot k-means assignment.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centers : array-like of shape (n_clusters, n_features)
    sigma : float
        Shared standard deviation, > 0.

    Returns
    -------
    responsibilities : ndarray of shape (n_samples, n_clusters)
        Rows sum to 1.

    Examples
    --------
    >>> spherical_responsibilities([[0.0], [1.0]], [[0.0], [2.0]], sigma=1.0).round(4)
    array([[0.8808, 0.1192],
           [0.5   , 0.5   ]])
    """
    X = check_data(X)
    centers = check_centroids(centers, X.shape[1], X.dtype, name="centers")
    sigma = check_non_negative_float(sigma, "sigma")
    if sigma == 0:
        raise ValueError("sigma must be > 0; sigma = 0 is the hard assignment (use kmeans_lab.assign).")
    diff = X[:, None, :] - centers[None, :, :]
    sq_dist = np.einsum("ijk,ijk->ij", diff, diff)
    logits = -(sq_dist - sq_dist.min(axis=1, keepdims=True)) / (2.0 * sigma**2)
    weights = np.exp(logits)
    return weights / weights.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------------------
# The estimator
# ---------------------------------------------------------------------------


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
        with the ``numpy.random.Generator`` of the fit. To start from memberships U0 (as
        scikit-fuzzy does) pass ``fuzzy_centers(X, U0, m)``.
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
    membership_ : ndarray of shape (n_samples, n_clusters)
        Memberships of the training samples for ``cluster_centers_``; rows sum to 1.
    labels_ : ndarray of shape (n_samples,)
        ``membership_.argmax(axis=1)``.
    objective_ : ndarray of shape (n_iter_,)
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
        data = PreparedData(X)
        start = start_centres(data, init, n_clusters, rng)
        centers, membership, objective, n_iter, converged = _run_fcm(data, start, m, max_iter, tol)
        self._centring = data.mean
        self._centred_centers = centers
        self._fit_dtype = X.dtype
        self._fitted_m = m
        self.cluster_centers_ = data.uncentre(centers)
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
        """Memberships of new samples for the fitted centres.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        membership : ndarray of shape (n_samples, n_clusters)
            Rows sum to 1; on the training data this equals ``membership_``.
        """
        self._check_fitted("cluster_centers_")
        X = self._check_new_data(X)
        data = PreparedData(X, mean=self._centring)
        membership = np.empty((X.shape[0], self._centred_centers.shape[0]), dtype=X.dtype)
        _fcm_pass(data, self._centred_centers, self._fitted_m, membership, want_sums=False)
        return membership

    def predict(self, X):
        """Cluster of highest membership for each sample of X.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        return self.predict_proba(X).argmax(axis=1)
