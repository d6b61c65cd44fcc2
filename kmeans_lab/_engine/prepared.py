"""Data laid out once for the engine's repeated assignment and update steps.

The distance ‖x − c‖² is computed in its product form ‖x‖² − 2 x·c + ‖c‖² on
data centred at its mean (which keeps the cancellation small), over chunks of
rows so that no (n_samples, n_clusters) matrix is ever held. The column of ones
appended to the data lets a single matrix product return ‖c‖² − 2 x·c, all the
nearest centre needs (‖x‖² is the same for every centre).

Speed. The chunks are shared out between a few threads (NumPy's matrix product,
``argmin``, ``take`` and ``bincount`` release the GIL), as scikit-learn shares
its chunks between OpenMP threads. While they run, BLAS is held to one thread
(see ``threads``), so that its own threads do not compete with ours, and each
chunk's distances come from one matrix product whose block of results fits in
a core's cache. Large arrays are allocated once and reused: on a fresh array
every page costs a page fault on first touch.
"""

import numpy as np

from ..distances import squared_distances_to_assigned
from ..lloyd import cluster_means, relocate_empty_clusters
from .blocks import MIN_ROWS_PER_TASK, ProductPlan, RowsPlan, padded_width, squared_norms
from .threads import run_in_threads, single_threaded_blas


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
        # Columns beyond the centroids' are padding that can never be nearest (see padded_width).
        n_clusters = centroids.shape[0]
        n_columns = padded_width(n_clusters)
        stacked = np.zeros((n_features + 1, n_columns), dtype=self.dtype)
        stacked[:n_features, :n_clusters] = -2.0 * centroids.T
        stacked[n_features] = np.inf
        stacked[n_features, :n_clusters] = squared_norms(centroids)
        labels = np.empty(n_samples, dtype=np.intp) if out is None else out
        min_sq_dist = np.empty(n_samples, dtype=self.dtype) if with_distances else None
        depth = n_features + 1
        plan = ProductPlan(n_samples, depth, n_columns)
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
        plan = RowsPlan(self.n_samples, self.n_features + 1, len(rows))
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
        """(n_rows, n_features + 1): [−2 x_r, ‖x_r‖²].

        A product with [x, 1] then gives ‖x_r‖² − 2 x_r·x.
        """
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

        if self.n_samples >= 2 * MIN_ROWS_PER_TASK:
            run_in_threads(sum_features, range(self.n_features))
        else:
            sum_features(range(self.n_features))
        return sums

    def exact_sq_dist(self, centroids, labels):
        """‖xᵢ − c_{labels[i]}‖² by direct differences (the distances module's rule), shape (n_samples,)."""
        return squared_distances_to_assigned(self.centred, centroids, labels)

    def label_change_sums(self, labels, previous_labels, changed, n_clusters, scratch, start=0):
        """What moving the samples ``changed`` from ``previous_labels`` to ``labels`` adds to cluster sums.

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
        """The M-step: weighted means, with empty clusters relocated by the reference's rule.

        Parameters
        ----------
        labels : ndarray of shape (n_samples,)
        n_clusters : int
        old_centroids : ndarray of shape (n_clusters, n_features), optional
            In the centred frame: the centres the labels were assigned to.
        sums : ndarray of shape (n_clusters, n_features), optional
            ``cluster_sums(labels, n_clusters)`` if already known; it is not modified.
        weights : ndarray of shape (n_clusters,), optional
            ``cluster_weights(labels, n_clusters)`` if already known; it is not modified.

        Returns
        -------
        centroids : ndarray of shape (n_clusters, n_features)
            In the centred frame.
        relocated : ndarray of shape (n_relocated, 2)
            ``(sample index, cluster)`` for each sample moved into an empty cluster.
        """
        sums = self.cluster_sums(labels, n_clusters) if sums is None else sums.copy()
        weights = self.cluster_weights(labels, n_clusters) if weights is None else weights.copy()
        relocated = relocate_empty_clusters(
            self.centred, labels, self.sample_weight, sums, weights, old_centroids
        )
        return cluster_means(sums, weights), relocated
