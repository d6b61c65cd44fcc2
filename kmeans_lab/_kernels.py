"""Vectorised kernels behind the public functions.

The distance ‖x − c‖² is computed in its GEMM form ‖x‖² − 2 x·c + ‖c‖² on data
centred at its mean (which keeps the cancellation small), over chunks of rows so
that no (n_samples, n_clusters) matrix is ever held. The column of ones appended
to the data lets a single matrix product return ‖c‖² − 2 x·c directly.
"""

import numpy as np

#: Elements of one (chunk, n_clusters) block of distances: about 2 MB in float64.
_BLOCK_ELEMENTS = 2**18


def rows_per_chunk(n_clusters):
    """How many samples to process at once for ``n_clusters`` centres."""
    return int(min(8192, max(256, _BLOCK_ELEMENTS // max(n_clusters, 1))))


def squared_norms(X):
    """Row-wise ‖x‖², shape (n_samples,)."""
    return np.einsum("ij,ij->i", X, X)


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

    def centre(self, centroids):
        """Move centroids into the centred frame of the data."""
        return np.ascontiguousarray(centroids - self.mean, dtype=self.dtype)

    def uncentre(self, centroids):
        return centroids + self.mean

    def nearest(self, centroids):
        """Label of the nearest centroid and the squared distance to it.

        Parameters
        ----------
        centroids : ndarray of shape (n_clusters, n_features)
            In the centred frame.

        Returns
        -------
        labels : ndarray of shape (n_samples,), dtype intp
            Ties go to the lowest index (up to floating-point rounding).
        min_sq_dist : ndarray of shape (n_samples,)
        """
        n_clusters = centroids.shape[0]
        stacked = np.empty((self.n_features + 1, n_clusters), dtype=self.dtype)
        stacked[: self.n_features] = -2.0 * centroids.T
        stacked[self.n_features] = squared_norms(centroids)
        labels = np.empty(self.n_samples, dtype=np.intp)
        min_sq_dist = np.empty(self.n_samples, dtype=self.dtype)
        step = rows_per_chunk(n_clusters)
        block = np.empty((min(step, self.n_samples), n_clusters), dtype=self.dtype)
        for start in range(0, self.n_samples, step):
            stop = min(start + step, self.n_samples)
            partial = block[: stop - start]
            np.matmul(self.augmented[start:stop], stacked, out=partial)
            chunk_labels = partial.argmin(axis=1)
            labels[start:stop] = chunk_labels
            min_sq_dist[start:stop] = partial[np.arange(stop - start), chunk_labels]
        min_sq_dist += self.sq_norms
        np.maximum(min_sq_dist, 0.0, out=min_sq_dist)
        return labels, min_sq_dist

    def weighted_total(self, values):
        """Σ wᵢ · valuesᵢ."""
        if self.sample_weight is None:
            return float(values.sum(dtype=np.float64))
        return float(np.dot(values.astype(np.float64), self.sample_weight))

    def cluster_weights(self, labels, n_clusters):
        return np.bincount(labels, weights=self.sample_weight, minlength=n_clusters).astype(self.dtype)

    def cluster_sums(self, labels, n_clusters):
        """Weighted per-cluster sums of the centred data, shape (n_clusters, n_features)."""
        sums = np.empty((n_clusters, self.n_features), dtype=self.dtype)
        for j, feature in enumerate(self.weighted_features):
            sums[:, j] = np.bincount(labels, weights=feature, minlength=n_clusters)
        return sums

    def exact_sq_dist(self, centroids, labels):
        """‖xᵢ − c_{labels[i]}‖² by direct differences (no cancellation), chunked."""
        out = np.empty(self.n_samples, dtype=self.dtype)
        step = 65536
        for start in range(0, self.n_samples, step):
            stop = min(start + step, self.n_samples)
            diff = self.centred[start:stop] - centroids[labels[start:stop]]
            out[start:stop] = squared_norms(diff)
        return out

    def update(self, labels, n_clusters, old_centroids=None):
        """The M-step: weighted means, with empty clusters relocated.

        A cluster left without weight takes the sample farthest from the centre
        it was assigned to (from ``old_centroids`` when given, else from the new
        means), as scikit-learn does; that sample's weight is moved out of its
        own cluster. When every sample sits exactly on its centre (fewer distinct
        points than clusters) nothing can be relocated and the empty cluster is
        placed on the centre of the heaviest cluster.

        Returns
        -------
        centroids : ndarray of shape (n_clusters, n_features)
            In the centred frame.
        weights : ndarray of shape (n_clusters,)
            Total sample weight in each cluster, after relocation.
        n_relocated : int
        """
        sums = self.cluster_sums(labels, n_clusters)
        weights = self.cluster_weights(labels, n_clusters)
        empty = np.flatnonzero(weights == 0)
        n_relocated = 0
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
                    n_relocated += 1
        centroids = _safe_average(sums, weights)
        still_empty = weights <= 0
        if still_empty.any():
            centroids[still_empty] = centroids[np.argmax(weights)]
        return centroids, weights, n_relocated


def _safe_average(sums, weights):
    """sums / weights row by row, leaving rows of zero weight at zero."""
    scale = np.zeros_like(weights)
    np.divide(1.0, weights, out=scale, where=weights > 0)
    return sums * scale[:, None]
