"""Input checks for dask arrays: shapes and dtypes now, values during the fit's first pass."""

import dask.array as da
import numpy as np

from .._validation import check_data, check_sample_weight

#: Bytes in one chunk when a NumPy array is cut into chunks.
CHUNK_BYTES = 2**25


def _float_dtype(dtype):
    return np.dtype(np.float32) if dtype == np.float32 else np.dtype(np.float64)


def as_dask_data(X, dtype=None, *, persist=True):
    """X as a floating dask array chunked by rows only.

    Parameters
    ----------
    X : dask.array.Array or array-like of shape (n_samples, n_features)
        A dask array is checked for its shape and dtype only (its values are
        checked by the fit's first pass). Anything else is checked as
        ``kl.KMeans`` checks it, then cut into chunks of about 32 MB.
    dtype : dtype, optional
        Force this floating dtype; by default float32 stays float32 and
        everything else becomes float64.
    persist : bool, default=True
        Persist a converted NumPy array, so that it is sent to the workers once.

    Returns
    -------
    X : dask.array.Array of shape (n_samples, n_features)
    """
    if not isinstance(X, da.Array):
        X = check_data(X, dtype=dtype)
        rows = max(1, CHUNK_BYTES // (X.shape[1] * X.itemsize))
        X = da.from_array(X, chunks=(rows, -1))
        return X.persist() if persist else X
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D with shape (n_samples, n_features), got {X.ndim}-D with shape {X.shape}."
        )
    if any(np.isnan(size) for size in X.shape):
        raise ValueError(f"X has unknown chunk sizes (shape {X.shape}); call X.compute_chunk_sizes() first.")
    if X.dtype.kind not in "biuf":
        kind = "complex" if X.dtype.kind == "c" else "not numeric"
        raise TypeError(f"X must hold real numbers, got dtype {X.dtype} ({kind}).")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X is empty: shape {X.shape}.")
    X = X.astype(_float_dtype(X.dtype) if dtype is None else np.dtype(dtype))
    if X.numblocks[1] > 1:
        X = X.rechunk({1: -1})
    return X


def as_dask_weights(sample_weight, X):
    """Sample weights as a dask array chunked like the rows of X, or None for unit weights.

    A dask array is checked for its shape here and for its values (finite,
    >= 0, not all 0) by the fit's first pass; anything else is checked now,
    as ``kl.KMeans`` checks it.
    """
    if sample_weight is None:
        return None
    if isinstance(sample_weight, da.Array):
        if sample_weight.shape != (X.shape[0],):
            raise ValueError(
                f"sample_weight must have shape ({X.shape[0]},) to match X, got shape {sample_weight.shape}."
            )
        if sample_weight.dtype.kind not in "biuf":
            raise TypeError(f"sample_weight must hold real numbers, got dtype {sample_weight.dtype}.")
        return sample_weight.astype(X.dtype).rechunk((X.chunks[0],))
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    return None if weights is None else da.from_array(weights, chunks=(X.chunks[0],))
