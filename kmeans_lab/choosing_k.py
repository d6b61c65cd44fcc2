"""Choosing K: the elbow (Kneedle), silhouette and gap statistic.

Four tools, one question — how many clusters?

* :func:`elbow_curve` fits K-Means for each K and returns the inertias
  J(K) (the WCSS), the curve whose "elbow" the classic heuristic looks for.
* :func:`find_elbow` (and :func:`kneedle`, which also returns the
  intermediate curves) locates that elbow automatically with the Kneedle
  algorithm of Satopaa et al. (2011), following the conventions of the
  ``kneed`` package's ``KneeLocator``.
* :func:`silhouette_samples` and :func:`silhouette_score` measure how well
  each sample sits in its cluster (Rousseeuw 1987), with scikit-learn's
  conventions.
* :func:`gap_statistic` compares log W_k with its expectation under a
  uniform reference distribution (Tibshirani, Walther & Hastie 2001); unlike
  the other two it can answer "K = 1".
"""

import numbers
import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import (
    _as_numeric_array,
    _check_finite,
    check_data,
    check_non_negative_float,
    check_positive_int,
    check_random_state,
)
from .estimator import KMeans

__all__ = [
    "GapStatistic",
    "KneedleResult",
    "NoElbowWarning",
    "elbow_curve",
    "find_elbow",
    "gap_statistic",
    "kneedle",
    "silhouette_samples",
    "silhouette_score",
]


class NoElbowWarning(UserWarning):
    """Issued by :func:`find_elbow` when the curve has no knee or elbow."""


def _check_ks(ks, n_samples, *, increasing=False):
    """Validate a sequence of cluster counts; returns an int array."""
    if isinstance(ks, numbers.Integral) and not isinstance(ks, bool):
        raise TypeError(f"ks must be a sequence of cluster counts such as range(1, 11), got the int {ks}.")
    try:
        values = list(ks)
    except TypeError:
        raise TypeError(f"ks must be a sequence of cluster counts like range(1, 11), got {ks!r}.") from None
    if not values:
        raise ValueError("ks is empty; give at least one number of clusters, e.g. range(1, 11).")
    checked = []
    for k in values:
        if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
            raise TypeError(f"ks must hold integers >= 1, got {k!r} of type {type(k).__name__}.")
        if k < 1:
            raise ValueError(f"ks must hold integers >= 1, got {k}.")
        if k > n_samples:
            raise ValueError(f"ks holds {k} but X has n_samples={n_samples}; every K must be <= n_samples.")
        checked.append(int(k))
    checked = np.array(checked, dtype=np.intp)
    if increasing and (np.diff(checked) <= 0).any():
        raise ValueError(f"ks must be strictly increasing, got {checked.tolist()}.")
    return checked


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
    ks = _check_ks(ks, X.shape[0])
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
    x = _as_numeric_array(x, "x")
    y = _as_numeric_array(y, "y")
    for name, a in (("x", x), ("y", y)):
        if a.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got shape {a.shape}.")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.shape[0]} and {y.shape[0]}.")
    if x.shape[0] < 3:
        raise ValueError(f"a knee needs at least 3 points, got {x.shape[0]}.")
    _check_finite(x, "x")
    _check_finite(y, "y")
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


# ----------------------------------------------------------------------------------------------------------
# Silhouette (Rousseeuw 1987)
# ----------------------------------------------------------------------------------------------------------

#: Elements of one (chunk, n_samples) block of distances: about 8 MB in float64.
_SILHOUETTE_BLOCK = 2**20
#: Up to this many features the distances are summed feature by feature (exact, no cancellation).
_EXACT_FEATURES = 8


def _check_cluster_labels(labels, n_samples):
    """Encode any 1-D labels as 0..n_labels-1; check 2 <= n_labels <= n_samples - 1."""
    if isinstance(labels, (str, bytes)):
        raise TypeError(f"labels must be a 1-D array of cluster labels, got a string: {labels!r}.")
    array = np.asarray(labels)
    if array.ndim != 1 or array.shape[0] != n_samples:
        raise ValueError(f"labels must have shape ({n_samples},) to match X, got shape {array.shape}.")
    if array.dtype.kind in "fc" and not np.isfinite(array).all():
        raise ValueError("labels contains NaN or infinite values.")
    try:
        _, codes = np.unique(array, return_inverse=True)
    except TypeError:
        raise TypeError("labels must be all of one comparable type (all ints or all strings).") from None
    codes = codes.reshape(-1)
    n_labels = int(codes.max()) + 1
    if not 2 <= n_labels <= n_samples - 1:
        raise ValueError(
            f"Number of labels is {n_labels}. Valid values are 2 to n_samples - 1 (inclusive), "
            f"here 2 to {n_samples - 1}: the silhouette compares each sample's own cluster with another one."
        )
    return codes, n_labels


