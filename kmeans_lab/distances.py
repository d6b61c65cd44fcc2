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

Where each sample needs its distance to one given centre only (the objective
J, the empty-cluster rule), there is no cancellation to fear: the distance is
``Σ (x − y)²`` by direct differences, in float64.

The engine's assignment step (``kmeans_lab._engine``) is the one place that
departs from this, for speed: the NumPy engine, and the compiled one from about
a dozen features on, take the nearest centre from the product form in the
data's own dtype, leaving out ‖x‖² (the same for every centre), as scikit-learn
does; in fewer dimensions the compiled engine takes it from ``Σ (x − c)²`` by
direct differences in float64. The tests prove that they pick the same centres.
"""

import numpy as np

__all__ = ["paired_squared_distances", "squared_distances", "squared_distances_to_assigned"]

#: Rows per piece when differences are taken row by row (bounds the temporary arrays).
_ROWS_PER_PIECE = 8192


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
    tolerance = _cancellation_tolerance(X.shape[1])
    # Only rows whose nearest entry could be below the threshold need the entry-by-entry test.
    suspect = np.flatnonzero(
        distances.min(axis=1, initial=np.inf) <= tolerance * (x_norms + y_norms.max(initial=0))
    )
    if suspect.size:
        scale = x_norms[suspect, None] + y_norms[None, :]
        rows, cols = np.nonzero(distances[suspect] <= tolerance * scale)
        rows = suspect[rows]
        differences = Xc[rows] - Yc[cols]
        distances[rows, cols] = np.einsum("ij,ij->i", differences, differences)
    return distances.astype(X.dtype, copy=False)


def squared_distances_to_assigned(X, centroids, labels):
    """``‖X[i] − centroids[labels[i]]‖²`` for each sample, by direct differences.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    centroids : ndarray of shape (n_clusters, n_features)
    labels : ndarray of shape (n_samples,)
        Integers in ``[0, n_clusters)``.

    Returns
    -------
    distances : ndarray of shape (n_samples,), in X's dtype
    """
    distances = np.empty(X.shape[0], dtype=X.dtype)
    for start in range(0, X.shape[0], _ROWS_PER_PIECE):
        rows = slice(start, start + _ROWS_PER_PIECE)
        distances[rows] = paired_squared_distances(X[rows], centroids[labels[rows]])
    return distances


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
