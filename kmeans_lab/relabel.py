"""Renumber the clusters of a fit so that colours mean the same from figure to figure, and tabulate them.

K-Means numbers its clusters in no particular order. To compare fits (for
several K, or on raw and on scaled features), lesson 06 renumbers the clusters
after a reference: the generating blobs, or the mean of one feature.
"""

import numpy as np

__all__ = ["by_feature_mean", "by_reference", "cross_table"]


def by_reference(labels, centers, reference):
    """Renumber clusters after reference centres: the cluster nearest to reference ``b`` gets number ``b``.

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
        The fit's labels, ``0 .. n_clusters - 1``.
    centers : ndarray of shape (n_clusters, n_features)
        The fit's centres.
    reference : ndarray of shape (n_references, n_features)
        The reference centres (the true blob centres, say).

    Returns
    -------
    labels : ndarray of shape (n_samples,)
        The renumbered labels. Each reference's nearest cluster gets the reference's number; the other
        clusters (extra ones, when there are more clusters than references) follow, numbered from
        ``n_references`` on.
    centers : ndarray of shape (n_clusters, n_features)
        The centres in the new order.
    """
    centers = np.asarray(centers, dtype=float)
    d2 = ((centers[:, None, :] - np.asarray(reference, dtype=float)[None, :, :]) ** 2).sum(axis=2)
    nearest, dist = d2.argmin(axis=1), d2.min(axis=1)
    main = np.array([dist[i] == dist[nearest == nearest[i]].min() for i in range(len(nearest))])
    order = np.lexsort((dist, nearest, ~main))
    return np.argsort(order)[np.asarray(labels)], centers[order]


def by_feature_mean(labels, X, feature):
    """Renumber clusters from the smallest (0) to the largest mean of one feature.

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
    X : ndarray of shape (n_samples, n_features)
    feature : int
        Column of ``X`` whose cluster means set the order (body mass, say).

    Returns
    -------
    ndarray of shape (n_samples,)
    """
    labels = np.asarray(labels)
    means = np.array([X[labels == k, feature].mean() for k in range(labels.max() + 1)])
    return np.argsort(np.argsort(means))[labels]


def cross_table(groups, labels):
    """Print how groups (species, say) spread over clusters: one row per group, one column per cluster.

    Parameters
    ----------
    groups : array-like of str, shape (n_samples,)
    labels : array-like of int, shape (n_samples,)
    """
    groups, labels = np.asarray(groups), np.asarray(labels)
    clusters = np.unique(labels)
    print(" " * 16 + "".join(f"{f'cluster {c}':>11}" for c in clusters))
    for name in np.unique(groups):
        counts = [np.sum((groups == name) & (labels == c)) for c in clusters]
        print(f"{name:>16}" + "".join(f"{n:>11}" for n in counts))
