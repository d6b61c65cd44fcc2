"""Figures of lesson 09: partitions drawn next to the truth, in colours that agree with it."""

import numpy as np

from ._style import small_multiples
from .clusters import plot_clusters

__all__ = ["colours_like_truth", "plot_partitions"]


def colours_like_truth(labels, truth):
    """Renumber the clusters of ``labels`` so that each takes the number of the true class it overlaps most.

    Pairs (cluster, class) are taken greedily, largest overlap first, each
    class at most once; clusters left over get the numbers after the
    classes'. A negative label (DBSCAN's noise, -1) stays -1, drawn grey.
    Drawn with one colour per number, a cluster that finds a true class
    shows in that class's colour.

    Parameters
    ----------
    labels : array-like of int, shape (n_samples,)
    truth : array-like of int, shape (n_samples,)
        True classes numbered 0 .. n_classes - 1.

    Returns
    -------
    ndarray of int, shape (n_samples,)

    Examples
    --------
    >>> colours_like_truth([5, 5, 7, 7, -1], [1, 1, 0, 0, 0]).tolist()
    [1, 1, 0, 0, -1]
    """
    labels, truth = np.asarray(labels), np.asarray(truth)
    if labels.shape != truth.shape:
        raise ValueError(f"labels have shape {labels.shape} but truth has shape {truth.shape}.")
    clusters = np.unique(labels[labels >= 0])
    n_classes = int(truth.max()) + 1 if truth.size else 0
    overlap = np.array([[np.sum((labels == c) & (truth == t)) for t in range(n_classes)] for c in clusters])
    number = {}
    taken = set()
    for flat in np.argsort(-overlap, axis=None, kind="stable") if overlap.size else []:
        i, t = np.unravel_index(flat, overlap.shape)
        if clusters[i] not in number and t not in taken and overlap[i, t] > 0:
            number[clusters[i]] = int(t)
            taken.add(int(t))
    extra = n_classes
    for c in clusters:
        if c not in number:
            number[c], extra = extra, extra + 1
    return np.array([number.get(c, -1) for c in labels.tolist()], dtype=int)


def plot_partitions(panels, *, ncols=4, panel_size=None):
    """Small multiples of partitions, each coloured to agree with its truth.

    Parameters
    ----------
    panels : sequence of (X, labels, truth, title)
        ``X`` of shape (n_samples, 2); ``labels`` and ``truth`` of shape (n_samples,).
    ncols : int, default=4
    panel_size : float, optional
        Side of a panel in inches (see :func:`kmeans_lab.plotting.small_multiples`).

    Returns
    -------
    fig : Figure
    axes : list of Axes
    """
    fig, axes = small_multiples(len(panels), ncols=ncols, panel_size=panel_size, sharex=False, sharey=False)
    for ax, (X, labels, truth, title) in zip(axes, panels):
        plot_clusters(X, colours_like_truth(labels, truth), ax=ax, title=title, s=8)
        ax.set_xticks([])
        ax.set_yticks([])
    return fig, axes
