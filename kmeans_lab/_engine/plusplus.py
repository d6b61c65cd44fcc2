"""k-means++ on prepared data: the draws of ``kmeans_lab.init.plusplus_indices``, made fast.

The distances to each step's candidates come from chunked, threaded products
(``PreparedData.candidate_potentials``), and no array larger than
(n_local_trials, n_samples) is held.
"""

import numpy as np


def plusplus_indices(data, n_clusters, rng, n_local_trials=None):
    """k-means++ on prepared data; returns the chosen row indices, shape (n_clusters,)."""
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    n_samples = data.n_samples
    weights = data.sample_weight
    indices = np.empty(n_clusters, dtype=np.intp)
    if weights is None:
        indices[0] = rng.integers(n_samples)
    else:
        p = weights.astype(np.float64)
        indices[0] = rng.choice(n_samples, p=p / p.sum())
    closest = data.sq_dist_to_row(indices[0])
    potential = data.weighted_total(closest)
    cumulative = np.empty(n_samples, dtype=np.float64)
    # Squared distances to the candidates of one step (n_local_trials rows, never n_clusters).
    candidate_dist = np.empty((n_local_trials, n_samples), dtype=data.dtype)
    for c in range(1, n_clusters):
        targets = rng.uniform(size=n_local_trials) * potential
        if weights is None:
            np.cumsum(closest, dtype=np.float64, out=cumulative)
        else:
            np.cumsum(closest * weights, dtype=np.float64, out=cumulative)
        candidates = np.searchsorted(cumulative, targets)
        np.clip(candidates, None, n_samples - 1, out=candidates)
        candidate_potentials = data.candidate_potentials(candidates, closest, out=candidate_dist)
        best = int(np.argmin(candidate_potentials))
        potential = candidate_potentials[best]
        np.copyto(closest, candidate_dist[best])
        indices[c] = candidates[best]
    return indices
