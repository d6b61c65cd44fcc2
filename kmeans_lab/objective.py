"""The K-Means objective: squared distances and the within-cluster sum of squares."""

import numpy as np

from . import distances
from ._validation import check_centroids, check_data, check_labels, check_sample_weight

__all__ = ["squared_distances", "wcss"]


def squared_distances(X, centroids):
    """Squared Euclidean distance from every sample to every centroid.

    Computed by the package's one rule (see :mod:`kmeans_lab.distances`): a
    sample that coincides with a centroid is at distance exactly 0.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centroids : array-like of shape (n_clusters, n_features)

    Returns
    -------
    distances : ndarray of shape (n_samples, n_clusters)
        ``distances[i, k] = ‖X[i] − centroids[k]‖²``, never negative.

    Examples
    --------
    >>> squared_distances([[0, 0], [3, 4]], [[0, 0]])
    array([[ 0.],
           [25.]])
    """
    X = check_data(X)
    centroids = check_centroids(centroids, X.shape[1], X.dtype)
    return distances.squared_distances(X, centroids)


def wcss(X, centroids, labels=None, sample_weight=None):
    """Within-cluster sum of squares J (the inertia).

    .. math:: J = \\sum_{i} w_i \\, \\lVert x_i - \\mu_{c_i} \\rVert^2

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    centroids : array-like of shape (n_clusters, n_features)
    labels : array-like of shape (n_samples,), optional
        The centroid each sample belongs to. When None, each sample counts
        with its nearest centroid, which gives the smallest J for these
        centroids.
    sample_weight : array-like of shape (n_samples,), optional
        Weight ``w_i`` of each sample; a weight of 3 counts like three copies.

    Returns
    -------
    float

    Examples
    --------
    >>> wcss([[1, 1], [1, 2], [2, 1]], [[4 / 3, 4 / 3]])  # doctest: +ELLIPSIS
    1.333...
    """
    X = check_data(X)
    centroids = check_centroids(centroids, X.shape[1], X.dtype)
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    if labels is None:
        from .lloyd import assign

        labels = assign(X, centroids)
    else:
        labels = check_labels(labels, X.shape[0], centroids.shape[0])
    return within_cluster_sum(X, centroids, labels, weights)


def within_cluster_sum(X, centroids, labels, sample_weight=None):
    """:func:`wcss` with labels, without the input checks."""
    contributions = distances.squared_distances_to_assigned(X, centroids, labels)  # ‖xᵢ − μ_{cᵢ}‖²
    if sample_weight is None:
        return float(contributions.sum(dtype=np.float64))
    return float(contributions.astype(np.float64) @ sample_weight)
