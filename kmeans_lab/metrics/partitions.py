"""Plumbing for comparing and scoring partitions given as label vectors.

- :func:`match_labels` renames the clusters of a result to agree best with a
  reference labelling (cluster numbers are arbitrary, so a comparison must
  first match them).
- :func:`all_partitions_wcss` evaluates the objective J of many partitions of
  one small data set at once, each with its own cluster means.
"""

import itertools

import numpy as np

__all__ = ["all_partitions_wcss", "match_labels"]


def match_labels(labels, reference):
    """Rename the clusters of ``labels`` so that as many points as possible agree with ``reference``.

    Every renaming (permutation of the cluster numbers) is tried, so this is
    meant for a handful of clusters (at most 8).

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
        Cluster numbers 0, ..., k-1.
    reference : array-like of int, shape (n_samples,)
        The labelling to agree with, numbers 0, ..., k-1.

    Returns
    -------
    matched : ndarray of int, shape (n_samples,)
        ``mapping[labels]``: the renamed labels.
    mapping : ndarray of int, shape (k,)
        ``mapping[old] = new``; ``centres[np.argsort(mapping)]`` renames the centres to match.
    """
    labels = np.asarray(labels)
    reference = np.asarray(reference)
    if labels.shape != reference.shape:
        raise ValueError(f"labels have shape {labels.shape} but reference has shape {reference.shape}.")
    k = int(max(labels.max(), reference.max())) + 1
    if k > 8:
        raise ValueError(f"k={k} clusters give {k}! renamings to try; match_labels handles k <= 8.")
    best = min(itertools.permutations(range(k)), key=lambda p: np.sum(np.array(p)[labels] != reference))
    mapping = np.array(best)
    return mapping[labels], mapping


def all_partitions_wcss(X, label_rows, k):
    """The objective J of each partition in ``label_rows``, with each cluster's centre at its mean.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    label_rows : array-like of int, shape (n_partitions, n_samples)
        One partition a row, every cluster 0, ..., k-1 non-empty.
    k : int
        Number of clusters.

    Returns
    -------
    J : ndarray of shape (n_partitions,)
        ``sum_k sum_{i in C_k} ||x_i - mean(C_k)||^2`` for each row.
    means : ndarray of shape (n_partitions, k, n_features)
        The cluster means of each row.
    """
    X = np.asarray(X, dtype=float)
    label_rows = np.asarray(label_rows)
    onehot = label_rows[:, :, None] == np.arange(k)  # (m, n, k)
    sizes = onehot.sum(axis=1)  # (m, k)
    if np.any(sizes == 0):
        raise ValueError("every partition should have k non-empty clusters; some row has an empty one.")
    means = (onehot.transpose(0, 2, 1) @ X) / sizes[:, :, None]  # (m, k, d)
    residuals = X[None] - np.take_along_axis(means, label_rows[:, :, None], axis=1)
    return (residuals**2).sum(axis=(1, 2)), means
