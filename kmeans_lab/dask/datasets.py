"""Data sets made lazily, one chunk at a time, on the workers."""

import dask.array as da
import numpy as np

from .._validation import check_positive_int

__all__ = ["make_blobs"]


def _blob_block(block_info=None, *, centres, seed, cluster_std, out_dtype):
    """The rows of one chunk: its own generator, seeded by the chunk's number."""
    info = block_info[None]
    (start, stop), _ = info["array-location"]
    rng = np.random.default_rng([seed, info["chunk-location"][0]])
    n_rows, n_features = stop - start, centres.shape[1]
    block = rng.standard_normal((n_rows, n_features), dtype=out_dtype)
    block *= cluster_std
    block += centres[rng.integers(centres.shape[0], size=n_rows)]
    return block


def make_blobs(
    n_samples,
    n_features=2,
    centers=3,
    *,
    cluster_std=1.0,
    chunk_rows=100_000,
    random_state=0,
    dtype=np.float64,
):
    """Gaussian blobs as a lazy dask array: each chunk is drawn where it is computed.

    Nothing is drawn on the client: the array is a graph of one task per
    chunk, and computing a chunk again (after a worker was lost, or in the
    next pass of an out-of-core fit) gives the same numbers.

    Parameters
    ----------
    n_samples : int
    n_features : int, default=2
    centers : int or array-like of shape (n_centers, n_features), default=3
        Centres of the blobs, or how many to draw uniformly in [-10, 10]^n_features.
    cluster_std : float, default=1.0
    chunk_rows : int, default=100_000
        Rows per chunk.
    random_state : int, default=0
    dtype : float32 or float64, default=float64

    Returns
    -------
    X : dask.array.Array of shape (n_samples, n_features)
    centers : ndarray of shape (n_centers, n_features)
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_features = check_positive_int(n_features, "n_features")
    chunk_rows = check_positive_int(chunk_rows, "chunk_rows")
    seed = check_positive_int(random_state, "random_state", minimum=0)
    if np.ndim(centers) == 0:
        n_centres = check_positive_int(centers, "centers")
        centers = np.random.default_rng([seed, 2**32]).uniform(-10, 10, size=(n_centres, n_features))
    centers = np.asarray(centers, dtype=np.float64)
    if centers.ndim != 2 or centers.shape[1] != n_features:
        raise ValueError(f"centers must have shape (n_centers, {n_features}), got shape {centers.shape}.")
    X = da.map_blocks(
        _blob_block,
        chunks=(da.core.normalize_chunks((chunk_rows,), (n_samples,))[0], (n_features,)),
        dtype=np.dtype(dtype),
        meta=np.empty((0, n_features), dtype=dtype),
        centres=centers,
        seed=seed,
        cluster_std=float(cluster_std),
        out_dtype=np.dtype(dtype),
    )
    return X, centers
