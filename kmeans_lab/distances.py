"""Squared Euclidean distances, computed by one rule everywhere in the package.

The rule, used by the objective, the estimators, fuzzy c-means, the silhouette
and the dissimilarity matrices alike:

1. Both sets of points are moved to a common origin (the mean of ``X`` unless
   given): distances do not change, and the cancellation below stays small
   for data far from zero.
2. ``‖x − y‖² = ‖x‖² − 2 x·y + ‖y‖²``, one matrix product for the whole table,
   in float64 (float32 input is computed in float64 and the result returned
   in float32, as scikit-learn does), clipped at zero.
3. Wherever that result is so small that rounding in the subtraction could
   dominate it (below ``_CANCELLATION`` times ``‖x‖² + ‖y‖²``), it is computed
   again as ``Σ (x − y)²`` by direct differences. So a point at a centre is at
   distance exactly 0, and small distances are accurate to rounding.
"""

import numpy as np

__all__ = ["squared_distances", "paired_squared_distances"]


def _cancellation_tolerance(n_features):
    # The product form's error grows with the number of terms summed; this bound is generous.
    return 4.0 * (n_features + 2) * np.finfo(np.float64).eps


def squared_distances(X, Y, *, origin=None):
    """Squared Euclidean distance from every row of X to every row of Y.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Floating array (already validated).
    Y : ndarray of shape (n_centres, n_features)
        Floating array (already validated).
    origin : ndarray of shape (n_features,), optional
        The common origin; the mean of X by default. Pass the same origin to
        compute a large table in pieces of rows with identical results.

    Returns
    -------
    distances : ndarray of shape (n_samples, n_centres)
        ``distances[i, k] = ‖X[i] − Y[k]‖²``, never negative, in X's dtype
        (float32 or float64).

    Examples
    --------
    >>> squared_distances(np.array([[0.0, 0.0], [3.0, 4.0]]), np.array([[0.0, 0.0]]))
    array([[ 0.],
           [25.]])
    """
    Xc, Yc = _centred(X, Y, origin)
    x_norms = np.einsum("ij,ij->i", Xc, Xc)
    y_norms = np.einsum("ij,ij->i", Yc, Yc)
    distances = Xc @ (-2.0 * Yc.T)
    distances += x_norms[:, None]
    distances += y_norms[None, :]
    np.maximum(distances, 0.0, out=distances)
    scale = x_norms[:, None] + y_norms[None, :]
    rows, cols = np.nonzero(distances <= _cancellation_tolerance(X.shape[1]) * scale)
    if rows.size:
        differences = Xc[rows] - Yc[cols]
        distances[rows, cols] = np.einsum("ij,ij->i", differences, differences)
    return distances.astype(X.dtype, copy=False)


def paired_squared_distances(X, Y):
    """``‖X[i] − Y[i]‖²`` for each row i, by direct differences (no cancellation).

    Parameters
    ----------
    X, Y : ndarray of shape (n_samples, n_features)

    Returns
    -------
    distances : ndarray of shape (n_samples,), in X's dtype
    """
    differences = np.subtract(X, Y, dtype=np.float64)
    return np.einsum("ij,ij->i", differences, differences).astype(X.dtype, copy=False)


def _centred(X, Y, origin):
    X64 = np.asarray(X, dtype=np.float64)
    Y64 = np.asarray(Y, dtype=np.float64)
    origin = X64.mean(axis=0) if origin is None else np.asarray(origin, dtype=np.float64)
    return X64 - origin, Y64 - origin
