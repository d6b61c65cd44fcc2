"""The elbow curve J(K) and its knee, found by Kneedle.

* :func:`elbow_curve` fits K-Means for each K and returns the inertias
  J(K) (the WCSS), the curve whose "elbow" the classic heuristic looks for.
* :func:`find_elbow` (and :func:`kneedle`, which also returns the
  intermediate curves) locates that elbow automatically with the Kneedle
  algorithm of Satopaa et al. (2011), following the conventions of the
  ``kneed`` package's ``KneeLocator``.
"""

import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import (
    check_data,
    check_finite_array,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
)
from ..estimator import KMeans
from ._ks import check_ks

__all__ = ["KneedleResult", "NoElbowWarning", "elbow_curve", "find_elbow", "kneedle"]


class NoElbowWarning(UserWarning):
    """Issued by :func:`find_elbow` when the curve has no knee or elbow."""


# ----------------------------------------------------------------------------------------------------------
# The elbow curve
# ----------------------------------------------------------------------------------------------------------


def elbow_curve(X, ks, *, init="k-means++", n_init=10, random_state=None):
    """K-Means inertia J(K) (within-cluster sum of squares) for each K in ``ks``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    ks : sequence of int
        The numbers of clusters to try, each in [1, n_samples].
    init : {'k-means++', 'random'}, default='k-means++'
        Initialisation of each run (see :class:`kmeans_lab.KMeans`).
    n_init : int, default=10
        Restarts per K; the lowest inertia is kept. With ``n_init=1`` a single
        unlucky start can make the curve go *up* from one K to the next.
    random_state : None, int or numpy.random.Generator, default=None
        One generator is drawn from for all K in turn, so an int makes the
        whole curve reproducible.

    Returns
    -------
    inertias : ndarray of shape (len(ks),)

    Examples
    --------
    >>> import kmeans_lab as kl
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> elbow_curve(X, [1, 2], random_state=0).round(4).tolist()
    [50.6667, 2.6667]
    """
    X = check_data(X)
    ks = check_ks(ks, X.shape[0])
    if not (isinstance(init, str) and init in ("k-means++", "random")):
        raise ValueError(f"init must be 'k-means++' or 'random', got {init!r}.")
    n_init = check_positive_int(n_init, "n_init")
    rng = check_random_state(random_state)
    inertias = np.empty(len(ks))
    for i, k in enumerate(ks):
        inertias[i] = KMeans(int(k), init=init, n_init=n_init, random_state=rng).fit(X).inertia_
    return inertias


# ----------------------------------------------------------------------------------------------------------
# Kneedle (Satopaa, Albrecht, Irwin & Raghavan 2011)
# ----------------------------------------------------------------------------------------------------------

_CURVES = ("convex", "concave")
_DIRECTIONS = ("increasing", "decreasing")


@dataclass(frozen=True)
class KneedleResult:
    """The knee and the curves Kneedle computed to find it.

    The curve is first turned into a concave, increasing one on [0, 1]²
    (flipping x and/or y as ``curve`` and ``direction`` require); the arrays
    below live in that transformed frame, sorted by ``x_normalized``.

    Attributes
    ----------
    knee : float or None
        The x value (in the caller's units) of the knee, or None.
    knee_index : int or None
        Index of the knee in the caller's ``x``.
    norm_knee : float or None
        x of the knee in the transformed frame (a value of ``x_normalized``).
    x_normalized, y_normalized : ndarray of shape (n_points,)
        The transformed, normalised curve.
    difference : ndarray of shape (n_points,)
        ``y_normalized − x_normalized``; the knee is a local maximum of it.
    maxima : ndarray of int
        Indices (in the transformed frame) of the local maxima of ``difference``.
    thresholds : ndarray of shape (len(maxima),)
        ``difference[maxima] − S · mean(diff(x_normalized))``: once the
        difference curve falls below a maximum's threshold, that maximum is
        declared the knee.
    """

    knee: object
    knee_index: object
    norm_knee: object
    x_normalized: np.ndarray
    y_normalized: np.ndarray
    difference: np.ndarray
    maxima: np.ndarray
    thresholds: np.ndarray


def _check_curve_xy(x, y):
    x = check_finite_array(x, "x")
    y = check_finite_array(y, "y")
    for name, a in (("x", x), ("y", y)):
        if a.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got shape {a.shape}.")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.shape[0]} and {y.shape[0]}.")
    if x.shape[0] < 3:
        raise ValueError(f"a knee needs at least 3 points, got {x.shape[0]}.")
    if (np.diff(x) <= 0).any():
        raise ValueError("x must be strictly increasing (sort the points by x first).")
    return x, y.astype(np.float64)


def _normalize(a):
    return (a - a.min()) / (a.max() - a.min())


def _local_extrema(values, comparator):
    """Indices i with comparator(values[i], neighbour) for both neighbours (ends compare with themselves)."""
    previous = np.concatenate([values[:1], values[:-1]])
    following = np.concatenate([values[1:], values[-1:]])
    return np.flatnonzero(comparator(values, previous) & comparator(values, following))


