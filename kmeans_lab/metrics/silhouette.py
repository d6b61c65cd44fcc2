"""The silhouette (Rousseeuw 1987): how well each sample sits in its cluster."""

import numpy as np

from .._validation import check_data, check_finite_array
from ..distances import squared_distances

__all__ = ["silhouette_samples", "silhouette_score"]

#: Elements of one (chunk, n_samples) block of distances: about 8 MB in float64.
_SILHOUETTE_BLOCK = 2**20

#: A precomputed diagonal may differ from 0 by this many machine epsilons of its dtype
#: (scikit-learn's tolerance), since distances computed by a matrix product are rarely exactly 0.
_DIAGONAL_EPS = 100


def _check_cluster_labels(labels, n_samples):
    """Encode any 1-D labels as 0..n_labels-1; check 2 <= n_labels <= n_samples - 1."""
    if isinstance(labels, (str, bytes)):
        raise TypeError(f"labels must be a 1-D array of cluster labels, got a string: {labels!r}.")
    array = np.asarray(labels)
    if array.ndim != 1 or array.shape[0] != n_samples:
        raise ValueError(f"labels must have shape ({n_samples},) to match X, got shape {array.shape}.")
    if array.dtype.kind in "fc" and not np.isfinite(array).all():
        raise ValueError("labels contains NaN or infinite values.")
    try:
        _, codes = np.unique(array, return_inverse=True)
    except TypeError:
        raise TypeError("labels must be all of one comparable type (all ints or all strings).") from None
    codes = codes.reshape(-1)
    n_labels = int(codes.max()) + 1
    if not 2 <= n_labels <= n_samples - 1:
        raise ValueError(
            f"Number of labels is {n_labels}. Valid values are 2 to n_samples - 1 (inclusive), "
            f"here 2 to {n_samples - 1}: the silhouette compares each sample's own cluster with another one."
        )
    return codes, n_labels


def _check_precomputed(D):
    D = check_finite_array(D, "X")
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        raise ValueError(f"with metric='precomputed', X must be a square distance matrix, got {D.shape}.")
    tolerance = _DIAGONAL_EPS * np.finfo(D.dtype).eps if D.dtype.kind == "f" else 0.0
    diagonal = np.abs(np.diagonal(D))
    if (diagonal > tolerance).any():
        i = int(np.argmax(diagonal))
        raise ValueError(
            "with metric='precomputed', the diagonal of X must be zero (the distance of a point to itself), "
            f"up to rounding of {tolerance:.3g}; entry [{i}, {i}] is {D[i, i]:g}. Use np.fill_diagonal(X, 0)."
        )
    negative = D < 0
    np.fill_diagonal(negative, False)
    if negative.any():
        raise ValueError("with metric='precomputed', X must hold distances >= 0; it has negative entries.")
    return np.ascontiguousarray(D, dtype=np.float64)


def silhouette_samples(X, labels, *, metric="euclidean"):
    """Silhouette coefficient of each sample (Rousseeuw 1987).

    For sample i in cluster A, let a(i) be its mean distance to the other
    members of A and b(i) the smallest mean distance to the members of
    another cluster. Then

    .. math:: s(i) = \\frac{b(i) - a(i)}{\\max(a(i), b(i))} \\in [-1, 1],

    close to 1 when i sits well inside its cluster, near 0 on a border and
    negative when another cluster is closer on average. A sample alone in its
    cluster gets s = 0 (Rousseeuw's convention, as in scikit-learn).

    The distances are computed in blocks of rows, so memory stays
    O(n_samples) per block and no n × n matrix is held for large n.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if metric='precomputed'
        With 'precomputed', the diagonal must be zero up to rounding
        (100 machine epsilons of X's dtype, as in scikit-learn).
    labels : array-like of shape (n_samples,)
        Cluster labels of any sortable type; there must be between 2 and
        n_samples − 1 distinct labels.
    metric : {'euclidean', 'precomputed'}, default='euclidean'

    Returns
    -------
    silhouette : ndarray of shape (n_samples,)

    Examples
    --------
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> silhouette_samples(X, [0, 0, 0, 1, 1, 1]).round(3).tolist()
    [0.838, 0.78, 0.78, 0.808, 0.798, 0.798]
    """
    if metric == "precomputed":
        X = _check_precomputed(X)
    elif metric == "euclidean":
        X = check_data(X, dtype=np.float64)
    else:
        raise ValueError(f"metric must be 'euclidean' or 'precomputed', got {metric!r}.")
    n_samples = X.shape[0]
    codes, n_labels = _check_cluster_labels(labels, n_samples)

    # Columns grouped by cluster turn the per-cluster sums into one np.add.reduceat.
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=n_labels).astype(np.float64)
    starts = np.concatenate([[0], np.cumsum(sizes[:-1]).astype(np.intp)])
    if metric == "euclidean":
        X = X[order]
        origin = X.mean(axis=0)
    else:
        X = X[np.ix_(order, order)]
    sorted_codes = codes[order]

    silhouette_sorted = np.empty(n_samples)
    chunk = max(1, _SILHOUETTE_BLOCK // n_samples)
    for start in range(0, n_samples, chunk):
        stop = min(start + chunk, n_samples)
        if metric == "precomputed":
            distances = X[start:stop]
        else:
            distances = np.sqrt(squared_distances(X[start:stop], X, origin=origin))
        sums = np.add.reduceat(distances, starts, axis=1)
        rows = np.arange(stop - start)
        own = sorted_codes[start:stop]
        own_size = sizes[own]
        with np.errstate(divide="ignore", invalid="ignore"):
            a = sums[rows, own] / (own_size - 1)
        means = sums / sizes
        means[rows, own] = np.inf
        b = means.min(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = (b - a) / np.maximum(a, b)
        # Singletons (a = 0/0) and all-identical data (0/0) get 0, as in Rousseeuw (1987).
        s[(own_size == 1) | ~np.isfinite(s)] = 0.0
        silhouette_sorted[start:stop] = s

    silhouette = np.empty(n_samples)
    silhouette[order] = silhouette_sorted
    return silhouette


def silhouette_score(X, labels, *, metric="euclidean"):
    """Mean silhouette coefficient over all samples (see :func:`silhouette_samples`).

    Higher is better; the K with the largest score is the silhouette's choice.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if metric='precomputed'
    labels : array-like of shape (n_samples,)
    metric : {'euclidean', 'precomputed'}, default='euclidean'

    Returns
    -------
    float

    Examples
    --------
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> round(silhouette_score(X, [0, 0, 0, 1, 1, 1]), 4)
    0.8003
    """
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))
