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
            raise ValueError(f"centers must be an int or an array of shape (n_centers, n_features), got shape {centers.shape}.")
        n_centers, n_features = centers.shape
    if np.ndim(n_samples) == 0:
        total = check_positive_int(n_samples, "n_samples")
        sizes = np.full(n_centers, total // n_centers)
        sizes[: total % n_centers] += 1
    else:
        sizes = np.asarray(n_samples, dtype=int)
        if sizes.shape != (n_centers,) or (sizes < 0).any():
            raise ValueError(f"n_samples as a sequence must hold {n_centers} non-negative sizes, got {list(sizes)}.")
    stds = np.broadcast_to(np.asarray(cluster_std, dtype=float), (n_centers,))
    if (stds < 0).any():
        raise ValueError(f"cluster_std must be >= 0, got {cluster_std}.")
    X = np.vstack([rng.normal(c, s, size=(m, n_features)) for c, s, m in zip(centers, stds, sizes)])
    y = np.repeat(np.arange(n_centers), sizes)
    order = rng.permutation(len(y))
    X, y = X[order], y[order]
    return (X, y, centers) if return_centers else (X, y)
