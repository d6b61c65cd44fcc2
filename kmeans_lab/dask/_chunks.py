"""What each chunk of rows computes on its worker: small summaries, never the rows themselves.

Every function here takes one chunk of X (a NumPy array of shape
(n_rows, n_features)), its sample weights (or None) and a few small arrays
from the client, and returns a few arrays of about ``n_clusters × n_features``
numbers. The data are moved to the centred frame of the whole data set (the
``origin``, the mean of X) before anything is computed, as ``kl.KMeans``
does: sums and distances are then those of the in-memory estimator, up to the
order of additions.

Random draws use ``numpy.random.default_rng([seed, chunk_index])``: a task
recomputed after a worker was lost draws the same numbers again.
"""

import numpy as np

from .. import _engine
from .._engine import PreparedData
from ..distances import squared_distances_to_assigned


def _prepared(X, sample_weight, origin):
    return PreparedData(np.asarray(X), sample_weight, mean=origin)


def _rng(seed, chunk_index):
    return np.random.default_rng([seed, chunk_index])


def _weights_or_ones(sample_weight, n_rows):
    return np.ones(n_rows) if sample_weight is None else sample_weight.astype(np.float64)


def _add(a, b):
    """Element-wise sum of two tuples of partial results."""
    return tuple(x + y for x, y in zip(a, b))