def kneedle(x, y, *, curve="convex", direction="decreasing", S=1.0, online=False):
    """Run Kneedle on the points (x, y) and return the knee with its curves.

    Steps (Satopaa et al. 2011): normalise x and y to [0, 1]; transform the
    curve into a concave increasing one; form the difference curve
    ``y_n − x_n``; at each local maximum set the threshold
    ``T = y_diff(max) − S · mean(Δx_n)``; the first maximum after which the
    difference curve drops below its threshold (before reaching a local
    minimum) is the knee. This matches ``kneed.KneeLocator`` with
    ``interp_method='interp1d'``.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Strictly increasing, at least 3 points.
    y : array-like of shape (n_points,)
    curve : {'convex', 'concave'}, default='convex'
        An elbow curve such as J(K) is convex.
    direction : {'decreasing', 'increasing'}, default='decreasing'
    S : float, default=1.0
        Sensitivity: larger S waits for a bigger drop, giving fewer, more
        conservative knees.
    online : bool, default=False
        False returns the first knee found; True keeps scanning and returns
        the last one.

    Returns
    -------
    KneedleResult
    """
    x, y = _check_curve_xy(x, y)
    if curve not in _CURVES:
        raise ValueError(f"curve must be 'convex' or 'concave', got {curve!r}.")
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be 'increasing' or 'decreasing', got {direction!r}.")
    S = check_non_negative_float(S, "S")
    if not isinstance(online, (bool, np.bool_)):
        raise TypeError(f"online must be True or False, got {online!r}.")
    x_given, x = x, x.astype(np.float64)
    n = x.shape[0]
    if y.max() == y.min():
        empty = np.array([], dtype=np.intp)
        return KneedleResult(None, None, None, _normalize(x), np.zeros(n), np.zeros(n), empty, np.array([]))

    x_n, y_n = _normalize(x), _normalize(y)
    # Make the curve concave and increasing; `mirrored` means point i of the
    # transformed frame is point n-1-i of the caller's curve.
    mirrored = (direction, curve) in (("decreasing", "concave"), ("increasing", "convex"))
    if direction == "decreasing" and curve == "convex":
        y_n = y_n.max() - y_n
    elif direction == "decreasing":
        y_n = np.flip(y_n)
    elif curve == "convex":
        y_n = np.flip(y_n.max() - y_n)
    if mirrored:
        x_n = np.flip(1.0 - x_n)
    difference = y_n - x_n

    maxima = _local_extrema(difference, np.greater_equal)
    minima = _local_extrema(difference, np.less_equal)
    thresholds = difference[maxima] - S * np.abs(np.diff(x_n).mean())

    knee_frame_index = None
    if maxima.size:
        is_max = np.zeros(n, dtype=bool)
        is_max[maxima] = True
        is_min = np.zeros(n, dtype=bool)
        is_min[minima] = True
        threshold_of = dict(zip(maxima.tolist(), thresholds.tolist()))
        active, threshold, candidate = True, None, None
        for i in range(int(maxima[0]), n - 1):
            if is_max[i]:
                threshold, candidate, active = threshold_of[i], i, True
            if is_min[i]:
                # Below a local minimum nothing counts until the next maximum.
                active = False
            if active and difference[i + 1] < threshold:
                knee_frame_index = candidate
                if not online:
                    break

    knee = knee_index = norm_knee = None
    if knee_frame_index is not None:
        knee_index = n - 1 - knee_frame_index if mirrored else knee_frame_index
        knee = x_given[knee_index].item()
        norm_knee = float(x_n[knee_frame_index])
    return KneedleResult(knee, knee_index, norm_knee, x_n, y_n, difference, maxima, thresholds)


def find_elbow(x, y, *, curve="convex", direction="decreasing", S=1.0, online=False):
    """The x of the knee (or elbow) of a curve, found by Kneedle.

    Defaults suit an elbow curve J(K): convex and decreasing. Agrees with
    ``kneed.KneeLocator(x, y, curve=..., direction=..., S=..., online=...).knee``.

    Parameters
    ----------
    x : array-like of shape (n_points,)
        Strictly increasing, at least 3 points (the values of K, say).
    y : array-like of shape (n_points,)
        The curve (the inertias, say).
    curve : {'convex', 'concave'}, default='convex'
    direction : {'decreasing', 'increasing'}, default='decreasing'
    S : float, default=1.0
        Sensitivity (see :func:`kneedle`).
    online : bool, default=False
        Return the first knee (False) or the last one (True).

    Returns
    -------
    knee : int or float, or None
        An entry of ``x`` (a Python number).
        None, with a :class:`NoElbowWarning`, when the curve has no knee.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(0, 1, 10)
    >>> round(find_elbow(x, -1 / (x + 0.1) + 5, curve="concave", direction="increasing"), 4)
    0.2222
    """
    result = kneedle(x, y, curve=curve, direction=direction, S=S, online=online)
    if result.knee is None:
        warnings.warn(
            f"No knee found: the {direction}, {curve} curve has no point where it bends enough "
            f"(sensitivity S={S}). Check curve/direction, or look at the plot.",
            NoElbowWarning,
            stacklevel=2,
        )
    return result.knee