def _check_precomputed(D):
    D = _as_numeric_array(D, "X")
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        raise ValueError(f"with metric='precomputed', X must be a square distance matrix, got {D.shape}.")
    D = np.ascontiguousarray(D, dtype=np.float64)
    _check_finite(D, "X")
    if (D < 0).any():
        raise ValueError("with metric='precomputed', X must hold distances >= 0; it has negative entries.")
    if (np.diagonal(D) != 0).any():
        raise ValueError(
            "with metric='precomputed', the diagonal of X must be zero (the distance of a point to itself)."
        )
    return D


def _distance_rows(X, start, stop, sq_norms):
    """Euclidean distances from samples start..stop-1 to every sample, shape (stop-start, n_samples)."""
    rows = X[start:stop]
    if X.shape[1] <= _EXACT_FEATURES:
        sq = np.zeros((stop - start, X.shape[0]))
        for f in range(X.shape[1]):
            sq += np.square(rows[:, f, None] - X[None, :, f])
    else:
        sq = rows @ (-2.0 * X.T)
        sq += sq_norms[start:stop, None]
        sq += sq_norms[None, :]
        np.maximum(sq, 0.0, out=sq)
        sq[np.arange(stop - start), np.arange(start, stop)] = 0.0
    return np.sqrt(sq, out=sq)


def silhouette_samples(X, labels, *, metric="euclidean"):
    """Silhouette coefficient of each sample (Rousseeuw 1987).

    For sample i in cluster A, let a(i) be its mean distance to the other
    members of A and b(i) the smallest mean distance to the members of
    another cluster. Then

    .. math:: s(i) = \\frac{b(i) - a(i)}{\\max(a(i), b(i))} \\in [-1, 1],

    close to 1 when i sits well inside its cluster, near 0 on a border and
    negative when another cluster is closer on average. A sample alone in its
    cluster gets s = 0 (Rousseeuw's convention, as in scikit-learn).

    The distances are computed in blocks of rows, so memory stays
    O(n_samples) per block and no n × n matrix is held for large n.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), or (n_samples, n_samples) if metric='precomputed'
    labels : array-like of shape (n_samples,)
        Cluster labels of any sortable type; there must be between 2 and
        n_samples − 1 distinct labels.
    metric : {'euclidean', 'precomputed'}, default='euclidean'

    Returns
    -------
    silhouette : ndarray of shape (n_samples,)

    Examples
    --------
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> silhouette_samples(X, [0, 0, 0, 1, 1, 1]).round(3).tolist()
    [0.838, 0.78, 0.78, 0.808, 0.798, 0.798]
    """
    if metric == "precomputed":
        X = _check_precomputed(X)
    elif metric == "euclidean":
        X = check_data(X, dtype=np.float64)
    else:
        raise ValueError(f"metric must be 'euclidean' or 'precomputed', got {metric!r}.")
    n_samples = X.shape[0]
    codes, n_labels = _check_cluster_labels(labels, n_samples)

    # Columns grouped by cluster turn the per-cluster sums into one np.add.reduceat.
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=n_labels).astype(np.float64)
    starts = np.concatenate([[0], np.cumsum(sizes[:-1]).astype(np.intp)])
    if metric == "euclidean":
        X = X[order] - X.mean(axis=0)
        sq_norms = np.einsum("ij,ij->i", X, X)
    else:
        X = X[np.ix_(order, order)]
    sorted_codes = codes[order]

    silhouette_sorted = np.empty(n_samples)
    chunk = max(1, _SILHOUETTE_BLOCK // n_samples)
    for start in range(0, n_samples, chunk):
        stop = min(start + chunk, n_samples)
        distances = X[start:stop] if metric == "precomputed" else _distance_rows(X, start, stop, sq_norms)
        sums = np.add.reduceat(distances, starts, axis=1)
        rows = np.arange(stop - start)
        own = sorted_codes[start:stop]
        own_size = sizes[own]
        with np.errstate(divide="ignore", invalid="ignore"):
            a = sums[rows, own] / (own_size - 1)
        means = sums / sizes
        means[rows, own] = np.inf
        b = means.min(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            s = (b - a) / np.maximum(a, b)
        # Singletons (a = 0/0) and all-identical data (0/0) get 0, as in Rousseeuw (1987).
        s[(own_size == 1) | ~np.isfinite(s)] = 0.0
        silhouette_sorted[start:stop] = s

    silhouette = np.empty(n_samples)
    silhouette[order] = silhouette_sorted
    return silhouette


def silhouette_score(X, labels, *, metric="euclidean"):
    """Mean silhouette coefficient over all samples (see :func:`silhouette_samples`).

    Higher is better; the K with the largest score is the silhouette's choice.

    Returns
    -------
    float

    Examples
    --------
    >>> X = [[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]]
    >>> round(silhouette_score(X, [0, 0, 0, 1, 1, 1]), 4)
    0.8003
    """
    return float(np.mean(silhouette_samples(X, labels, metric=metric)))


# ----------------------------------------------------------------------------------------------------------
# The gap statistic (Tibshirani, Walther & Hastie 2001)
# ----------------------------------------------------------------------------------------------------------

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
            f"W_k is 0 for k={k} (X has no more than {k} distinct points), so log W_k is undefined; "
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
    ks = _check_ks(ks, X.shape[0], increasing=True)
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
