"""Comparing clusterings: how far a solution is from the true structure."""

import numpy as np

from .._validation import check_data

__all__ = ["centroid_index", "orphan_count"]


def orphan_count(centers, true_centers):
    """Centres of ``true_centers`` that no centre of ``centers`` maps to.

    Every centre of ``centers`` is mapped to its nearest centre in
    ``true_centers`` (ties to the lowest index); a true centre that receives
    no mapping is an *orphan*. This is the directed index CI₁(A → B) of
    Fränti, Rezaei & Zhao (2014).

    Parameters
    ----------
    centers : array-like of shape (n_clusters, n_features)
        The solution A.
    true_centers : array-like of shape (n_true_clusters, n_features)
        The reference B.

    Returns
    -------
    n_orphans : int
        Between ``max(0, n_true_clusters - n_clusters)`` and
        ``n_true_clusters - 1``.

    Examples
    --------
    >>> orphan_count([[0, 0], [0, 1], [9, 9]], [[0, 0], [5, 5], [9, 9]])
    1
    """
    a, b = _check_pair(centers, true_centers)
    return _orphans(a, b)


def centroid_index(centers, true_centers):
    """Centroid index CI: how many clusters are wrongly located.

    CI = max(CI₁(A → B), CI₁(B → A)), the larger of the two directed orphan
    counts (:func:`orphan_count`). CI = 0 means that the solution has the same
    cluster-level structure as the reference: one centre in every true
    cluster. Each unit of CI is a cluster that is missing in one place and
    doubled up in another (Fränti, Rezaei & Zhao 2014). The index is
    symmetric and does not depend on the order of the centres.

    Parameters
    ----------
    centers : array-like of shape (n_clusters, n_features)
    true_centers : array-like of shape (n_true_clusters, n_features)
        The number of centres may differ between the two.

    Returns
    -------
    ci : int

    Examples
    --------
    Two centres share the first true cluster and none is near (5, 5):

    >>> centroid_index([[0, 0], [0, 1], [9, 9]], [[0, 0], [5, 5], [9, 9]])
    1
    """
    a, b = _check_pair(centers, true_centers)
    return max(_orphans(a, b), _orphans(b, a))


def _check_pair(centers, true_centers):
    a = check_data(centers, "centers")
    b = check_data(true_centers, "true_centers")
    if a.shape[1] != b.shape[1]:
        raise ValueError(
            "centers and true_centers must have the same number of features, "
            f"got shapes {a.shape} and {b.shape}."
        )
    return a, b


def _orphans(a, b):
    """Rows of b that are the nearest row of b for no row of a."""
    sq_dist = ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2)
    mapped = np.zeros(b.shape[0], dtype=bool)
    mapped[sq_dist.argmin(axis=1)] = True
    return int(b.shape[0] - mapped.sum())
