"""Vectorised kernels behind the public functions.

The distance ‖x − c‖² is computed in its GEMM form ‖x‖² − 2 x·c + ‖c‖² on data
centred at its mean (which keeps the cancellation small), over chunks of rows so
that no (n_samples, n_clusters) matrix is ever held. The column of ones appended
to the data lets a single matrix product return ‖c‖² − 2 x·c directly.

Speed. The chunks are shared out between a few threads (NumPy's matrix product,
``argmin``, ``take`` and ``bincount`` release the GIL), as scikit-learn shares
its chunks between OpenMP threads. While they run, OpenBLAS is held to one
thread (see ``_blas``), so that its own threads do not compete with ours, and
each chunk's distances come from one matrix product whose block of results
fits in a core's cache. Where OpenBLAS cannot be held to one thread, the
products are cut into tiles of fewer than 2¹⁹ multiply-adds, the size below
which OpenBLAS computes on the calling thread. Every sample's row of distances
is computed by the same sequence of operations whatever the number of threads,
so the results do not depend on scheduling. Large arrays are allocated once
and reused: on a fresh array every page costs a page fault on first touch.
"""

import threading

import numpy as np

from ._engine.threads import blas_threads_controllable, n_threads, run_in_threads, single_threaded_blas

#: Elements of one (chunk, n_clusters) block of distances: about 2 MB in float64.
_BLOCK_ELEMENTS = 2**18

#: Most multiply-adds (rows × columns × depth) in one matrix-product tile when
#: OpenBLAS's own threads cannot be turned off: below this it computes on the calling thread.
_SMALL_TILE_BUDGET = 2**19 - 1

#: The same when OpenBLAS is held to one thread (see ``_blas``).
_LARGE_TILE_BUDGET = 2**23

#: Elements of the distance block each thread works on (about a core's L2 cache).
_THREAD_BLOCK_ELEMENTS = 2**16

#: Widest tile of centres in one product.
_MAX_TILE_COLUMNS = 256

#: Fewest rows worth handing to another thread.
_MIN_ROWS_PER_TASK = 4096

#: Rows in one piece of work handed to a thread (a whole number of chunks).
_ROWS_PER_PIECE = 8192


