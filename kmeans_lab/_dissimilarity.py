"""Dissimilarity matrices for k-medoids: computing them and checking given ones."""

import numpy as np

from ._validation import check_data
from .distances import squared_distances

METRIC_NAMES = ("euclidean", "manhattan", "precomputed")

#: Up to this many features, distances are accumulated feature by feature
#: (exact: d(x, x) is exactly 0 and d(x, y) == d(y, x)); beyond it the
#: matrix product of :func:`kmeans_lab.distances.squared_distances` is faster.
_FEATURE_LOOP_MAX = 32


def check_metric(metric):
    """Validate ``metric``: one of METRIC_NAMES or a callable."""
    if callable(metric):
        return metric
    if isinstance(metric, str) and metric in METRIC_NAMES:
        return metric
    raise ValueError(
        "metric must be 'euclidean', 'manhattan', 'precomputed' or a callable metric(A, B) returning "
        f"the (len(A), len(B)) matrix of dissimilarities, got {metric!r}."
    )


def pairwise_dissimilarities(X, Y=None, *, metric="euclidean"):
    """Dissimilarity of every row of X to every row of Y.

    Parameters
    ----------
    X : array-like of shape (n_samples_X, n_features)
    Y : array-like of shape (n_samples_Y, n_features), optional
        Defaults to X, which gives a symmetric matrix with a zero diagonal.
    metric : {'euclidean', 'manhattan'} or callable, default='euclidean'
        'euclidean' is :math:`\\lVert x - y \\rVert_2`, 'manhattan' is
        :math:`\\sum_f |x_f - y_f|`. A callable is called once as
        ``metric(A, B)`` with two 2-D arrays (all rows at once, not one pair
        at a time) and must return the array of shape (len(A), len(B)).

    Returns
    -------
    D : ndarray of shape (n_samples_X, n_samples_Y)
        Float64, finite and non-negative.

    Examples
    --------
    >>> pairwise_dissimilarities([[0, 0], [3, 4]])
    array([[0., 5.],
           [5., 0.]])
    >>> pairwise_dissimilarities([[0, 0], [3, 4]], metric="manhattan")
    array([[0., 7.],
           [7., 0.]])
    """
    metric = check_metric(metric)
    if isinstance(metric, str) and metric == "precomputed":
        raise ValueError(
            "metric='precomputed' means the dissimilarities are given; there is nothing to compute."
        )
    X = check_data(X, "X", dtype=np.float64)
    same = Y is None
    Y = X if same else check_data(Y, "Y", dtype=np.float64)
    if Y.shape[1] != X.shape[1]:
        raise ValueError(f"X and Y must have the same number of features, got {X.shape[1]} and {Y.shape[1]}.")
    if callable(metric):
        return _call_metric(metric, X, Y)
    if metric == "manhattan":
        D = _accumulate_features(X, Y, np.abs)
    elif X.shape[1] <= _FEATURE_LOOP_MAX:
        D = np.sqrt(_accumulate_features(X, Y, np.square))
    else:
        D = np.sqrt(squared_distances(X, Y))
        if same:  # the product is not exactly symmetric: make it so, with an exact zero diagonal
            D += D.T
            D *= 0.5
    if same:
        np.fill_diagonal(D, 0.0)
    return D


def _accumulate_features(X, Y, elementwise):
    total = np.zeros((X.shape[0], Y.shape[0]))
    difference = np.empty_like(total)
    for f in range(X.shape[1]):
        np.subtract(X[:, f, None], Y[None, :, f], out=difference)
        elementwise(difference, out=difference)
        total += difference
    return total


def _call_metric(metric, A, B):
    name = getattr(metric, "__name__", "metric")
    result = metric(A.copy(), B.copy())  # copies: a careless callable cannot alter the caller's data
    try:
        D = np.asarray(result, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"metric {name!r} must return numbers, got {type(result).__name__}.") from None
    if D.shape != (A.shape[0], B.shape[0]):
        raise ValueError(
            f"metric {name!r} must return an array of shape ({A.shape[0]}, {B.shape[0]}), "
            f"got shape {D.shape}. "
            "It is called once as metric(A, B) with two 2-D arrays (all rows at once), not with two rows."
        )
    check_data(D, f"the matrix returned by metric {name!r}")
    if (D < 0).any():
        raise ValueError(
            f"metric {name!r} returned negative dissimilarities (smallest {D.min():g}); they must be >= 0."
        )
    return D.copy() if D is result else D


