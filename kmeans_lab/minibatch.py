"""Mini-batch K-Means (Sculley 2010), one step at a time.

Lloyd's algorithm reads every sample in every iteration. Mini-batch K-Means
reads a small random batch instead: it assigns the batch to the nearest
centres, then moves each centre part of the way towards the mean of the
batch samples it received. A centre keeps a count ``n_k``, the weight of all
the samples it has received so far, and moves with the learning rate

    (weight it received in this batch) / (n_k after adding it),

so that the centre is always the mean of every sample it was ever given, at
the positions the centres had then. Early in a run the centres move a lot;
as ``n_k`` grows each batch moves them less.

A centre that almost never wins a sample ("starved": its count stays below
``reassignment_ratio`` times the largest count) would barely move and waste
a cluster. Every so often such centres are moved to samples of the current
batch drawn at random, and their count is raised to the smallest count of
the others, so that the next batch does not move them right away again. The
rules are scikit-learn's ``MiniBatchKMeans``.

:class:`kmeans_lab.MiniBatchKMeans` runs these steps on batches drawn from the
data, with scikit-learn's early stopping.
"""

import numpy as np

from .distances import squared_distances

__all__ = ["minibatch_step", "reassign_starved_centres"]


def minibatch_step(X_batch, centres, counts, sample_weight=None):
    """One step of mini-batch K-Means: assign the batch, move each centre towards its batch mean.

    Parameters
    ----------
    X_batch : ndarray of shape (batch_size, n_features)
        The samples of this batch (validated floats).
    centres : ndarray of shape (n_clusters, n_features)
        The centres before the step.
    counts : ndarray of shape (n_clusters,)
        The weight each centre has received in the earlier steps.
    sample_weight : ndarray of shape (batch_size,), optional
        Weights of the batch samples; None means one each.

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features)
        New centres; a centre that received nothing stays where it was.
    counts : ndarray of shape (n_clusters,)
        The counts with this batch's weights added.
    labels : ndarray of shape (batch_size,)
        The nearest centre of each batch sample, before the move.
    inertia : float
        Σ w·‖x − c‖² of the batch to the centres before the move.

    Examples
    --------
    >>> X = np.array([[0.0], [2.0], [10.0]])
    >>> centres, counts, labels, _ = minibatch_step(X, np.array([[1.0], [9.0]]), np.array([2.0, 0.0]))
    >>> centres.ravel().tolist(), counts.tolist(), labels.tolist()
    ([1.0, 10.0], [4.0, 1.0], [0, 0, 1])
    """
    n_clusters = centres.shape[0]
    weights = np.ones(X_batch.shape[0]) if sample_weight is None else sample_weight.astype(np.float64)
    distances = squared_distances(X_batch, centres)
    labels = distances.argmin(axis=1)  # the assignment step of Lloyd's algorithm
    inertia = float(distances[np.arange(len(labels)), labels].astype(np.float64) @ weights)

    batch_weight = np.bincount(labels, weights=weights, minlength=n_clusters)  # Σ w per centre
    batch_sum = np.zeros((n_clusters, X_batch.shape[1]))
    np.add.at(batch_sum, labels, X_batch * weights[:, None])  # Σ w·x per centre
    new_counts = counts + batch_weight
    received = batch_weight > 0
    batch_mean = batch_sum[received] / batch_weight[received, None]
    rate = batch_weight[received] / new_counts[received]  # the per-centre learning rate
    new_centres = centres.astype(np.float64)
    new_centres[received] += rate[:, None] * (batch_mean - new_centres[received])
    return new_centres.astype(centres.dtype), new_counts.astype(counts.dtype), labels, inertia


def reassign_starved_centres(X_batch, centres, counts, reassignment_ratio, rng):
    """Move the centres whose count is below ``reassignment_ratio · max(counts)`` to random batch samples.

    At most half the batch size of centres are moved (the ones with the
    smallest counts); the samples are drawn uniformly without replacement.
    A moved centre's count becomes the smallest count of the centres that
    stay, so that it is not moved again at once.

    Parameters
    ----------
    X_batch : ndarray of shape (batch_size, n_features)
    centres : ndarray of shape (n_clusters, n_features)
    counts : ndarray of shape (n_clusters,)
    reassignment_ratio : float
    rng : numpy.random.Generator

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features)
    counts : ndarray of shape (n_clusters,)
        New arrays (the inputs are not modified).
    moved : ndarray of shape (n_moved,)
        Indices of the centres that were moved.
    """
    centres, counts = centres.copy(), counts.copy()
    starved = counts < reassignment_ratio * counts.max()
    if starved.all():  # only with reassignment_ratio > 1: the best-fed centre stays
        starved[np.argmax(counts)] = False
    largest = int(0.5 * X_batch.shape[0])
    if starved.sum() > largest:
        starved[np.argsort(counts, kind="stable")[largest:]] = False
    moved = np.flatnonzero(starved)
    if moved.size:
        centres[moved] = X_batch[rng.choice(X_batch.shape[0], size=moved.size, replace=False)]
        counts[moved] = counts[~starved].min()
    return centres, counts, moved