def rows_per_chunk(n_clusters):
    """How many samples to process at once for ``n_clusters`` centres."""
    return int(min(8192, max(256, _BLOCK_ELEMENTS // max(n_clusters, 1))))


def _tile_budget():
    return _LARGE_TILE_BUDGET if blas_threads_controllable() else _SMALL_TILE_BUDGET


#: NumPy's ``argmin`` goes through a row this many values at a time (see _padded_width).
_ARGMIN_BLOCK = 16


def _padded_width(n_clusters):
    """Columns of the block of distances to ``n_clusters`` centres.

    NumPy's ``argmin`` goes through a row 16 values at a time with SIMD and
    then through the rest one value at a time, at about 3 ns each on the
    machine the benchmarks ran on: a row of 15 distances costs about 50 ns, a
    row of 16 about 17 ns. So the block is padded with columns of +inf (never
    the minimum) to the next multiple of 16 when the rest would be long: 10 or
    more values in a row shorter than 16, which has no SIMD part at all, and
    13 or more after whole blocks of 16; below that, padding saved nothing
    measurable.
    """
    tail = n_clusters % _ARGMIN_BLOCK
    worth_padding = tail >= (10 if n_clusters < _ARGMIN_BLOCK else 13)
    return n_clusters - tail + _ARGMIN_BLOCK if worth_padding else n_clusters


def squared_norms(X):
    """Row-wise ‖x‖², shape (n_samples,)."""
    return np.einsum("ij,ij->i", X, X)


class _ProductPlan:
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
        self.pieces = [(start, min(start + piece_rows, n_samples)) for start in range(0, n_samples, piece_rows)]
        # Small problems stay on the calling thread: handing work over costs more.
        self.parallel = n_samples >= 2 * _MIN_ROWS_PER_TASK


class _RowsPlan:
    """Chunks of samples for the distances to a few rows (k-means++ candidates).

    One product per chunk, within the budget of :func:`_tile_budget`.
    """

    def __init__(self, n_samples, depth, n_rows):
        self.chunk_rows = max(256, min(_tile_budget() // (depth * n_rows), _THREAD_BLOCK_ELEMENTS // n_rows))
        self.chunk_starts = range(0, n_samples, self.chunk_rows)
        self.parallel = n_samples >= 2 * _MIN_ROWS_PER_TASK


class PreparedData:
    """Data laid out once for repeated assignment and update steps.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated floating data; it is copied, never modified.
    sample_weight : ndarray of shape (n_samples,) or None
        None means unit weights.
    mean : ndarray of shape (n_features,), optional
        The origin of the centred frame; the data's own mean by default.
    """

    def __init__(self, X, sample_weight=None, mean=None):
        n_samples, n_features = X.shape
        self.dtype = X.dtype
        self.n_samples, self.n_features = n_samples, n_features
        self.mean = X.mean(axis=0) if mean is None else np.asarray(mean, dtype=X.dtype)
        self.augmented = np.empty((n_samples, n_features + 1), dtype=X.dtype)
        np.subtract(X, self.mean, out=self.augmented[:, :n_features])
        self.augmented[:, n_features] = 1.0
        self.centred = self.augmented[:, :n_features]
        self.sq_norms = squared_norms(self.centred)
        self.sample_weight = sample_weight
        # One contiguous row per feature makes np.bincount (the per-cluster sums) fast.
        features_by_row = np.ascontiguousarray(self.centred.T)
        if sample_weight is not None:
            features_by_row *= sample_weight
        self.weighted_features = features_by_row
        # Scratch blocks of distances, handed back after each use (see _borrow).
        self._scratch = []

    def _borrow(self, shape):
        """A scratch array of ``shape``: reused between calls, since fresh large arrays cost page faults."""
        while self._scratch:
            try:
                array = self._scratch.pop()  # atomic, so threads never share one array
            except IndexError:
                break
            if array.shape == shape:
                return array
        return np.empty(shape, dtype=self.dtype)

    def centre(self, centroids):
        """Move centroids into the centred frame of the data."""
        return np.ascontiguousarray(centroids - self.mean, dtype=self.dtype)

    def uncentre(self, centroids):
        return centroids + self.mean

    def nearest(self, centroids, with_distances=True, out=None, on_rows=None):
        """Label of the nearest centroid and the squared distance to it.

        Parameters
        ----------
        centroids : ndarray of shape (n_clusters, n_features)
            In the centred frame.
        with_distances : bool, default=True
            False skips the distances (Lloyd's loop needs only the labels).
        out : ndarray of shape (n_samples,), dtype intp, optional
            Receives the labels (a loop can reuse two buffers this way).
        on_rows : callable, optional
            ``on_rows(start, stop)`` is called as soon as the labels of samples
            ``start:stop`` are written, on the thread that wrote them, while
            they are still in its cache. The pieces depend only on the shapes
            of the data and the centroids, not on the threads.

        Returns
        -------
        labels : ndarray of shape (n_samples,), dtype intp
            Ties go to the lowest index (up to floating-point rounding).
        min_sq_dist : ndarray of shape (n_samples,) or None
        """
        n_samples, n_features = self.n_samples, self.n_features
        # Columns beyond the centroids' are padding that can never be nearest (see _padded_width).
        n_clusters = centroids.shape[0]
        n_columns = _padded_width(n_clusters)
        stacked = np.zeros((n_features + 1, n_columns), dtype=self.dtype)
        stacked[:n_features, :n_clusters] = -2.0 * centroids.T
        stacked[n_features] = np.inf
        stacked[n_features, :n_clusters] = squared_norms(centroids)
        labels = np.empty(n_samples, dtype=np.intp) if out is None else out
        min_sq_dist = np.empty(n_samples, dtype=self.dtype) if with_distances else None
        depth = n_features + 1
        plan = _ProductPlan(n_samples, depth, n_columns)
        column_tiles = [(j0, j1, stacked[:, j0:j1]) for j0, j1 in plan.columns]
        rows, tile_rows = min(plan.chunk_rows, n_samples), plan.tile_rows
        # Position of element [i, 0] of a block in its flat view, to pick the minima with np.take.
        row_offsets = np.arange(0, rows * n_columns, n_columns, dtype=np.intp)
        augmented, sq_norms = self.augmented, self.sq_norms

        # Usually one product gives a chunk's distances: no tiles to loop over.
        single_product = len(column_tiles) == 1 and tile_rows >= rows

        def products_into(distances, start, stop):
            """‖c‖² − 2 x·c for samples start:stop, into ``distances``."""
            if single_product:
                np.matmul(augmented[start:stop], stacked, out=distances)
                return
            # One stacked product per column tile: NumPy loops over the row tiles itself.
            whole = (stop - start) // tile_rows * tile_rows
            if whole:
                samples = augmented[start : start + whole].reshape(-1, tile_rows, depth)
                tiles = distances[:whole].reshape(-1, tile_rows, n_columns)
                for j0, j1, centres in column_tiles:
                    np.matmul(samples, centres, out=tiles[:, :, j0:j1])
            if start + whole < stop:
                for j0, j1, centres in column_tiles:
                    np.matmul(augmented[start + whole : stop], centres, out=distances[whole:, j0:j1])

        def assign_pieces(pieces):
            block = self._borrow((rows, n_columns))
            flat_index = np.empty(rows, dtype=np.intp)
            for piece in pieces:
                piece_start, piece_stop = plan.pieces[piece]
                assign_chunks(piece_start, piece_stop, block, flat_index)
                if on_rows is not None:
                    on_rows(piece_start, piece_stop)
            self._scratch.append(block)

        def assign_chunks(piece_start, piece_stop, block, flat_index):
            for start in range(piece_start, piece_stop, rows):
                stop = min(start + rows, piece_stop)
                size = stop - start
                distances = block[:size]
                products_into(distances, start, stop)
                chunk_labels = distances.argmin(axis=1, out=labels[start:stop])
                if not with_distances:
                    continue
                np.add(chunk_labels, row_offsets[:size], out=flat_index[:size])
                chunk_min = np.take(block.reshape(-1), flat_index[:size], out=min_sq_dist[start:stop])
                chunk_min += sq_norms[start:stop]

        pieces = range(len(plan.pieces))
        with single_threaded_blas():
            if plan.parallel:
                run_in_threads(assign_pieces, pieces)
            else:
                assign_pieces(pieces)
        if with_distances:
            np.maximum(min_sq_dist, 0.0, out=min_sq_dist)
        return labels, min_sq_dist

    def candidate_potentials(self, rows, closest, out):
        """k-means++ potentials Σᵢ wᵢ · min(closestᵢ, ‖xᵢ − x_r‖²) for each r in ``rows``.

        Parameters
        ----------
        rows : ndarray of shape (n_candidates,)
            Indices of the candidate centres (samples of the data).
        closest : ndarray of shape (n_samples,)
            Squared distance of each sample to its nearest chosen centre.
        out : ndarray of shape (n_candidates, n_samples)
            Receives min(closest, ‖x − x_r‖²), the next ``closest`` if r wins.

        Returns
        -------
        potentials : ndarray of shape (n_candidates,), float64
            Summed over fixed chunks in a fixed order, whatever the threads.
        """
        plan = _RowsPlan(self.n_samples, self.n_features + 1, len(rows))
        partial = np.empty((len(plan.chunk_starts), len(rows)), dtype=np.float64)
        centres = self._stacked_rows(rows)
        weights = self.sample_weight

        def potentials_of_chunks(chunk_indices):
            for index in chunk_indices:
                start = plan.chunk_starts[index]
                stop = min(start + plan.chunk_rows, self.n_samples)
                distances = self._distances_to_rows(centres, start, stop, out[:, start:stop])
                np.minimum(distances, closest[start:stop], out=distances)
                if weights is None:
                    partial[index] = distances.sum(axis=1, dtype=np.float64)
                else:
                    partial[index] = np.einsum("ij,j->i", distances, weights[start:stop])

        with single_threaded_blas():
            self._run(potentials_of_chunks, plan)
        return partial.sum(axis=0)

    def sq_dist_to_row(self, row):
        """‖x − x_row‖² for every sample, shape (n_samples,)."""
        closest = np.full(self.n_samples, np.inf, dtype=self.dtype)
        out = np.empty((1, self.n_samples), dtype=self.dtype)
        self.candidate_potentials(np.array([row]), closest, out)
        return out[0]

    def _stacked_rows(self, rows):
        """(n_rows, n_features + 1): [−2 x_r, ‖x_r‖²], so that a product with [x, 1] gives ‖x_r‖² − 2 x_r·x."""
        stacked = np.empty((len(rows), self.n_features + 1), dtype=self.dtype)
        np.multiply(self.centred[rows], -2.0, out=stacked[:, : self.n_features])
        stacked[:, self.n_features] = self.sq_norms[rows]
        return stacked

    def _distances_to_rows(self, stacked, start, stop, out):
        """‖x − x_r‖² (clipped at 0) for samples ``start:stop`` and the rows in ``stacked``, into ``out``."""
        if len(stacked) == 1:
            # NumPy would call BLAS's matrix-vector product, which OpenBLAS threads from ~10⁴ elements.
            np.einsum("ij,j->i", self.augmented[start:stop], stacked[0], out=out[0])
        else:
            np.matmul(stacked, self.augmented[start:stop].T, out=out)
        out += self.sq_norms[start:stop]
        return np.maximum(out, 0.0, out=out)

    def _run(self, task, plan):
        chunks = range(len(plan.chunk_starts))
        if plan.parallel:
            run_in_threads(task, chunks)
        else:
            task(chunks)

    def weighted_total(self, values):
        """Σ wᵢ · valuesᵢ."""
        if self.sample_weight is None:
            return float(values.sum(dtype=np.float64))
        return float(np.dot(values.astype(np.float64), self.sample_weight))

    def cluster_weights(self, labels, n_clusters):
        return np.bincount(labels, weights=self.sample_weight, minlength=n_clusters).astype(self.dtype)

    def cluster_sums(self, labels, n_clusters, dtype=None):
        """Weighted per-cluster sums of the centred data, shape (n_clusters, n_features).

        In the data's dtype unless ``dtype`` is given (the sums are made in float64).
        """
        sums = np.empty((n_clusters, self.n_features), dtype=self.dtype if dtype is None else dtype)
        features = self.weighted_features

        def sum_features(columns):
            # np.bincount releases the GIL: the features are shared out between threads.
            for j in columns:
                sums[:, j] = np.bincount(labels, weights=features[j], minlength=n_clusters)

        if self.n_samples >= 2 * _MIN_ROWS_PER_TASK:
            run_in_threads(sum_features, range(self.n_features))
        else:
            sum_features(range(self.n_features))
        return sums

    def exact_sq_dist(self, centroids, labels):
        """‖xᵢ − c_{labels[i]}‖² by direct differences (no cancellation), chunked."""
        out = np.empty(self.n_samples, dtype=self.dtype)
        step = 8192
        diff = np.empty((min(step, self.n_samples), self.n_features), dtype=self.dtype)
        for start in range(0, self.n_samples, step):
            stop = min(start + step, self.n_samples)
            chunk = diff[: stop - start]
            np.take(centroids, labels[start:stop], axis=0, out=chunk)
            np.subtract(self.centred[start:stop], chunk, out=chunk)
            np.einsum("ij,ij->i", chunk, chunk, out=out[start:stop])
        return out

    def label_change_sums(self, labels, previous_labels, changed, n_clusters, scratch, start=0):
        """What moving the samples ``changed`` from ``previous_labels`` to ``labels`` adds to the cluster sums.

        Parameters
        ----------
        labels, previous_labels : ndarray of shape (n_piece,)
            Labels of the samples ``start:start + n_piece``.
        changed : ndarray of shape (n_changed,)
            Indices, within the piece, of the samples whose label changed.
        n_clusters : int
        scratch : ChangeScratch
            Buffers for at least ``n_changed`` samples, reused from call to call
            (fresh large arrays cost page faults).
        start : int, default=0
            The first sample of the piece.

        Returns
        -------
        delta : ndarray of shape (n_clusters, n_features + 1), float64
            The change of the weighted sums of the features, then (last
            column) the change of the total weight of each cluster.
        """
        n_changed, depth = changed.size, self.n_features + 1
        values, bins, moved_labels = scratch.views(n_changed)
        gained, lost = values[:n_changed], values[n_changed:]
        # Whole rows are gathered (with the column of ones, which sums to the
        # weights): a few cache lines per sample, where one feature at a time
        # would cost a cache miss per sample and feature.
        rows = self.augmented[start:]
        if self.dtype == values.dtype:
            np.take(rows, changed, axis=0, out=gained)
        else:
            gained[...] = np.take(rows, changed, axis=0)
        if self.sample_weight is not None:
            gained *= self.sample_weight[start:][changed, None]
        np.negative(gained, out=lost)
        # One bincount over (cluster, feature) bins: +x into the new cluster, -x out of the old one.
        np.take(labels, changed, out=moved_labels[:n_changed])
        np.take(previous_labels, changed, out=moved_labels[n_changed:])
        np.take(scratch.bins_of(n_clusters), moved_labels, axis=0, out=bins)
        delta = np.bincount(bins.reshape(-1), values.reshape(-1), minlength=n_clusters * depth)
        return delta.reshape(n_clusters, depth)

    def update(self, labels, n_clusters, old_centroids=None, sums=None, weights=None):
        """The M-step: weighted means, with empty clusters relocated.

        A cluster left without weight takes the sample farthest from the centre
        it was assigned to (from ``old_centroids`` when given, else from the new
        means), as scikit-learn does; that sample's weight is moved out of its
        own cluster. When every sample sits exactly on its centre (fewer distinct
        points than clusters) nothing can be relocated and the empty cluster is
        placed on the centre of the heaviest cluster.

        Parameters
        ----------
        labels : ndarray of shape (n_samples,)
        n_clusters : int
        old_centroids : ndarray of shape (n_clusters, n_features), optional
            In the centred frame.
        sums : ndarray of shape (n_clusters, n_features), optional
            ``cluster_sums(labels, n_clusters)`` if already known; it is not modified.
        weights : ndarray of shape (n_clusters,), optional
            ``cluster_weights(labels, n_clusters)`` if already known; it is not modified.

        Returns
        -------
        centroids : ndarray of shape (n_clusters, n_features)
            In the centred frame.
        weights : ndarray of shape (n_clusters,)
            Total sample weight in each cluster, after relocation.
        moves : list of (int, int)
            ``(sample index, empty cluster it was moved to)`` for each relocation.
        """
        sums = self.cluster_sums(labels, n_clusters) if sums is None else sums.copy()
        weights = self.cluster_weights(labels, n_clusters) if weights is None else weights.copy()
        empty = np.flatnonzero(weights == 0)
        moves = []
        if empty.size:
            reference = old_centroids
            if reference is None:
                reference = _safe_average(sums, weights)
            distances = self.exact_sq_dist(reference, labels)
            if distances.max() > 0:
                n_empty = empty.size
                farthest = np.argpartition(distances, -n_empty)[: -n_empty - 1 : -1]
                unit = np.ones(1, dtype=self.dtype)
                for new_label, index in zip(empty, farthest):
                    w = unit[0] if self.sample_weight is None else self.sample_weight[index]
                    old_label = labels[index]
                    sums[old_label] -= self.centred[index] * w
                    sums[new_label] = self.centred[index] * w
                    weights[new_label] = w
                    weights[old_label] -= w
                    moves.append((int(index), int(new_label)))
        centroids = _safe_average(sums, weights)
        still_empty = weights <= 0
        if still_empty.any():
            centroids[still_empty] = centroids[np.argmax(weights)]
        return centroids, weights, moves


def _safe_average(sums, weights):
    """sums / weights row by row, leaving rows of zero weight at zero."""
    scale = np.zeros_like(weights)
    np.divide(1.0, weights, out=scale, where=weights > 0)
    return sums * scale[:, None]


class RunningClusterSums:
    """Per-cluster sums of the data along a run of Lloyd's algorithm.

    Late in a run few samples change cluster, so the sums are cheaper to
    correct for the samples that moved than to recompute. They are recomputed
    in full when many samples moved, and after every ``refresh_every``
    corrections, so rounding cannot build up. Small data sets are always
    summed in full. With unit weights the cluster sizes are corrected along
    with the sums (counts add up exactly); sample weights are summed afresh
    every time, so that an empty cluster always has exactly zero weight.

    The corrections are worked out piece by piece: by the threads of
    :meth:`PreparedData.nearest` as they finish each piece of labels (see
    :meth:`watch`), or else here. They are added up in the order of the
    pieces, which do not depend on the threads.

    Parameters
    ----------
    data : PreparedData
    n_clusters : int
    """

    #: Correct the sums only when at most this fraction of the samples moved.
    max_changed_fraction = 0.15

    #: Recompute in full after this many corrections in a row.
    refresh_every = 25

    def __init__(self, data, n_clusters):
        self.data = data
        self.n_clusters = n_clusters
        self.incremental = data.n_samples >= 2 * _MIN_ROWS_PER_TASK
        # Columns: the weighted sums of the features, then the total weight.
        self.totals = None
        self.corrections = 0
        self.last_changed = data.n_samples
        self.found = {}  # start of a piece: (stop, number changed, cluster weights or None, correction or None)
        self._local = threading.local()  # each thread's ChangeScratch, warm in its cache from piece to piece

    def _max_changed(self, n_samples):
        return int(self.max_changed_fraction * n_samples)

    def watch(self, labels, previous_labels):
        """A callback for ``nearest(..., on_rows=...)`` that works on each piece of new labels.

        It counts the samples whose label changed and, when the last iteration
        moved few samples (so this one most likely will too), works out their
        correction to the sums; otherwise, or with sample weights, it sums the
        weight of each cluster in the piece.
        """
        self.found = {}
        correcting = self._expect_correction(previous_labels)

        def on_rows(start, stop):
            self.found[start] = self._look_at(labels, previous_labels, start, stop, correcting)

        return on_rows

    def _expect_correction(self, previous_labels):
        """Whether to work out corrections: the last iteration moved few samples, so this one likely will."""
        return (
            previous_labels is not None
            and self.incremental
            and self.corrections < self.refresh_every
            and self.last_changed <= self._max_changed(self.data.n_samples)
        )

    def _look_at(self, labels, previous_labels, start, stop, correcting):
        if previous_labels is None:
            return stop, stop - start, self._piece_weights(labels, start, stop), None
        # Few NumPy calls per piece: the other threads wait for the GIL between them.
        new, old = labels[start:stop], previous_labels[start:stop]
        changed = np.flatnonzero(new != old)
        if not (correcting and changed.size <= self._max_changed(stop - start)):
            return stop, changed.size, self._piece_weights(labels, start, stop), None
        weights = None if self.data.sample_weight is None else self._piece_weights(labels, start, stop)
        if changed.size == 0:
            return stop, 0, weights, 0.0
        scratch = getattr(self._local, "scratch", None)
        if scratch is None or scratch.capacity < changed.size:
            capacity = max(changed.size, self._max_changed(stop - start))
            scratch = self._local.scratch = ChangeScratch(capacity, self.data.n_features)
        correction = self.data.label_change_sums(new, old, changed, self.n_clusters, scratch, start)
        return stop, changed.size, weights, correction

    def _piece_weights(self, labels, start, stop):
        sample_weight = self.data.sample_weight
        return np.bincount(
            labels[start:stop],
            weights=None if sample_weight is None else sample_weight[start:stop],
            minlength=self.n_clusters,
        )

    def __call__(self, labels, previous_labels):
        """Sums for ``labels``, given the labels of the previous call (None on the first).

        Uses what the callback of :meth:`watch` found, if it saw every sample.

        Returns
        -------
        sums : ndarray of shape (n_clusters, n_features)
            A copy the caller may modify.
        weights : ndarray of shape (n_clusters,)
            Total sample weight of each cluster.
        n_changed : int
            Samples whose label differs from ``previous_labels`` (all on the first call).
        """
        data, n_clusters, n_features = self.data, self.n_clusters, self.data.n_features
        found, self.found = self.found, {}
        if sum(stop - start for start, (stop, *_) in found.items()) != data.n_samples:
            correcting = self._expect_correction(previous_labels)
            found = {0: self._look_at(labels, previous_labels, 0, data.n_samples, correcting)}
        pieces = [found[start] for start in sorted(found)]
        n_changed = sum(piece[1] for piece in pieces)
        corrections = [piece[3] for piece in pieces]
        weights = None
        if all(piece[2] is not None for piece in pieces):
            weights = np.zeros(n_clusters, dtype=np.float64)
            for piece in pieces:
                weights += piece[2]
        if (
            previous_labels is not None
            and n_changed <= self._max_changed(data.n_samples)
            and all(correction is not None for correction in corrections)
        ):
            for correction in corrections:
                self.totals += correction
            self.corrections += 1
        else:
            # Kept in float64 whatever the data's type, so corrections add no float32 rounding.
            self.totals = np.empty((n_clusters, n_features + 1), dtype=np.float64)
            self.totals[:, :n_features] = data.cluster_sums(labels, n_clusters, dtype=np.float64)
            if weights is None:
                weights = np.bincount(labels, weights=data.sample_weight, minlength=n_clusters)
            self.totals[:, n_features] = weights
            self.corrections = 0
        if weights is None:
            weights = self.totals[:, n_features]  # unit weights: the corrected counts are exact
        self.last_changed = n_changed
        return self.totals[:, :n_features].astype(data.dtype), weights.astype(data.dtype), n_changed


class ChangeScratch:
    """Buffers for :meth:`PreparedData.label_change_sums`, for up to ``capacity`` changed samples."""

    def __init__(self, capacity, n_features):
        self.capacity = capacity
        self.depth = n_features + 1
        self._values = np.empty((2 * capacity, self.depth), dtype=np.float64)
        self._bins = np.empty((2 * capacity, self.depth), dtype=np.intp)
        self._labels = np.empty(2 * capacity, dtype=np.intp)
        self._bins_of = np.empty((0, self.depth), dtype=np.intp)

    def views(self, n_changed):
        """(values, bins, labels) for ``n_changed`` samples, contiguous.

        values and bins : (2 * n_changed, n_features + 1), a row for each
        sample entering a cluster, then one for each sample leaving one;
        labels : (2 * n_changed,), the new labels then the old ones.
        """
        rows = 2 * n_changed
        return self._values[:rows], self._bins[:rows], self._labels[:rows]

    def bins_of(self, n_clusters):
        """(n_clusters, n_features + 1): the bin of each (cluster, feature), ``cluster * (n_features + 1) + feature``."""
        if len(self._bins_of) != n_clusters:
            self._bins_of = np.arange(n_clusters * self.depth, dtype=np.intp).reshape(n_clusters, self.depth)
        return self._bins_of
