"""Input checks shared by every public function.

Each check returns a fresh, validated value and raises ``TypeError`` or
``ValueError`` with a message that names the offending parameter. Nothing the
caller passed in is modified.
"""

import numbers
import warnings

import numpy as np

__all__ = [
    "ConvergenceWarning",
    "check_data",
    "check_centroids",
    "check_init",
    "check_n_clusters",
    "check_positive_int",
    "check_non_negative_float",
    "check_random_state",
    "check_sample_weight",
    "check_labels",
]


class ConvergenceWarning(UserWarning):
    """Issued when a fit cannot produce as many distinct clusters as asked."""


def _as_numeric_array(value, name):
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numeric array-like, got a string: {value!r}.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.VisibleDeprecationWarning)
            array = np.asarray(value)
    except (ValueError, TypeError, np.exceptions.VisibleDeprecationWarning) as exc:
        raise TypeError(
            f"{name} could not be read as a numeric array ({exc}); "
            "check that every row has the same length."
        ) from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} is complex (dtype {array.dtype}); only real numbers can be clustered.")
    if array.dtype.kind == "O":
        try:
            array = array.astype(np.float64)
        except (ValueError, TypeError):
            raise TypeError(
                f"{name} must hold numbers only, but it has non-numeric entries "
                f"(dtype object, first entry {array.flat[0]!r})."
            ) from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be numeric, got dtype {array.dtype}.")
    return array


def _float_dtype(array, dtype):
    if dtype is not None:
        return np.dtype(dtype)
    return np.dtype(np.float32) if array.dtype == np.float32 else np.dtype(np.float64)


def _check_finite(array, name):
    if not np.isfinite(array).all():
        n_nan = int(np.isnan(array).sum())
        n_inf = int(np.isinf(array).sum())
        parts = []
        if n_nan:
            parts.append(f"{n_nan} NaN value{'s' if n_nan > 1 else ''}")
        if n_inf:
            parts.append(f"{n_inf} infinite value{'s' if n_inf > 1 else ''}")
        raise ValueError(f"{name} contains {' and '.join(parts)}; remove or impute them first.")


def check_data(X, name="X", *, dtype=None):
    """Validate a data matrix.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Numbers only: lists, integer and boolean arrays are accepted.
    name : str
        How the parameter is called in error messages.
    dtype : dtype, optional
        Force this floating dtype; by default float32 stays float32 and
        everything else becomes float64.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        C-contiguous floating array; a copy whenever a conversion was needed,
        never written to.
    """
    array = _as_numeric_array(X, name)
    if array.ndim == 1:
        raise ValueError(
            f"{name} must be 2-D with shape (n_samples, n_features), got a 1-D array of shape "
            f"{array.shape}. Use {name}.reshape(-1, 1) if it holds one feature, "
            f"or {name}.reshape(1, -1) if it is one sample."
        )
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (n_samples, n_features), got {array.ndim}-D "
            f"with shape {array.shape}."
        )
    if array.shape[0] == 0:
        raise ValueError(f"{name} is empty: it has 0 samples (shape {array.shape}).")
    if array.shape[1] == 0:
        raise ValueError(f"{name} has 0 features (shape {array.shape}); at least one is needed.")
    array = np.ascontiguousarray(array, dtype=_float_dtype(array, dtype))
    _check_finite(array, name)
    return array


def check_centroids(centroids, n_features, dtype, name="centroids", n_clusters=None):
    """Validate an array of centres of shape (n_clusters, n_features); returns a copy."""
    array = _as_numeric_array(centroids, name)
    if array.ndim != 2 or array.shape[1] != n_features or array.shape[0] == 0:
        expected = f"({n_clusters if n_clusters is not None else 'n_clusters'}, {n_features})"
        raise ValueError(f"{name} must have shape {expected} to match X, got shape {array.shape}.")
    if n_clusters is not None and array.shape[0] != n_clusters:
        raise ValueError(
            f"{name} has {array.shape[0]} rows but n_clusters={n_clusters}; "
            f"it must have shape ({n_clusters}, {n_features})."
        )
    array = np.array(array, dtype=dtype, order="C", copy=True)
    _check_finite(array, name)
    return array