def check_dissimilarity_matrix(D, name="D", *, context=""):
    """Validate a square dissimilarity matrix.

    Required: square, finite, non-negative, symmetric and zero on the
    diagonal. Asymmetry and a non-zero diagonal at the level of rounding
    (relative 1e-9) are tolerated and removed.

    Parameters
    ----------
    D : array-like of shape (n_samples, n_samples)
    name : str
        How the parameter is called in error messages.
    context : str
        Appended to the messages, e.g. " (metric='precomputed')".

    Returns
    -------
    D : ndarray of shape (n_samples, n_samples)
        Float64; the input itself when it needed no conversion or cleaning
        (it is never written to), otherwise a new array.
    """
    D = check_data(D, name, dtype=np.float64)
    where = f"{name}{context}"
    if D.shape[0] != D.shape[1]:
        raise ValueError(
            f"{where} must be a square (n_samples, n_samples) dissimilarity matrix, got shape {D.shape}."
        )
    smallest = D.min()
    if smallest < 0:
        n_negative = int((D < 0).sum())
        raise ValueError(
            f"{where} has {n_negative} negative entr{'ies' if n_negative > 1 else 'y'} "
            f"(smallest {smallest:g}); dissimilarities must be >= 0."
        )
    scale = D.max()
    tolerance = 1e-9 * scale
    diagonal = np.diagonal(D)
    if (diagonal > tolerance).any():
        i = int(np.argmax(diagonal))
        raise ValueError(
            f"{where} must have zeros on its diagonal (the dissimilarity of a sample to itself); "
            f"entry [{i}, {i}] is {diagonal[i]:g}."
        )
    symmetric = _is_exactly_symmetric(D)
    if not symmetric:
        difference = np.abs(D - D.T)
        if difference.max() > tolerance:
            i, j = np.unravel_index(int(np.argmax(difference)), D.shape)
            raise ValueError(
                f"{where} must be symmetric (D[i, j] == D[j, i]); entries [{i}, {j}] and [{j}, {i}] are "
                f"{D[i, j]:g} and {D[j, i]:g}."
            )
    if not symmetric or diagonal.any():
        D = (D + D.T) * 0.5 if not symmetric else D.copy()
        np.fill_diagonal(D, 0.0)
    return D


def _is_exactly_symmetric(D, tile=256):
    """``np.array_equal(D, D.T)`` tile by tile: reading D.T whole is slow (cache misses)."""
    n_samples = D.shape[0]
    for i in range(0, n_samples, tile):
        for j in range(i, n_samples, tile):
            if not np.array_equal(D[i : i + tile, j : j + tile], D[j : j + tile, i : i + tile].T):
                return False
    return True


def check_dissimilarities_to_train(D, n_train, name="X", *, context=""):
    """Validate an (n_samples, n_train) matrix of dissimilarities to the training samples."""
    D = check_data(D, name, dtype=np.float64)
    where = f"{name}{context}"
    if D.shape[1] != n_train:
        raise ValueError(
            f"{where} must hold the dissimilarities to the {n_train} training samples, with shape "
            f"(n_samples, {n_train}); got shape {D.shape}."
        )
    if (D < 0).any():
        raise ValueError(
            f"{where} has negative entries (smallest {D.min():g}); dissimilarities must be >= 0."
        )
    return D


def edit_distances(strings):
    """Levenshtein distance between every two strings: a dissimilarity with no mean behind it.

    The distance is the smallest number of one-character insertions,
    deletions and substitutions turning one string into the other (Wagner &
    Fischer's dynamic programme, one row at a time). Meant for the small
    word lists of the lessons: the cost is O(n² L²) for n strings of length L.

    Parameters
    ----------
    strings : sequence of str

    Returns
    -------
    D : ndarray of shape (n_strings, n_strings)
        Float64, symmetric, zero on the diagonal.

    Examples
    --------
    >>> edit_distances(["kitten", "sitting", "mitten"]).astype(int).tolist()
    [[0, 3, 1], [3, 0, 3], [1, 3, 0]]
    """
    if isinstance(strings, str) or not all(isinstance(s, str) for s in strings):
        raise TypeError("strings must be a sequence of str, e.g. a list of words.")
    strings = list(strings)
    D = np.zeros((len(strings), len(strings)))
    for i, a in enumerate(strings):
        for j in range(i + 1, len(strings)):
            D[i, j] = D[j, i] = _levenshtein(a, strings[j])
    return D


def _levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
