"""The course's worked example and a blob generator."""

from dataclasses import dataclass

import numpy as np

from .._validation import check_positive_int, check_random_state


@dataclass(frozen=True)
class SeedExample:
    """The six-point worked example of the course.

    Attributes
    ----------
    X : ndarray of shape (6, 2)
        A(1,1), B(1,2), C(2,1), D(5,5), E(5,6), F(6,5).
    names : tuple of str
        ``("A", "B", "C", "D", "E", "F")``.
    init_centroids : ndarray of shape (2, 2)
        The starting centroids (1, 1) and (5, 5).
    n_clusters : int
        2.
    """

    X: np.ndarray
    names: tuple
    init_centroids: np.ndarray
    n_clusters: int = 2


def seed_example():
    """The six points A–F, their names, K = 2 and the initial centroids (1,1), (5,5).

    Returns
    -------
    SeedExample

    Examples
    --------
    >>> ex = seed_example()
    >>> ex.X.shape, ex.names[3], ex.init_centroids.tolist()
    ((6, 2), 'D', [[1.0, 1.0], [5.0, 5.0]])
    """
    X = np.array([[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]], dtype=float)
    return SeedExample(X=X, names=tuple("ABCDEF"), init_centroids=np.array([[1.0, 1.0], [5.0, 5.0]]))


def make_blobs(n_samples=300, centers=3, n_features=2, *, cluster_std=1.0, center_box=(-10.0, 10.0),
               random_state=None, return_centers=False):
    """Isotropic Gaussian blobs.

    Parameters
    ----------
    n_samples : int or sequence of int, default=300
        Total number of samples, split as evenly as possible, or the size of
        each blob.
    centers : int or array-like of shape (n_centers, n_features), default=3
        Number of blobs (their centres drawn uniformly in ``center_box``) or
        the centres themselves.
    n_features : int, default=2
        Ignored when ``centers`` is an array.
    cluster_std : float or sequence of float, default=1.0
        Standard deviation of each blob.
    center_box : (float, float), default=(-10, 10)
    random_state : None, int or numpy.random.Generator
    return_centers : bool, default=False

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        The blob each sample was drawn from.
    centers : ndarray of shape (n_centers, n_features)
        Only when ``return_centers`` is True.
    """
    rng = check_random_state(random_state)
    if np.ndim(centers) == 0:
        n_centers = check_positive_int(centers, "centers")
        n_features = check_positive_int(n_features, "n_features")
        low, high = center_box
        centers = rng.uniform(low, high, size=(n_centers, n_features))
    else:
        centers = np.asarray(centers, dtype=float)
        if centers.ndim != 2:
            raise ValueError(
                "centers must be an int or an array of shape (n_centers, n_features), "
                f"got shape {centers.shape}."
            )
        n_centers, n_features = centers.shape
    if np.ndim(n_samples) == 0:
        total = check_positive_int(n_samples, "n_samples")
        sizes = np.full(n_centers, total // n_centers)
        sizes[: total % n_centers] += 1
    else:
        sizes = np.asarray(n_samples, dtype=int)
        if sizes.shape != (n_centers,) or (sizes < 0).any():
            raise ValueError(
                f"n_samples as a sequence must hold {n_centers} non-negative sizes, got {list(sizes)}."
            )
    stds = np.broadcast_to(np.asarray(cluster_std, dtype=float), (n_centers,))
    if (stds < 0).any():
        raise ValueError(f"cluster_std must be >= 0, got {cluster_std}.")
    X = np.vstack([rng.normal(c, s, size=(m, n_features)) for c, s, m in zip(centers, stds, sizes)])
    y = np.repeat(np.arange(n_centers), sizes)
    order = rng.permutation(len(y))
    X, y = X[order], y[order]
    return (X, y, centers) if return_centers else (X, y)


def make_s_sets(n_samples=5000, n_clusters=15, *, cluster_std=0.035, min_separation=0.17, random_state=None,
                return_centers=False):
    """Overlapping Gaussian clusters in the unit square, in the spirit of Fränti's S-sets.

    The centres are drawn uniformly in [0, 1]² but at least ``min_separation``
    apart (rejection sampling), so every true cluster exists as a separate
    group; ``cluster_std`` sets how much neighbouring clusters overlap
    (the S1–S4 sets of Fränti & Virmajoki 2006 range from little to much
    overlap). Each cluster's spread is ``cluster_std`` times a factor drawn in
    [0.75, 1.25].

    Parameters
    ----------
    n_samples : int, default=5000
        Total number of samples, split as evenly as possible.
    n_clusters : int, default=15
    cluster_std : float, default=0.035
        Typical standard deviation of a cluster (the square has side 1).
    min_separation : float, default=0.17
        Smallest distance between two centres.
    random_state : None, int or numpy.random.Generator
    return_centers : bool, default=False

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        The cluster each sample was drawn from.
    centers : ndarray of shape (n_clusters, 2)
        Only when ``return_centers`` is True.

    Examples
    --------
    >>> X, y, centers = make_s_sets(300, 4, random_state=0, return_centers=True)
    >>> X.shape, centers.shape, sorted(set(y.tolist()))
    ((300, 2), (4, 2), [0, 1, 2, 3])
    """
    from .._validation import check_non_negative_float

    rng = check_random_state(random_state)
    n_clusters = check_positive_int(n_clusters, "n_clusters")
    n_samples = check_positive_int(n_samples, "n_samples")
    cluster_std = check_non_negative_float(cluster_std, "cluster_std")
    min_separation = check_non_negative_float(min_separation, "min_separation")
    centers = _separated_points(n_clusters, min_separation, rng)
    stds = cluster_std * rng.uniform(0.75, 1.25, size=n_clusters)
    return make_blobs(n_samples, centers, cluster_std=stds, random_state=rng, return_centers=return_centers)


def _separated_points(n_points, min_separation, rng, max_attempts=200):
    """``n_points`` uniform points in the unit square, pairwise at least ``min_separation`` apart."""
    points = np.empty((n_points, 2))
    placed = 0
    for _ in range(max_attempts * n_points):
        candidate = rng.uniform(0.0, 1.0, size=2)
        if placed == 0 or (((points[:placed] - candidate) ** 2).sum(axis=1) >= min_separation**2).all():
            points[placed] = candidate
            placed += 1
            if placed == n_points:
                return points
    raise ValueError(
        f"could not place n_clusters={n_points} centres at least min_separation={min_separation} apart "
        "in the unit square; lower min_separation or n_clusters."
    )
