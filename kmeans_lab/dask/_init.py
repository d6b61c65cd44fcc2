"""Initial centres on a chunked data set: k-means‖, greedy k-means++ and random rows.

Every function works in the centred frame of the data (``origin`` = the mean
of X), takes the :class:`~kmeans_lab.dask._passes.ChunkedData` of the fit and
the fit's ``numpy.random.Generator``, and returns centres of shape
(n_clusters, n_features). Each pass over the data is one task per chunk;
only samples chosen as candidates, and sums, reach the client.
"""

import numpy as np

from ..init import plusplus_indices
from . import _chunks


def _seed(rng):
    return int(rng.integers(2**63))


def kmeans_parallel(data, origin, first, n_clusters, rng, oversampling_factor, n_rounds, on_round=None):
    """k-means‖ (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, 2012, Algorithm 2).

    1. C = {one sample drawn ∝ w} (``first``).
    2. ``n_rounds`` times: every sample joins C independently with probability
       min(1, ℓ·w·D²(x, C)/φ_X(C)), ℓ = ``oversampling_factor × n_clusters``;
       one pass over the data per round (see :func:`_chunks.sample_candidates`).
       Rounds go on, up to ``n_rounds`` more, while C has fewer than
       ``n_clusters`` samples and φ > 0.
    3. Each candidate is weighted by Σ w of the samples nearest to it (one pass).
    4. The package's weighted greedy k-means++ (:func:`kmeans_lab.init.plusplus_indices`)
       picks ``n_clusters`` of the candidates, on the client (C is small: about
       ℓ·``n_rounds`` samples).

    Parameters
    ----------
    data : ChunkedData
    origin : ndarray of shape (n_features,)
    first : ndarray of shape (n_features,)
        The first candidate, centred.
    n_clusters : int
    rng : numpy.random.Generator
    oversampling_factor : float
    n_rounds : int
    on_round : callable, optional
        ``on_round(round_index, n_candidates, cost)`` after each round.

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features)
        Centred; fewer distinct ones than ``n_clusters`` only if X has fewer distinct samples.
    """
    ell = oversampling_factor * n_clusters
    candidates = first[None, :]
    for round_index in range(2 * n_rounds):
        if round_index >= n_rounds and len(candidates) >= n_clusters:
            break
        cost, rows, u, scores = data.map_reduce(
            _chunks.sample_candidates,
            origin,
            candidates,
            ell,
            _seed(rng),
            combine=_chunks_cost_and_rows,
            index_args=("index",),
        )
        if on_round is not None:
            on_round(round_index, len(candidates), cost)
        if cost == 0:  # every sample is a candidate already
            break
        candidates = np.concatenate([candidates, rows[u * cost < scores]])
    weights = data.map_reduce(_chunks.candidate_weights, origin, candidates, combine=np.add)
    return candidates[plusplus_indices(candidates, n_clusters, rng, sample_weight=weights)]


def _chunks_cost_and_rows(a, b):
    return a[0] + b[0], *(np.concatenate([x, y]) for x, y in zip(a[1:], b[1:]))


def kmeans_plusplus(data, origin, first, n_clusters, rng, n_local_trials=None):
    """Greedy k-means++ (D² sampling with ``2 + int(ln k)`` trials per step), one pass per centre.

    The sampling is exact, in two stages: a chunk is drawn with probability ∝
    its Σ w·D², then a sample of that chunk ∝ w·D² (the chunk draws those
    ahead, for each trial, see :func:`_chunks.plusplus_trials`). Each step
    keeps the trial that leaves the lowest potential, as
    :func:`kmeans_lab.kmeans_plusplus` does; the draws differ from its own.

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features)
        Centred.
    """
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    chosen = np.empty((0, first.shape[0]), dtype=first.dtype)
    trials = first[None, :]
    for step in range(n_clusters):
        n_draws = n_local_trials if step < n_clusters - 1 else 0
        results = data.map_gather(
            _chunks.plusplus_trials, origin, chosen, trials, n_draws, _seed(rng), index_args=("index",)
        )
        potentials = np.array([p for p, _ in results])  # (n_chunks, n_trials)
        best = int(np.argmin(potentials.sum(axis=0)))
        chosen = np.concatenate([chosen, trials[best][None, :]])
        if n_draws == 0:
            break
        by_chunk = potentials[:, best]
        if by_chunk.sum() == 0:  # every sample is a centre already: repeat the last one
            trials = np.repeat(trials[best][None, :], n_local_trials, axis=0)
            continue
        picked = rng.choice(len(by_chunk), size=n_local_trials, p=by_chunk / by_chunk.sum())
        taken = np.zeros(len(by_chunk), dtype=np.intp)  # each chunk's next unused draw
        trials = np.empty((n_local_trials, first.shape[0]), dtype=first.dtype)
        for t, chunk in enumerate(picked):
            trials[t] = results[chunk][1][best, taken[chunk]]
            taken[chunk] += 1
    return chosen


def top_keys(keys, rows, n):
    """The rows of the ``n`` largest keys (a weighted sample without replacement), largest first."""
    order = np.argsort(-keys, kind="stable")[:n]
    return rows[order]