def check_init(init, methods, X, n_clusters):
    """Validate ``init``: one of the names in ``methods``, or initial centres for X.

    Parameters
    ----------
    init : str or array-like of shape (n_clusters, n_features)
    methods : sequence of str
        The accepted names, in the order the error message lists them.
    X : ndarray of shape (n_samples, n_features)
        Validated data; the centres must match its features and get its dtype.
    n_clusters : int

    Returns
    -------
    init : str or ndarray of shape (n_clusters, n_features)
        The name as given, or a checked copy of the centres.
    """
    if isinstance(init, str):
        if init not in methods:
            names = ", ".join(repr(method) for method in methods)
            raise ValueError(f"init must be {names} or an array of centres, got {init!r}.")
        return init
    return check_centroids(init, X.shape[1], X.dtype, name="init", n_clusters=n_clusters)


def check_positive_int(value, name, *, minimum=1):
    """Return ``value`` as an int, or raise if it is not an integer >= ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {value!r} of type {type(value).__name__}.")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}.")
    return int(value)


def check_non_negative_float(value, name):
    """Return ``value`` as a float, or raise if it is not a finite number >= 0."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a non-negative number, got {value!r} of type {type(value).__name__}.")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}.")
    return float(value)


def check_n_clusters(n_clusters, n_samples):
    """Validate ``n_clusters`` against the number of samples."""
    n_clusters = check_positive_int(n_clusters, "n_clusters")
    if n_clusters > n_samples:
        raise ValueError(f"n_samples={n_samples} should be >= n_clusters={n_clusters}.")
    return n_clusters


def check_random_state(random_state):
    """Turn ``random_state`` into a ``numpy.random.Generator``.

    None gives fresh entropy, an int a seeded generator, and a Generator is
    used as it is (and advanced by the caller's draws).
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, (bool, np.bool_)):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative int, got {random_state}.")
        return np.random.default_rng(int(random_state))
    raise TypeError(
        "random_state must be None, a non-negative int or a numpy.random.Generator, "
        f"got {random_state!r} of type {type(random_state).__name__}."
    )


def check_sample_weight(sample_weight, n_samples, dtype):
    """Validate sample weights; None means every sample has weight 1.

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,) or None
        A new array, or None when every weight is one (the fast path).
    """
    if sample_weight is None:
        return None
    weights = _as_numeric_array(sample_weight, "sample_weight")
    if weights.ndim == 0:
        weights = np.full(n_samples, float(weights))
    if weights.shape != (n_samples,):
        raise ValueError(
            f"sample_weight must have shape ({n_samples},) to match X, got shape {weights.shape}."
        )
    weights = np.array(weights, dtype=dtype, copy=True)
    _check_finite(weights, "sample_weight")
    if (weights < 0).any():
        raise ValueError(f"sample_weight must be >= 0, got {int((weights < 0).sum())} negative value(s).")
    if not weights.any():
        raise ValueError("sample_weight must have at least one positive value; all are zero.")
    if (weights == 1).all():
        return None
    return weights


def check_labels(labels, n_samples, n_clusters):
    """Validate cluster labels: integers in ``[0, n_clusters)``, one per sample."""
    array = _as_numeric_array(labels, "labels")
    if array.ndim != 1 or array.shape[0] != n_samples:
        raise ValueError(f"labels must have shape ({n_samples},) to match X, got shape {array.shape}.")
    if array.dtype.kind == "f":
        if not np.isfinite(array).all() or (array != np.round(array)).any():
            raise TypeError("labels must be integers, got non-integer floats.")
    elif array.dtype.kind not in "iu":
        raise TypeError(f"labels must be integers, got dtype {array.dtype}.")
    array = array.astype(np.intp)
    if n_samples and (array.min() < 0 or array.max() >= n_clusters):
        bad = array[(array < 0) | (array >= n_clusters)][0]
        raise ValueError(f"labels must lie in [0, n_clusters={n_clusters}), got label {bad}.")
    return array


def check_finite_array(value, name):
    """Validate an array of finite real numbers, of any shape.

    Parameters
    ----------
    value : array-like
    name : str
        How the parameter is called in error messages.

    Returns
    -------
    array : ndarray
        ``value`` as an array with its numeric dtype kept (integers stay
        integers); the caller checks the shape and must not write to it.
    """
    array = _as_numeric_array(value, name)
    _check_finite(array, name)
    return array
