"""The E-step of a Gaussian mixture, the probabilistic cousin of fuzzy memberships."""

import numpy as np

from .._validation import check_centroids, check_data, check_non_negative_float
from ..distances import squared_distances

__all__ = ["spherical_responsibilities"]


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
    sq_dist = squared_distances(X, centers)
    logits = -(sq_dist - sq_dist.min(axis=1, keepdims=True)) / (2.0 * sigma**2)
    weights = np.exp(logits)
    return weights / weights.sum(axis=1, keepdims=True)
