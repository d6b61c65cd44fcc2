"""k-means‖ ("k-means parallel", Bahmani et al. 2012): k-means++ in a few rounds instead of k steps.

k-means++ picks k centres one after the other, and each pick needs a pass
over the data. k-means‖ needs only a handful of passes:

1. Draw one sample as the first candidate (uniformly, or in proportion to
   its weight).
2. For ``n_rounds`` rounds, with ℓ = ``oversampling_factor · k``: every sample
   becomes a candidate independently, with probability
   ``min(1, ℓ · w · D²(x) / φ)``, where D²(x) is its squared distance to the
   nearest candidate so far and φ = Σ w · D² the potential. About ℓ samples
   join per round, drawn by D² as in k-means++, but all at once.
3. Weigh each candidate by the weight of the samples nearest to it.
4. Reduce the candidates to k centres by weighted (greedy) k-means++ on the
   candidates alone (:func:`kmeans_lab.init.plusplus_indices`).

Each round is one pass over the data that a cluster of machines shares
out; step 4 works on a few hundred points. A sample already at distance 0
from a candidate (a candidate itself, or a copy of one) is never drawn, and
of copies drawn in the same round one is kept, so the candidates are
distinct points. If the rounds give fewer than k candidates (k close to
n_samples), the rest are drawn by D² among the other samples (copies of a
point counted as one), then uniformly.
"""

import numpy as np

from ._engine import PreparedData
from ._validation import (
    check_data,
    check_n_clusters,
    check_positive_int,
    check_random_state,
    check_sample_weight,
)
from .distances import squared_distances_to_assigned
from .init import plusplus_indices

__all__ = ["kmeans_parallel_init"]


def kmeans_parallel_init(
    X, n_clusters, *, oversampling_factor=2.0, n_rounds=5, random_state=None, sample_weight=None
):
    """Initial centres by k-means‖ (Bahmani et al. 2012, "Scalable K-Means++").

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    oversampling_factor : float, default=2.0
        ℓ / k: about ``oversampling_factor * n_clusters`` candidates are drawn
        in each round. Must be > 0.
    n_rounds : int, default=5
        Rounds of sampling (passes over the data).
    random_state : None, int or numpy.random.Generator
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
        Rows of X (a copy).
    indices : ndarray of shape (n_clusters,)
        Distinct row indices the centres came from.

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X, _ = kl.datasets.make_blobs(500, centers=4, random_state=0)
    >>> centers, indices = kmeans_parallel_init(X, 4, random_state=0)
    >>> centers.shape, len(set(indices.tolist()))
    ((4, 2), 4)
    """
    X = check_data(X)
    n_clusters = check_n_clusters(n_clusters, X.shape[0])
    oversampling_factor = check_oversampling_factor(oversampling_factor)
    n_rounds = check_positive_int(n_rounds, "n_rounds")
    rng = check_random_state(random_state)
    weights = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    indices = parallel_indices(X, n_clusters, rng, oversampling_factor, n_rounds, weights)
    return X[indices], indices


def check_oversampling_factor(value):
    """``oversampling_factor`` as a float > 0, or a clear error naming it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"oversampling_factor must be a number > 0, got {value!r} of type {type(value).__name__}."
        )
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"oversampling_factor must be a finite number > 0, got {value}.")
    return float(value)


def parallel_indices(X, n_clusters, rng, oversampling_factor=2.0, n_rounds=5, sample_weight=None):
    """:func:`kmeans_parallel_init` without the input checks; returns the chosen row indices."""
    n_samples = X.shape[0]
    weights = np.ones(n_samples) if sample_weight is None else sample_weight.astype(np.float64)
    ell = oversampling_factor * n_clusters

    first = (
        rng.integers(n_samples) if sample_weight is None else rng.choice(n_samples, p=weights / weights.sum())
    )
    candidates = [first]
    closest = np.full(n_samples, np.inf)  # D²: squared distance to the nearest candidate
    nearest = np.zeros(n_samples, dtype=np.intp)  # position of that candidate in ``candidates``
    data = PreparedData(X)  # the NumPy engine: it finds nearest candidates in chunks, without sums
    _add_candidates(X, data, [first], 0, closest, nearest)
    for _ in range(n_rounds):
        potential = closest @ weights  # φ
        if potential == 0:  # every sample sits on a candidate
            break
        chosen = np.flatnonzero(rng.random(n_samples) < ell * weights * closest / potential)
        chosen = chosen[
            np.sort(np.unique(X[chosen], axis=0, return_index=True)[1])
        ]  # copies drawn together: one
        _add_candidates(X, data, chosen, len(candidates), closest, nearest)
        candidates.extend(chosen.tolist())
    candidates = np.array(candidates, dtype=np.intp)

    if len(candidates) < n_clusters:
        extra = _more_candidates(X, candidates, n_clusters - len(candidates), weights * closest, weights, rng)
        return np.concatenate([candidates, extra])
    # Each candidate weighs as much as the samples nearest to it.
    candidate_weights = np.bincount(nearest, weights=weights, minlength=len(candidates))
    if len(candidates) == n_clusters:
        return candidates
    chosen = plusplus_indices(X[candidates], n_clusters, rng, sample_weight=candidate_weights)
    return candidates[chosen]


def _add_candidates(X, data, new, offset, closest, nearest):
    """Lower ``closest`` (D²) to the new candidates ``X[new]``; ``nearest`` records which (from ``offset``).

    ``data`` is X prepared once for the engine, which finds each sample's
    nearest new candidate in chunks (no table of distances is held); D² to it
    is then taken by direct differences.
    """
    if len(new) == 0:
        return
    best = data.nearest(data.centre(X[new]), with_distances=False)[0]
    best_distance = squared_distances_to_assigned(X, X[new], best).astype(np.float64)
    better = best_distance < closest
    closest[better] = best_distance[better]
    nearest[better] = best[better] + offset


def _more_candidates(X, candidates, n_more, d2_weights, weights, rng):
    """``n_more`` rows that are not candidates: drawn by w·D² without replacement, then uniformly.

    Copies of one point are drawn as one (with their w·D² added up), so that
    the rows stay distinct points while X has enough of them.
    """
    by_distance = np.flatnonzero(d2_weights > 0)
    _, first, group = np.unique(X[by_distance], axis=0, return_index=True, return_inverse=True)
    group_weights = np.bincount(group.ravel(), weights=d2_weights[by_distance])
    take = min(n_more, first.size)
    extra = np.empty(0, dtype=np.intp)
    if take:
        groups = rng.choice(first.size, size=take, replace=False, p=group_weights / group_weights.sum())
        extra = by_distance[first[groups]]
    if take < n_more:
        # Left: rows of weight 0 and copies of chosen rows. New points first, then positive weights.
        chosen = np.concatenate([candidates, extra])
        left = rng.permutation(np.setdiff1d(np.arange(len(weights)), chosen))
        _, first_seen = np.unique(X[np.concatenate([chosen, left])], axis=0, return_index=True)
        is_new = np.isin(np.arange(chosen.size, chosen.size + left.size), first_seen)
        order = np.lexsort((weights[left] <= 0, ~is_new))
        extra = np.concatenate([extra, left[order[: n_more - take]]])
    return extra.astype(np.intp)
