"""Input checks shared by every public function.

Each check returns a fresh, validated value and raises ``TypeError`` or
``ValueError`` with a message that names the offending parameter. Nothing the
caller passed in is modified.
"""

import functools
import numbers
import warnings

import numpy as np

__all__ = [
    "ConvergenceWarning",
    "centres_from_callable",
    "check_centroids",
    "check_data",
    "check_init",
    "check_labels",
    "check_n_clusters",
    "check_non_negative_float",
    "check_positive_int",
    "check_random_state",
    "check_sample_weight",
]


class ConvergenceWarning(UserWarning):
    """Issued when a fit cannot produce as many distinct clusters as asked."""


def _is_sparse(value):
    # Duck-typed so that scipy is never imported: scipy.sparse matrices and arrays
    # (and pydata/sparse arrays) have both ``nnz`` and ``toarray``.
    module = type(value).__module__ or ""
    return module.startswith("scipy.sparse") or (hasattr(value, "nnz") and hasattr(value, "toarray"))


def _sparse_error(value, name):
    shape = getattr(value, "shape", None)
    size = ""
    if shape is not None and len(shape) == 2:
        n_bytes = shape[0] * shape[1] * 8
        units = (("GB", 1e9), ("MB", 1e6), ("kB", 1e3))
        unit, scale = next(((u, f) for u, f in units if n_bytes >= f), ("bytes", 1))
        size = f" (a dense float64 copy of shape {tuple(shape)} takes {n_bytes / scale:.3g} {unit})"
    return TypeError(
        f"{name} is a sparse matrix ({type(value).__name__}), but only dense arrays are supported; "
        f"convert it with {name + '.' if name.isidentifier() else ''}toarray() if it fits in memory{size}."
    )


def _first_non_number(array):
    """Index and error of the first entry of an object array that float() rejects."""
    for index in np.ndindex(array.shape):
        try:
            float(array[index])
        except (TypeError, ValueError) as exc:
            return index, exc
    return None, None


