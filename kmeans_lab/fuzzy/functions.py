"""Fuzzy c-means as functions: the two update steps, the objective and the validity indices.

Fuzzy c-means (Bezdek) minimises

.. math:: J_m(U, C) = \\sum_{i=1}^{n} \\sum_{j=1}^{k} u_{ij}^{m} \\, \\lVert x_i - c_j \\rVert^2,
   \\qquad u_{ij} \\ge 0, \\quad \\sum_j u_{ij} = 1,

by alternating two closed-form steps:

* memberships for fixed centres, with :math:`d_{ij} = \\lVert x_i - c_j \\rVert^2`,
  :math:`u_{ij} = d_{ij}^{-1/(m-1)} / \\sum_l d_{il}^{-1/(m-1)}` (:func:`fuzzy_membership`);
* centres for fixed memberships, :math:`c_j = \\sum_i u_{ij}^m x_i / \\sum_i u_{ij}^m`
  (:func:`fuzzy_centers`).

The fuzzifier ``m > 1`` sets how soft the memberships are: as ``m → 1`` they
become the 0/1 labels of k-means, as ``m → ∞`` every membership tends to 1/k.
"""

import numbers

import numpy as np

from .._validation import check_centroids, check_data
from ..distances import squared_distances
from .iteration import centred, fcm_pass

__all__ = [
    "check_fuzzifier",
    "fuzzy_centers",
    "fuzzy_membership",
    "fuzzy_objective",
    "partition_coefficient",
    "partition_entropy",
]


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

    .. math::

        u_{ij} = \\frac{\\lVert x_i - c_j \\rVert^{-2/(m-1)}}
                        {\\sum_l \\lVert x_i - c_l \\rVert^{-2/(m-1)}}

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
    origin = X.mean(axis=0)
    membership = np.empty((X.shape[0], centers.shape[0]), dtype=X.dtype)
    fcm_pass(centred(X, origin), centred(centers, origin), m, membership, want_sums=False)
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
    n_columns, n_rows = membership.shape[1], centers.shape[0]
    if n_columns != n_rows:
        raise ValueError(
            f"membership has {n_columns} column{'s' if n_columns > 1 else ''} but centers has "
            f"{n_rows} row{'s' if n_rows > 1 else ''}; "
            "they must match (one column per centre)."
        )
    return float(np.sum(membership**m * squared_distances(X, centers)))


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
