"""How the engine cuts its work: chunks of rows, tiles of products, pieces for the threads.

Every sample's row of distances is computed by the same sequence of operations
whatever the number of threads, so the results do not depend on scheduling.
"""

import numpy as np

from .threads import blas_threads_controllable

#: Elements of one (chunk, n_clusters) block of distances: about 2 MB in float64.
_BLOCK_ELEMENTS = 2**18

#: Most multiply-adds (rows × columns × depth) in one matrix-product tile when
#: OpenBLAS's own threads cannot be turned off: below this it computes on the calling thread.
_SMALL_TILE_BUDGET = 2**19 - 1

#: The same when BLAS is held to one thread (see ``threads``).
_LARGE_TILE_BUDGET = 2**23

#: Elements of the distance block each thread works on (about a core's L2 cache).
_THREAD_BLOCK_ELEMENTS = 2**16

#: Widest tile of centres in one product.
_MAX_TILE_COLUMNS = 256

#: Fewest rows worth handing to another thread.
MIN_ROWS_PER_TASK = 4096

#: Rows in one piece of work handed to a thread (a whole number of chunks).
_ROWS_PER_PIECE = 8192


def rows_per_chunk(n_clusters):
    """How many samples to process at once for ``n_clusters`` centres."""
    return int(min(8192, max(256, _BLOCK_ELEMENTS // max(n_clusters, 1))))


def _tile_budget():
    return _LARGE_TILE_BUDGET if blas_threads_controllable() else _SMALL_TILE_BUDGET


#: NumPy's ``argmin`` goes through a row this many values at a time (see padded_width).
ARGMIN_BLOCK = 16


def padded_width(n_clusters):
    """Columns of the block of distances to ``n_clusters`` centres.

    NumPy's ``argmin`` goes through a row 16 values at a time with SIMD and
    then through the rest one value at a time, far more slowly per value, so
    that a row of 15 distances takes longer than a row of 16. So the block is
    padded with columns of +inf (never the minimum) to the next multiple of 16
    when the rest would be long: 10 or more values in a row shorter than 16,
    which has no SIMD part at all, and 13 or more after whole blocks of 16;
    below that, padding gained nothing in the benchmarks (benchmarks/README.md).
    """
    tail = n_clusters % ARGMIN_BLOCK
    worth_padding = tail >= (10 if n_clusters < ARGMIN_BLOCK else 13)
    return n_clusters - tail + ARGMIN_BLOCK if worth_padding else n_clusters


def squared_norms(X):
    """Row-wise ‖x‖², shape (n_samples,)."""
    return np.einsum("ij,ij->i", X, X)


class ProductPlan:
    """How to cut the distances of ``n_samples`` rows to ``n_clusters`` centres into work.

    Rows go in chunks of ``chunk_rows`` (one block of distances per chunk,
    small enough to stay in cache); the product giving a chunk is computed
    in tiles of ``tile_rows`` rows by ``columns``, each within the budget of
    multiply-adds that :func:`_tile_budget` allows.
    """

    def __init__(self, n_samples, depth, n_clusters):
        n_column_tiles = -(-n_clusters // _MAX_TILE_COLUMNS)
        width = -(-n_clusters // n_column_tiles)
        self.columns = [(j, min(j + width, n_clusters)) for j in range(0, n_clusters, width)]
        block_rows = max(256, _THREAD_BLOCK_ELEMENTS // n_clusters)
        self.tile_rows = max(8, min(block_rows, _tile_budget() // (depth * width)))
        self.chunk_rows = block_rows // self.tile_rows * self.tile_rows
        piece_rows = self.chunk_rows * -(-_ROWS_PER_PIECE // self.chunk_rows)
        self.pieces = [
            (start, min(start + piece_rows, n_samples)) for start in range(0, n_samples, piece_rows)
        ]
        # Small problems stay on the calling thread: handing work over costs more.
        self.parallel = n_samples >= 2 * MIN_ROWS_PER_TASK


class RowsPlan:
    """Chunks of samples for the distances to a few rows (k-means++ candidates).

    One product per chunk, within the budget of :func:`_tile_budget`.
    """

    def __init__(self, n_samples, depth, n_rows):
        self.chunk_rows = max(256, min(_tile_budget() // (depth * n_rows), _THREAD_BLOCK_ELEMENTS // n_rows))
        self.chunk_starts = range(0, n_samples, self.chunk_rows)
        self.parallel = n_samples >= 2 * MIN_ROWS_PER_TASK


