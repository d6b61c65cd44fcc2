"""Private: what makes the package fast, proven equal to the reference layer by tests.

One entry point per job; nothing here decides a result on its own (ties, empty
clusters, the tolerance and the stopping rule come from ``kmeans_lab.lloyd``).

- :func:`prepare` lays the data out once (centred, with a column of ones);
- :func:`run_lloyd` runs Lloyd's algorithm on it;
- :func:`plusplus_indices` draws k-means++ centres on it;
- :func:`nearest_centroids` labels samples by their nearest centre.
"""

from .lloyd import run_lloyd
from .plusplus import plusplus_indices
from .prepared import PreparedData

__all__ = ["PreparedData", "nearest_centroids", "plusplus_indices", "prepare", "run_lloyd"]


def prepare(X, sample_weight=None):
    """X (validated, float) laid out for the engine; see :class:`PreparedData`."""
    return PreparedData(X, sample_weight)


def nearest_centroids(X, centroids):
    """Index of each sample's nearest centroid, shape (n_samples,), with no (n_samples, n_clusters) table."""
    data = PreparedData(X)
    return data.nearest(data.centre(centroids), with_distances=False)[0]
