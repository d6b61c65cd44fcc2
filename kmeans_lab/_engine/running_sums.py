"""Per-cluster sums kept up to date along a run of Lloyd's algorithm."""

import threading

import numpy as np

from .blocks import MIN_ROWS_PER_TASK


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
        self.incremental = data.n_samples >= 2 * MIN_ROWS_PER_TASK
        # Columns: the weighted sums of the features, then the total weight.
        self.totals = None
        self.corrections = 0
        self.last_changed = data.n_samples
        # start of a piece: (stop, number changed, cluster weights or None, correction or None)
        self.found = {}
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
        """(n_clusters, n_features + 1): the bin of each (cluster, feature).

        The bin of (cluster, feature) is ``cluster * (n_features + 1) + feature``.
        """
        if len(self._bins_of) != n_clusters:
            self._bins_of = np.arange(n_clusters * self.depth, dtype=np.intp).reshape(n_clusters, self.depth)
        return self._bins_of
