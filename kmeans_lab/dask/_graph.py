"""The task graph of one Lloyd iteration, as text: which tasks run, how many, and what feeds what.

:func:`iteration_graph` builds (without computing it) the graph that
:class:`kmeans_lab.dask.KMeans` computes at every iteration;
:func:`describe_graph` lists the tasks of any dask collection level by
level, so the graph can be read without graphviz.
"""

from collections import Counter

import numpy as np
from dask.core import get_dependencies
from dask.utils import key_split

from . import _chunks
from ._passes import ChunkedData, tree_reduce
from ._validation import as_dask_data

__all__ = ["describe_graph", "iteration_graph"]

#: What the tasks of an iteration do, by the name dask gives them.
TASK_NAMES = {
    "blob_block": "draw one chunk of rows (make_blobs)",
    "ndarray": "a small array from the client (the data's mean or the centres)",
    "on_chunk": "Lloyd step on one chunk -> per-cluster sums, counts, inertia",
    "fold": "add up to 8 partial results",
}


def iteration_graph(X, centroids):
    """The lazy result of one Lloyd iteration over X, from ``centroids`` (nothing is computed).

    Parameters
    ----------
    X : dask.array.Array of shape (n_samples, n_features)
    centroids : array-like of shape (n_clusters, n_features)

    Returns
    -------
    dask.delayed.Delayed
        Computes to ``(sums, counts, inertia)``: arrays of shape
        (n_clusters, n_features) and (n_clusters,), and a float.
    """
    X = as_dask_data(X, persist=False)
    centroids = np.asarray(centroids, dtype=X.dtype)
    if centroids.ndim != 2 or centroids.shape[1] != X.shape[1]:
        raise ValueError(
            f"centroids must have shape (n_clusters, {X.shape[1]}), got shape {centroids.shape}."
        )
    data = ChunkedData(X)
    origin = np.zeros(X.shape[1], dtype=X.dtype)
    return tree_reduce(data.tasks(_chunks.lloyd_step, origin, centroids), _chunks._add)


def graph_levels(collection):
    """Tasks of a dask collection grouped by level: how many of each kind.

    A task's level is 0 when it depends on no other task, else one more than
    the highest level of the tasks it depends on.

    Returns
    -------
    list of (int, str, int)
        ``(level, kind, n_tasks)``, by level then kind; the kind is dask's
        name for the task without its token (``"on_chunk"``, ``"fold"``, ...).
    """
    if not hasattr(collection, "__dask_graph__"):
        raise TypeError(f"collection must be a dask collection, got {type(collection).__name__}.")
    graph = dict(collection.__dask_graph__())
    levels = {}

    def level(key):
        if key not in levels:
            levels[key] = 1 + max((level(dep) for dep in get_dependencies(graph, key)), default=-1)
        return levels[key]

    for key in graph:
        level(key)
    counts = Counter((levels[key], key_split(key).strip("_")) for key in graph)
    return [(lev, kind, n) for (lev, kind), n in sorted(counts.items())]


def describe_graph(collection, names=None):
    """A text rendering of a dask collection's task graph, one line per level and kind of task.

    Parameters
    ----------
    collection : dask collection (array, delayed, ...)
    names : dict, optional
        Descriptions of the kinds of task; by default :data:`TASK_NAMES`.

    Returns
    -------
    str
    """
    names = TASK_NAMES if names is None else names
    lines = []
    for lev, kind, n in graph_levels(collection):
        label = names.get(kind, kind)
        lines.append(f"level {lev}: {n:4d} task{'s' if n != 1 else ' '}  {label}")
    return "\n".join(lines)
