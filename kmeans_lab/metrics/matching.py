"""Match clusters to known classes with the Hungarian method.

Cluster numbers are arbitrary: cluster 3 of K-Means on the digits may hold
the sevens. To compare a clustering with the true classes, each cluster is
given a class so that as many samples as possible agree, no class used twice.
That is an assignment problem on the contingency table, solved exactly by the
Hungarian method (Kuhn 1955), here SciPy's ``linear_sum_assignment``.
"""

import numpy as np

from .._validation import check_positive_int

__all__ = ["match_to_classes"]


def _as_codes(values, name):
    values = np.asarray(values)
    if values.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one entry per sample, got shape {values.shape}.")
    if values.size == 0:
        raise ValueError(f"{name} is empty; pass one entry per sample.")
    return np.unique(values, return_inverse=True)


def match_to_classes(labels, classes, n_clusters=None):
    """The class each cluster stands for, chosen so that most samples agree (Hungarian method).

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
        Cluster numbers 0, ..., n_clusters - 1.
    classes : array-like, shape (n_samples,)
        The true classes (any values that ``np.unique`` sorts).
    n_clusters : int, optional
        Number of clusters; ``labels.max() + 1`` by default (set it when a
        cluster may be empty).

    Returns
    -------
    mapping : ndarray, shape (n_clusters,)
        ``mapping[j]`` is the class given to cluster j, so ``mapping[labels]``
        predicts a class for every sample. With more clusters than classes,
        the clusters left unmatched take their most frequent class (an empty
        one the most frequent class overall).

    Examples
    --------
    >>> match_to_classes([1, 1, 0, 0, 2], ["a", "a", "b", "b", "b"]).tolist()
    ['b', 'a', 'b']
    """
    from scipy.optimize import linear_sum_assignment

    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be a 1-D array of cluster numbers (integers), got {labels.dtype} "
                         f"of shape {labels.shape}.")  # fmt: skip
    class_values, class_codes = _as_codes(classes, "classes")
    if labels.shape != class_codes.shape:
        raise ValueError(f"labels have shape {labels.shape} but classes have shape {class_codes.shape}.")
    if labels.min() < 0:
        raise ValueError(f"labels must be >= 0, got {labels.min()}.")
    n_clusters = int(labels.max()) + 1 if n_clusters is None else check_positive_int(n_clusters, "n_clusters")
    if labels.max() >= n_clusters:
        raise ValueError(f"labels must be < n_clusters={n_clusters}, got {labels.max()}.")
    table = np.zeros((n_clusters, class_values.size), dtype=np.int64)
    np.add.at(table, (labels, class_codes), 1)
    rows, columns = linear_sum_assignment(table, maximize=True)
    codes = np.where(table.sum(axis=1) > 0, table.argmax(axis=1), np.bincount(class_codes).argmax())
    codes[rows] = columns
    return class_values[codes]
