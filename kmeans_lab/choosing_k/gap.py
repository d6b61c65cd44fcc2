"""The gap statistic (Tibshirani, Walther & Hastie 2001).

:func:`gap_statistic` compares log W_k with its expectation under a uniform
reference distribution; unlike the elbow and the silhouette it can answer
"K = 1".
"""

import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import check_data, check_positive_int, check_random_state
from ..estimator import KMeans
from ._ks import check_ks

__all__ = ["GapStatistic", "gap_statistic"]


_REFERENCES = ("box", "pca")


@dataclass(frozen=True)
class GapStatistic:
    """Result of :func:`gap_statistic`.

    Attributes
    ----------
    k : int
        The chosen number of clusters: the smallest K in ``ks`` with
        Gap(K) >= Gap(K') − s_K', K' the next value in ``ks``.
    ks : ndarray of shape (n_ks,)
    gaps : ndarray of shape (n_ks,)
        Gap(K) = mean_b log W*_Kb − log W_K.
    sk : ndarray of shape (n_ks,)
        Standard errors s_K = sd_K · sqrt(1 + 1/B).
    log_w : ndarray of shape (n_ks,)
        log W_K of the data.
    ref_log_w : ndarray of shape (n_ks,)
        Mean of log W*_Kb over the B reference data sets.
    """

    k: int
    ks: np.ndarray
    gaps: np.ndarray
    sk: np.ndarray
    log_w: np.ndarray
    ref_log_w: np.ndarray


def _reference_sampler(X, reference):
    """A function rng -> one uniform reference data set shaped like X."""
    if reference == "box":
        low, high = X.min(axis=0), X.max(axis=0)
        return lambda rng: rng.uniform(low, high, size=X.shape)
    mean = X.mean(axis=0)
    _, _, vt = np.linalg.svd(X - mean, full_matrices=False)
    rotated = (X - mean) @ vt.T
    low, high = rotated.min(axis=0), rotated.max(axis=0)
    return lambda rng: rng.uniform(low, high, size=rotated.shape) @ vt + mean


def _log_within_dispersion(X, k, n_init, rng):
    """log W_k, W_k the K-Means inertia (pooled within-cluster sum of squares)."""
    if k == 1:
        inertia = float(np.square(X - X.mean(axis=0)).sum())
    else:
        inertia = KMeans(k, n_init=n_init, random_state=rng).fit(X).inertia_
    if inertia <= 0:
        raise ValueError(
            f"W_k is 0 for k={k} (X has no more than {k} distinct point{'s' if k > 1 else ''}), "
            "so log W_k is undefined; "
            "use smaller values in ks."
        )
    return np.log(inertia)


def gap_statistic(X, ks, *, n_refs=10, reference="box", n_init=5, random_state=None):
    """Estimate the number of clusters with the gap statistic.

    For each K the data's log W_K (log of the K-Means inertia) is compared
    with its mean over ``n_refs`` = B data sets drawn uniformly in the
    bounding box of X (Tibshirani, Walther & Hastie 2001):

    .. math:: \\mathrm{Gap}(K) = \\frac{1}{B}\\sum_b \\log W^*_{Kb} - \\log W_K,
              \\qquad s_K = \\mathrm{sd}_K \\sqrt{1 + 1/B},

    with sd_K the standard deviation (divided by B) of the B values of
    log W*_Kb. The chosen K is the smallest with
    Gap(K) >= Gap(K+1) − s_{K+1}. Because the reference has no clusters,
    the gap statistic can answer K = 1 — which the elbow and the silhouette
    cannot.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    ks : sequence of int
        Strictly increasing numbers of clusters, usually ``range(1, K_max + 1)``;
        the rule compares each K with the next one in ``ks``.
    n_refs : int, default=10
        B, the number of reference data sets.
    reference : {'box', 'pca'}, default='box'
        'box' draws each feature uniformly over its range; 'pca' uses the box
        aligned with the principal components of X (the paper's second
        option, which follows the shape of the data).
    n_init : int, default=5
        K-Means restarts per fit.
    random_state : None, int or numpy.random.Generator, default=None

    Returns
    -------
    GapStatistic
        With ``k`` (the choice), ``gaps`` and ``sk`` (their standard errors),
        one value per K in ``ks``. If no K passes the rule, ``k`` is the last
        K in ``ks`` and a warning says to try larger K.
    """
    X = check_data(X, dtype=np.float64)
    ks = check_ks(ks, X.shape[0], increasing=True)
    n_refs = check_positive_int(n_refs, "n_refs")
    if reference not in _REFERENCES:
        raise ValueError(f"reference must be 'box' or 'pca', got {reference!r}.")
    n_init = check_positive_int(n_init, "n_init")
    rng = check_random_state(random_state)

    log_w = np.array([_log_within_dispersion(X, int(k), n_init, rng) for k in ks])
    draw = _reference_sampler(X, reference)
    ref_log_w = np.empty((n_refs, len(ks)))
    for b in range(n_refs):
        Z = draw(rng)
        ref_log_w[b] = [_log_within_dispersion(Z, int(k), n_init, rng) for k in ks]
    gaps = ref_log_w.mean(axis=0) - log_w
    sk = ref_log_w.std(axis=0) * np.sqrt(1.0 + 1.0 / n_refs)

    passes = gaps[:-1] >= gaps[1:] - sk[1:]
    if passes.any():
        k = int(ks[int(np.argmax(passes))])
    else:
        k = int(ks[-1])
        if len(ks) > 1:
            warnings.warn(
                f"No K in ks passed Gap(K) >= Gap(K+1) - s(K+1); returning the largest, K={k}. "
                "Try larger values in ks.",
                RuntimeWarning,
                stacklevel=2,
            )
    return GapStatistic(k=k, ks=ks, gaps=gaps, sk=sk, log_w=log_w, ref_log_w=ref_log_w.mean(axis=0))
