"""Data sets on which K-Means fails, each with its true labels (lesson 09).

The first three follow scikit-learn's example ``plot_kmeans_assumptions``:
three Gaussian blobs around :data:`THREE_CENTERS`, sheared by
:data:`SHEAR`, with unequal spreads, or with very unequal sizes. Two moons
and two concentric circles have the geometry of scikit-learn's
``make_moons`` and ``make_circles``. :func:`failure_cases` gathers every
case, seeded, with the number of clusters a method is given.

Every generator returns ``X`` of shape (n_samples, 2) and ``y`` of shape
(n_samples,), shuffled, and draws everything from ``random_state``.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import check_non_negative_float, check_positive_int, check_random_state
from .generated import make_blobs

__all__ = [
    "OUTLIER_BLOB_CENTERS",
    "SHEAR",
    "THREE_CENTERS",
    "FailureCase",
    "failure_cases",
    "make_anisotropic",
    "make_circles",
    "make_moons",
    "make_outliers",
    "make_unequal_sizes",
    "make_unequal_variances",
]

#: Centres of the three blobs of the blob-based cases (near those of scikit-learn's example).
THREE_CENTERS = np.array([[-9.0, -5.5], [-4.5, 0.0], [2.0, 0.5]])
#: The linear map ``x -> x @ SHEAR`` that stretches the blobs in :func:`make_anisotropic`
#: (scikit-learn's example uses the same matrix).
SHEAR = np.array([[0.6, -0.6], [-0.4, 0.8]])


def _shuffled(X, y, rng):
    order = rng.permutation(len(y))
    return X[order], y[order]


def make_anisotropic(n_samples=450, *, transformation=SHEAR, cluster_std=1.0, random_state=None):
    """Round blobs ``B`` around :data:`THREE_CENTERS`, stretched by a linear map: ``X = B @ transformation``.

    Each blob becomes an ellipse with covariance ``cluster_std² · transformation.T @ transformation``.

    Parameters
    ----------
    n_samples : int, default=450
        Split as evenly as possible between the three blobs.
    transformation : array-like of shape (2, 2), default=SHEAR
    cluster_std : float, default=1.0
        Standard deviation of the round blobs before the map.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        The blob (0, 1 or 2) of each sample.
    """
    transformation = np.asarray(transformation, dtype=float)
    if transformation.shape != (2, 2) or not np.isfinite(transformation).all():
        raise ValueError(f"transformation must be a finite 2 × 2 matrix, got shape {transformation.shape}.")
    blobs, y = make_blobs(n_samples, THREE_CENTERS, cluster_std=cluster_std, random_state=random_state)
    return blobs @ transformation, y


def make_unequal_variances(n_samples=450, *, cluster_std=(1.0, 2.5, 0.5), random_state=None):
    """Three blobs around :data:`THREE_CENTERS` with different spreads.

    Parameters
    ----------
    n_samples : int, default=450
        Split as evenly as possible between the three blobs.
    cluster_std : sequence of 3 float, default=(1.0, 2.5, 0.5)
        Standard deviation of each blob.
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
    """
    stds = np.asarray(cluster_std, dtype=float)
    if stds.shape != (3,):
        raise ValueError(f"cluster_std must hold 3 standard deviations, got {stds.tolist()}.")
    return make_blobs(n_samples, THREE_CENTERS, cluster_std=stds, random_state=random_state)


def make_unequal_sizes(sizes=(500, 100, 10), *, centers=THREE_CENTERS, cluster_std=1.0, random_state=None):
    """Three blobs of very different sizes, around :data:`THREE_CENTERS` unless told otherwise.

    Parameters
    ----------
    sizes : sequence of 3 int, default=(500, 100, 10)
        Number of samples of each blob, as in scikit-learn's example.
    centers : array-like of shape (3, 2), default=THREE_CENTERS
        Move the small blobs closer to each other to see K-Means split the large one.
    cluster_std : float, default=1.0
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (sum(sizes), 2)
    y : ndarray of shape (sum(sizes),)
    """
    sizes = [check_positive_int(s, "sizes") for s in np.atleast_1d(sizes).tolist()]
    if len(sizes) != 3:
        raise ValueError(f"sizes must hold 3 blob sizes, got {sizes}.")
    centers = np.asarray(centers, dtype=float)
    if centers.shape != (3, 2):
        raise ValueError(f"centers must have shape (3, 2), one row per blob, got shape {centers.shape}.")
    return make_blobs(sizes, centers, cluster_std=cluster_std, random_state=random_state)


def make_moons(n_samples=400, *, noise=0.0, random_state=None):
    """Two interleaving half circles (scikit-learn's ``make_moons`` geometry).

    The upper moon (label 0) holds ``n_samples // 2`` points ``(cos t, sin t)``,
    the lower one (label 1) the rest, ``(1 − cos t, 0.5 − sin t)``, for ``t``
    evenly spaced in [0, π]; then Gaussian noise of standard deviation
    ``noise`` is added to every coordinate.

    Parameters
    ----------
    n_samples : int, default=400
    noise : float, default=0.0
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
    """
    n_samples = check_positive_int(n_samples, "n_samples", minimum=2)
    noise = check_non_negative_float(noise, "noise")
    rng = check_random_state(random_state)
    n_out = n_samples // 2
    t_out, t_in = np.linspace(0, np.pi, n_out), np.linspace(0, np.pi, n_samples - n_out)
    X = np.vstack([np.column_stack([np.cos(t_out), np.sin(t_out)]),
                   np.column_stack([1 - np.cos(t_in), 0.5 - np.sin(t_in)])])  # fmt: skip
    y = np.repeat([0, 1], [n_out, n_samples - n_out])
    X, y = _shuffled(X, y, rng)
    return X + rng.normal(0.0, noise, size=X.shape), y


def make_circles(n_samples=400, *, factor=0.5, noise=0.0, random_state=None):
    """Two concentric circles (scikit-learn's ``make_circles`` geometry).

    The outer circle (label 0, radius 1) holds ``n_samples // 2`` points at
    evenly spaced angles, the inner one (label 1, radius ``factor``) the rest;
    then Gaussian noise of standard deviation ``noise`` is added.

    Parameters
    ----------
    n_samples : int, default=400
    factor : float in (0, 1), default=0.5
        Radius of the inner circle.
    noise : float, default=0.0
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
    """
    n_samples = check_positive_int(n_samples, "n_samples", minimum=2)
    noise = check_non_negative_float(noise, "noise")
    if not 0 < factor < 1:
        raise ValueError(f"factor must be between 0 and 1 (the inner radius), got {factor!r}.")
    rng = check_random_state(random_state)
    n_out = n_samples // 2
    a_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    a_in = np.linspace(0, 2 * np.pi, n_samples - n_out, endpoint=False)
    X = np.vstack([np.column_stack([np.cos(a_out), np.sin(a_out)]),
                   factor * np.column_stack([np.cos(a_in), np.sin(a_in)])])  # fmt: skip
    y = np.repeat([0, 1], [n_out, n_samples - n_out])
    X, y = _shuffled(X, y, rng)
    return X + rng.normal(0.0, noise, size=X.shape), y


#: Centres of the blobs of :func:`make_outliers` (those of lesson 07).
OUTLIER_BLOB_CENTERS = np.array([[0.0, 0.0], [7.0, 0.0], [3.5, 6.0]])


def make_outliers(n_samples=300, n_outliers=6, *, distance=25.0, random_state=None):
    """Three round blobs, one of which has a few far-away members (outliers).

    The outliers belong to blob 2 (the top one): they are drawn around the
    point ``distance`` away from its centre, straight away from the other
    two blobs, with standard deviation 1.5. Their true label is 2.

    Parameters
    ----------
    n_samples : int, default=300
        Samples of the three blobs (standard deviation 1), split evenly.
    n_outliers : int, default=6
    distance : float, default=25.0
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    X : ndarray of shape (n_samples + n_outliers, 2)
    y : ndarray of shape (n_samples + n_outliers,)
    """
    n_outliers = check_positive_int(n_outliers, "n_outliers")
    distance = check_non_negative_float(distance, "distance")
    rng = check_random_state(random_state)
    blobs, y = make_blobs(n_samples, OUTLIER_BLOB_CENTERS, random_state=rng)
    top = OUTLIER_BLOB_CENTERS[2]
    away = top - OUTLIER_BLOB_CENTERS[:2].mean(axis=0)
    far = top + distance * away / np.linalg.norm(away)
    X = np.vstack([blobs, rng.normal(far, 1.5, size=(n_outliers, 2))])
    return _shuffled(X, np.concatenate([y, np.full(n_outliers, 2)]), rng)


@dataclass(frozen=True)
class FailureCase:
    """One data set of lesson 09 with its truth and the K a method is given.

    Attributes
    ----------
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        The true cluster of each sample.
    n_clusters : int
        The K given to the methods that need one (not always the true number).
    description : str
        What is special about the case, in a few words.
    """

    X: np.ndarray
    y: np.ndarray
    n_clusters: int
    description: str


def failure_cases(random_state=0):
    """Every case of lesson 09, each drawn with its own seed derived from ``random_state``.

    Parameters
    ----------
    random_state : int, default=0

    Returns
    -------
    dict of str to FailureCase
        In order: ``"blobs"`` (where K-Means works), ``"wrong K"`` (three blobs, K = 2),
        ``"anisotropic"``, ``"unequal variances"``, ``"unequal sizes"``, ``"moons"``,
        ``"circles"``, ``"outliers"``.
    """
    seeds = np.random.SeedSequence(check_positive_int(random_state, "random_state", minimum=0)).spawn(8)
    rngs = [np.random.default_rng(s) for s in seeds]
    round_centres = np.array([[-4.0, 0.0], [4.0, 0.0], [0.0, 6.0]])
    made = {
        "blobs": (make_blobs(450, round_centres, random_state=rngs[0]), 3, "three round, equal blobs"),
        "wrong K": (make_blobs(450, round_centres, random_state=rngs[1]), 2, "three blobs, but K = 2"),
        "anisotropic": (make_anisotropic(random_state=rngs[2]), 3, "sheared blobs"),
        "unequal variances": (make_unequal_variances(random_state=rngs[3]), 3, "spreads 1, 2.5 and 0.5"),
        "unequal sizes": (make_unequal_sizes(random_state=rngs[4]), 3, "500, 100 and 10 points"),
        "moons": (make_moons(400, noise=0.06, random_state=rngs[5]), 2, "two interleaving half circles"),
        "circles": (make_circles(400, noise=0.05, random_state=rngs[6]), 2, "one ring inside another"),
        "outliers": (make_outliers(random_state=rngs[7]), 3, "6 far members of the top blob"),
    }
    return {name: FailureCase(X, y, k, text) for name, ((X, y), k, text) in made.items()}
