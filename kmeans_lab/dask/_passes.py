"""Passes over a chunked data set: one task per chunk, results combined in a tree.

A :class:`ChunkedData` holds X (and the sample weights) for a fit.
:meth:`ChunkedData.map_reduce` sends a function of a chunk to every chunk and
combines the small results ``SPLIT_EVERY`` at a time, so that the client
receives one result and no worker gathers them all. The small arrays a pass
needs (the origin, the centres) enter the task graph once.
"""

import dask
import dask.array as da
import numpy as np

#: Partial results combined by one task of the tree reduction.
SPLIT_EVERY = 8


def _fold(parts, combine):
    """``combine`` applied left to right over ``parts``: a fixed order, so the same sum every time."""
    result = parts[0]
    for part in parts[1:]:
        result = combine(result, part)
    return result


def tree_reduce(parts, combine, split_every=SPLIT_EVERY):
    """Combine delayed ``parts`` with ``combine(a, b)``, ``split_every`` at a time, level by level.

    Parameters
    ----------
    parts : list of dask.delayed.Delayed
    combine : callable
    split_every : int, default=SPLIT_EVERY

    Returns
    -------
    dask.delayed.Delayed
    """
    fold = dask.delayed(_fold, pure=True)
    while len(parts) > 1:
        parts = [fold(parts[i : i + split_every], combine) for i in range(0, len(parts), split_every)]
    return parts[0]


def _concatenate(a, b):
    return tuple(np.concatenate([x, y]) for x, y in zip(a, b))


def _on_chunk(X, *args, function, weighted, starts, n_args, block_id=None):
    """Call ``function`` on one chunk (and its weights), with its number or first row if asked for."""
    sample_weight, args = (args[0][:, 0], args[1:]) if weighted else (None, args)
    extra = {"index": block_id[0], "start": int(starts[block_id[0]])}
    return function(X, sample_weight, *args[:n_args], *(extra[name] for name in args[n_args:]))


class ChunkedData:
    """X (and the sample weights), to send a function of a chunk to each chunk.

    Parameters
    ----------
    X : dask.array.Array of shape (n_samples, n_features)
        One chunk across the features.
    sample_weight : dask.array.Array of shape (n_samples,) or None
        Chunked like the rows of X.
    """

    def __init__(self, X, sample_weight=None):
        self.X = X
        self.weighted = sample_weight is not None
        self.arrays = [X] if sample_weight is None else [X, sample_weight[:, None]]
        self.starts = np.concatenate([[0], np.cumsum(X.chunks[0])[:-1]]).astype(np.intp)

    def __len__(self):
        return self.X.numblocks[0]

    def tasks(self, function, *args, index_args=()):
        """``function(chunk, weights, *args, *per_chunk)`` for each chunk, as delayed objects.

        ``args`` that are NumPy arrays enter the graph once and are shared by
        the tasks; ``index_args`` names per-chunk extras: ``"index"`` (the
        chunk's number) or ``"start"`` (its first row in X).
        """
        shared = [dask.delayed(arg, pure=True) if isinstance(arg, np.ndarray) else arg for arg in args]
        blocks = da.map_blocks(
            _on_chunk,
            *self.arrays,
            *shared,
            *index_args,
            function=function,
            weighted=self.weighted,
            starts=self.starts,
            n_args=len(args),
            drop_axis=1,
            chunks=((1,) * len(self),),
            dtype=object,
            meta=np.empty((0,), dtype=object),
        )
        return list(blocks.to_delayed())

    def map_reduce(self, function, *args, combine, index_args=()):
        """Run ``function`` on every chunk and return the combined result (computed)."""
        return dask.compute(tree_reduce(self.tasks(function, *args, index_args=index_args), combine))[0]

    def map_concatenate(self, function, *args, index_args=()):
        """Run ``function`` on every chunk and concatenate its tuples of arrays, chunk after chunk."""
        return self.map_reduce(function, *args, combine=_concatenate, index_args=index_args)

    def map_gather(self, function, *args, index_args=()):
        """Run ``function`` on every chunk and return the list of small results, in chunk order."""
        return list(dask.compute(*self.tasks(function, *args, index_args=index_args)))