def summary(X, sample_weight, n_keys, seed, chunk_index):
    """Counts, sums and spread of a chunk, and its rows with the largest random keys.

    Returns
    -------
    n_rows : int
    total_weight : float
    mean : ndarray of shape (n_features,), float64
    m2 : ndarray of shape (n_features,), float64
        Σ (x − mean)² per feature (Chan et al.'s pairwise combination merges chunks).
    problems : ndarray of shape (3,), int
        Non-finite values in X, non-finite and negative weights.
    keys : ndarray of shape (n_keys,)
        The largest keys ``log(u) / w`` of the chunk (Efraimidis and Spirakis,
        2006): the rows with the n largest keys over all chunks are a sample of n
        rows drawn without replacement with probability ∝ w. -inf marks a row
        of weight 0, or padding when the chunk has fewer than ``n_keys`` rows.
    rows : ndarray of shape (n_keys, n_features)
        Those rows, not centred.
    """
    X = np.asarray(X)
    weights = _weights_or_ones(sample_weight, X.shape[0])
    problems = np.array(
        [
            np.count_nonzero(~np.isfinite(X)),
            np.count_nonzero(~np.isfinite(weights)),
            np.count_nonzero(weights < 0),
        ]
    )
    mean = X.mean(axis=0, dtype=np.float64)
    m2 = ((X - mean) ** 2).sum(axis=0)
    u = _rng(seed, chunk_index).random(X.shape[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        keys = np.where(weights > 0, np.log(u) / weights, -np.inf)
    top = np.argsort(-keys, kind="stable")[:n_keys]
    padding = n_keys - top.size
    keys = np.concatenate([keys[top], np.full(padding, -np.inf)])
    rows = np.concatenate([X[top], np.zeros((padding, X.shape[1]), dtype=X.dtype)])
    return X.shape[0], float(weights.sum()), mean, m2, problems, keys, rows


def combine_summaries(a, b):
    """Merge two summaries: counts and sums add, the spread by Chan's formula, keys keep the largest."""
    n_a, w_a, mean_a, m2_a, p_a, keys_a, rows_a = a
    n_b, w_b, mean_b, m2_b, p_b, keys_b, rows_b = b
    n = n_a + n_b
    delta = mean_b - mean_a
    mean = mean_a + delta * (n_b / n)
    m2 = m2_a + m2_b + delta**2 * (n_a * n_b / n)
    keys, rows = np.concatenate([keys_a, keys_b]), np.concatenate([rows_a, rows_b])
    top = np.argsort(-keys, kind="stable")[: len(keys_a)]
    return n, w_a + w_b, mean, m2, p_a + p_b, keys[top], rows[top]


def lloyd_step(X, sample_weight, origin, centroids):
    """One chunk's part of a Lloyd iteration: assign, then the per-cluster sums.

    Parameters
    ----------
    X : ndarray of shape (n_rows, n_features)
    sample_weight : ndarray of shape (n_rows,) or None
    origin : ndarray of shape (n_features,)
    centroids : ndarray of shape (n_clusters, n_features)
        In the centred frame.

    Returns
    -------
    sums : ndarray of shape (n_clusters, n_features), float64
        Σ w·(x − origin) over the chunk's samples of each cluster.
    weights : ndarray of shape (n_clusters,), float64
        Σ w per cluster.
    inertia : float
        Σ w·‖x − c‖² to the nearest centre.
    """
    if _engine.engine_name() == "numba":  # one compiled pass: nearest centres and the sums together
        data = _engine.prepare(np.asarray(X), sample_weight, origin)
        labels = np.full(data.n_samples, -1, dtype=np.intp)
        sums, weights, _ = data.assign(np.ascontiguousarray(centroids, dtype=data.dtype), labels)
        return sums, weights, data.inertia(centroids, labels)
    data = _prepared(X, sample_weight, origin)
    n_clusters = centroids.shape[0]
    labels, closest = data.nearest(centroids)
    sums = data.cluster_sums(labels, n_clusters, dtype=np.float64)
    weights = np.bincount(labels, weights=sample_weight, minlength=n_clusters).astype(np.float64)
    return sums, weights, data.weighted_total(closest)


def farthest_samples(X, sample_weight, origin, centroids, n_wanted, start):
    """The chunk's candidates for empty clusters: samples far from their own centre.

    Applies the filter of ``kl.lloyd.relocate_empty_clusters`` (positive
    weight, distance to its centre above 0) and keeps the ``n_wanted`` farthest:
    the farthest samples of the whole data set are among the candidates of
    all chunks.

    Returns
    -------
    rows : ndarray of shape (n, n_features)
        Centred.
    labels : ndarray of shape (n,)
    weights : ndarray of shape (n,), X's dtype
    indices : ndarray of shape (n,)
        Positions in the whole data set (``start`` is the chunk's first row).
    """
    data = _prepared(X, sample_weight, origin)
    labels, _ = data.nearest(centroids, with_distances=False)
    distances = squared_distances_to_assigned(data.centred, centroids, labels)
    can_move = distances > 0 if sample_weight is None else (distances > 0) & (sample_weight > 0)
    movable = np.flatnonzero(can_move)
    keep = movable[np.argsort(-distances[movable], kind="stable")[:n_wanted]]
    weights = np.ones(keep.size, data.dtype) if sample_weight is None else sample_weight[keep]
    return data.centred[keep].copy(), labels[keep], weights, keep + start


def sample_candidates(X, sample_weight, origin, candidates, ell, seed, chunk_index):
    """One round of k-means‖: this chunk's cost, and the samples it may contribute.

    Sample x joins the candidates with probability min(1, ℓ·w·D²(x)/φ), where
    φ = Σ w·D² over the whole data (Bahmani et al., 2012, Algorithm 2). The
    chunk knows only its own part φ_c ≤ φ, so it draws u ~ U(0, 1) for each
    sample and returns those with u·φ_c < ℓ·w·D² (about ℓ of them); the
    client, once it knows φ, keeps those with u·φ < ℓ·w·D².

    Returns
    -------
    cost : float
        φ_c = Σ w·D² over the chunk.
    rows : ndarray of shape (n, n_features)
        Centred.
    u : ndarray of shape (n,)
    scores : ndarray of shape (n,)
        ℓ·w·D² of those samples.
    """
    data = _prepared(X, sample_weight, origin)
    _, closest = data.nearest(candidates)
    scores = ell * closest.astype(np.float64) * _weights_or_ones(sample_weight, data.n_samples)
    cost = float(scores.sum() / ell)
    u = _rng(seed, chunk_index).random(data.n_samples)
    keep = np.flatnonzero(u * cost < scores)
    return cost, data.centred[keep].copy(), u[keep], scores[keep]


def candidate_weights(X, sample_weight, origin, candidates):
    """Σ w of the chunk's samples nearest each candidate, shape (n_candidates,)."""
    data = _prepared(X, sample_weight, origin)
    labels, _ = data.nearest(candidates, with_distances=False)
    return np.bincount(labels, weights=sample_weight, minlength=candidates.shape[0]).astype(np.float64)


def plusplus_trials(X, sample_weight, origin, chosen, trials, n_draws, seed, chunk_index):
    """One step of greedy k-means++: each trial's potential, and draws for the next step.

    For each trial centre t, m_t(x) = min(D²(x, chosen), ‖x − t‖²). The chunk
    returns Σ w·m_t, and ``n_draws`` of its samples drawn with probability ∝
    w·m_t within the chunk: the client picks the best trial, then draws the
    next trials in two stages (a chunk ∝ its Σ w·m_best, then that chunk's
    next draw), which is D² sampling over the whole data.

    Returns
    -------
    potentials : ndarray of shape (n_trials,), float64
    draws : ndarray of shape (n_trials, n_draws, n_features)
        Centred rows.
    """
    data = _prepared(X, sample_weight, origin)
    weights = _weights_or_ones(sample_weight, data.n_samples)
    if chosen.shape[0]:
        closest = data.nearest(chosen)[1].astype(np.float64)
    else:
        closest = np.full(data.n_samples, np.inf)
    rng = _rng(seed, chunk_index)
    potentials = np.empty(trials.shape[0])
    draws = np.empty((trials.shape[0], n_draws, data.n_features), dtype=data.dtype)
    for t, trial in enumerate(trials):
        to_trial = data.nearest(trial[None, :])[1].astype(np.float64)
        cumulative = np.cumsum(np.minimum(closest, to_trial) * weights)
        potentials[t] = cumulative[-1]
        picked = np.searchsorted(cumulative, rng.uniform(size=n_draws) * cumulative[-1], side="right")
        draws[t] = data.centred[np.minimum(picked, data.n_samples - 1)]
    return potentials, draws


def final_pass(X, sample_weight, origin, centroids):
    """Inertia by direct differences and cluster weights, for the final centres.

    Returns
    -------
    inertia : float
        Σ w·‖x − c‖² with each sample at its nearest centre (as ``kl.KMeans`` reports it).
    weights : ndarray of shape (n_clusters,), float64
    """
    data = _prepared(X, sample_weight, origin)
    labels, _ = data.nearest(centroids, with_distances=False)
    inertia = data.weighted_total(data.exact_sq_dist(centroids, labels))
    weights = np.bincount(labels, weights=sample_weight, minlength=centroids.shape[0]).astype(np.float64)
    return inertia, weights


def predict_block(X, origin, centroids):
    """Nearest centre of each row, shape (n_rows,), int32 (as ``kl.KMeans.predict``)."""
    data = PreparedData(np.asarray(X), mean=origin)
    return data.nearest(data.centre(centroids), with_distances=False)[0].astype(np.int32)


def distances_block(X, origin, centroids):
    """Euclidean distance of each row to each centre, shape (n_rows, n_clusters)."""
    from ..distances import squared_distances

    return np.sqrt(squared_distances(np.asarray(X), centroids, origin=origin))