def _as_numeric_array(value, name, expected="an array-like of numbers"):
    if value is None:
        raise TypeError(f"{name} is None; pass {expected}.")
    if _is_sparse(value):
        raise _sparse_error(value, name)
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
            index, exc = _first_non_number(array)
            where = f" at index {index}" if array.ndim else ""
            detail = f"{array[index]!r}{where}: {exc}" if index is not None else "some entry"
            raise TypeError(
                f"{name} must hold numbers only, but it has non-numeric entries (dtype object, {detail})."
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
        Numbers only: lists, integer and boolean arrays and DataFrames are
        accepted; None and sparse matrices are rejected with a ``TypeError``.
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
    array = _as_numeric_array(X, name, "an array of shape (n_samples, n_features)")
    if array.ndim == 0:
        raise ValueError(
            f"{name} must be 2-D with shape (n_samples, n_features), got a single number {X!r}."
        )
    if array.ndim == 1:
        raise ValueError(
            f"{name} must be 2-D with shape (n_samples, n_features), got a 1-D array of shape "
            f"{array.shape}. Reshape your data: use {name}.reshape(-1, 1) if it holds one feature, "
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
        # The wording of scikit-learn's check_array, which its estimator checks look for.
        raise ValueError(
            f"{name} has 0 feature(s) (shape={array.shape}) while a minimum of 1 is required."
        )
    array = np.ascontiguousarray(array, dtype=_float_dtype(array, dtype))
    _check_finite(array, name)
    return array


def check_centroids(centroids, n_features, dtype, name="centroids", n_clusters=None):
    """Validate an array of centres of shape (n_clusters, n_features); returns a copy."""
    array = _as_numeric_array(centroids, name, "an array of shape (n_clusters, n_features)")
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


def check_init(init, methods, X, n_clusters, *, allow_callable=False):
    """Validate ``init``: one of the names in ``methods``, initial centres for X, or a callable.

    Parameters
    ----------
    init : str, array-like of shape (n_clusters, n_features) or callable
    methods : sequence of str
        The accepted names, in the order the error message lists them.
    X : ndarray of shape (n_samples, n_features)
        Validated data; the centres must match its features and get its dtype.
    n_clusters : int
    allow_callable : bool, default=False
        Accept a callable ``init(X, n_clusters, random_state)`` that returns
        the initial centres (see :func:`centres_from_callable`).

    Returns
    -------
    init : str, ndarray of shape (n_clusters, n_features) or callable
        The name as given, a checked copy of the centres, or for a callable
        ``init`` a function of one argument, the ``numpy.random.Generator``
        of the run, that calls it on X and returns its checked centres.
    """
    if isinstance(init, str):
        if init not in methods:
            names = ", ".join(repr(method) for method in methods)
            others = ", an array of centres or a callable" if allow_callable else " or an array of centres"
            raise ValueError(f"init must be {names}{others}, got {init!r}.")
        return init
    if allow_callable and callable(init):
        return functools.partial(centres_from_callable, init, X, n_clusters)
    return check_centroids(init, X.shape[1], X.dtype, name="init", n_clusters=n_clusters)


def centres_from_callable(init, X, n_clusters, random_state):
    """Call ``init(X, n_clusters, random_state)`` and check the centres it returns.

    This is scikit-learn's convention for a callable ``init``, except that
    ``random_state`` is the ``numpy.random.Generator`` of the run rather than a
    ``numpy.random.RandomState``.

    Parameters
    ----------
    init : callable
        Called with a read-only view of X, so it cannot change the data.
    X : ndarray of shape (n_samples, n_features)
        Validated data.
    n_clusters : int
    random_state : numpy.random.Generator

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features)
        A finite copy with the dtype of X.

    Raises
    ------
    TypeError, ValueError
        When the returned value is not finite numbers of that shape; the
        message names ``init``.
    """
    view = X.view()
    view.flags.writeable = False
    centres = init(view, n_clusters, random_state)
    name = f"init (the centres returned by {getattr(init, '__name__', type(init).__name__)})"
    return check_centroids(centres, X.shape[1], X.dtype, name=name, n_clusters=n_clusters)


def check_positive_int(value, name, *, minimum=1):
    """Return ``value`` as an int, or raise if it is not an integer >= ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer >= {minimum}, got {value!r} of type {type(value).__name__}."
        )
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}.")
    return int(value)


def check_non_negative_float(value, name):
    """Return ``value`` as a float, or raise if it is not a finite number >= 0."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a non-negative number, got {value!r} of type {type(value).__name__}."
        )
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
    used as it is (and advanced by the caller's draws). A legacy
    ``numpy.random.RandomState`` seeds a new Generator with four 32-bit words
    drawn from it: the same RandomState state gives the same results, and
    the RandomState is advanced, as scikit-learn advances it. The results
    differ from those of the int that seeded the RandomState.
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(0, 2**32, size=4, dtype=np.uint64))
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, (bool, np.bool_)):
        if random_state < 0:
            raise ValueError(f"random_state must be a non-negative int, got {random_state}.")
        return np.random.default_rng(int(random_state))
    raise TypeError(
        "random_state must be None, a non-negative int, a numpy.random.Generator or a "
        f"numpy.random.RandomState, got {random_state!r} of type {type(random_state).__name__}."
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


def check_labels(labels, n_samples, n_clusters, name="labels"):
    """Validate cluster labels: integers in ``[0, n_clusters)``, one per sample.

    Floats are accepted when every value is a whole number (``[0.0, 1.0]``,
    as scikit-learn accepts class labels); ``0.5``, NaN, booleans and strings
    are rejected with a ``TypeError`` naming the parameter.

    Returns
    -------
    labels : ndarray of shape (n_samples,)
        A new intp array.
    """
    array = _as_numeric_array(labels, name, f"an array of {n_samples} integer labels")
    if array.ndim != 1 or array.shape[0] != n_samples:
        raise ValueError(f"{name} must have shape ({n_samples},) to match X, got shape {array.shape}.")
    if array.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(array) | (array != np.round(array)))
        if bad.size:
            raise TypeError(
                f"{name} must be integers (cluster indices 0 to {n_clusters - 1}), got the non-integer "
                f"value {array[bad[0]].item()!r} at index {bad[0]}."
            )
    elif array.dtype.kind not in "iu":
        raise TypeError(f"{name} must be integers (cluster indices), got dtype {array.dtype}.")
    outside = np.flatnonzero((array < 0) | (array >= n_clusters))
    if outside.size:
        bad = array[outside[0]]
        bad = int(bad) if abs(bad) < 2**53 else bad
        raise ValueError(f"{name} must lie in [0, n_clusters={n_clusters}), got label {bad}.")
    return array.astype(np.intp)


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
