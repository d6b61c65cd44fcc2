"""Exact (``fractions.Fraction``) helpers for small worked examples of Lloyd's algorithm.

Lesson 05 runs Lloyd's algorithm by hand on a handful of points. These
helpers keep that arithmetic exact: with ``Fraction`` coordinates every
distance, mean and objective value is a rational number, so a hand computation
can be compared to the package with ``==``.

Points are tuples of numbers; labels are lists of cluster indices.
"""

import itertools
from fractions import Fraction

import sympy

__all__ = [
    "exact_sqrt", "is_fixed_point", "mean_of", "naive_lloyd", "partition_name", "show",
    "sq_dist", "to_fraction", "two_cluster_partitions", "wcss_exact",
]  # fmt: skip


def sq_dist(p, q):
    """The squared Euclidean distance ‖p − q‖² of two points (exact for Fractions)."""
    return sum((a - b) ** 2 for a, b in zip(p, q))


def mean_of(pts):
    """The coordinate-wise mean of a non-empty list of points."""
    if not pts:
        raise ValueError("mean_of needs at least one point.")
    return tuple(sum(coords) / len(pts) for coords in zip(*pts))


def show(point):
    """A point as the text ``'(4/3, 4/3)'``."""
    return "(" + ", ".join(str(c) for c in point) + ")"


def exact_sqrt(q):
    """√q of a Fraction (or int) ``q`` as an exact SymPy number, e.g. ``4*sqrt(2)`` for 32."""
    q = Fraction(q)
    return sympy.sqrt(sympy.Rational(q.numerator, q.denominator))


def to_fraction(value, max_denominator=1000):
    """The simple fraction a float stands for.

    Parameters
    ----------
    value : float
    max_denominator : int, default=1000

    Returns
    -------
    Fraction

    Raises
    ------
    ValueError
        If ``value`` is not within 1e-12 of a fraction with denominator at most ``max_denominator``.
    """
    fraction = Fraction(float(value)).limit_denominator(max_denominator)
    if abs(float(value) - fraction) >= 1e-12:
        raise ValueError(f"{value!r} is not within 1e-12 of {fraction}")
    return fraction


def partition_name(labels, names):
    """``'ABC | DEF'`` for labels ``[0, 0, 0, 1, 1, 1]`` and names ``'ABCDEF'``; an empty cluster is ``∅``."""
    n_clusters = max(2, max(labels) + 1)
    groups = ["".join(n for n, k in zip(names, labels) if k == j) or "∅" for j in range(n_clusters)]
    return " | ".join(sorted(groups, key=lambda g: (g == "∅", g)))


def wcss_exact(points, labels):
    """J of a labelling: the sum of every point's squared distance to the mean of its own cluster."""
    means = {k: mean_of([p for p, j in zip(points, labels) if j == k]) for k in set(labels)}
    return sum(sq_dist(p, means[k]) for p, k in zip(points, labels))


def is_fixed_point(points, labels, allow_ties=False):
    """True when no point is nearer another cluster's mean than its own (a Lloyd fixed point).

    With ``allow_ties=False`` every point must be strictly nearer its own mean; with
    ``allow_ties=True``, no farther. Every cluster in ``labels`` must be non-empty.
    """
    clusters = sorted(set(labels))
    means = {k: mean_of([p for p, j in zip(points, labels) if j == k]) for k in clusters}
    for p, k in zip(points, labels):
        own = sq_dist(p, means[k])
        for other in clusters:
            if other != k and (
                sq_dist(p, means[other]) < own or (not allow_ties and sq_dist(p, means[other]) == own)
            ):
                return False
    return True


def two_cluster_partitions(n_points):
    """Every partition of ``n_points`` points into two non-empty clusters, as label tuples.

    The last point is always in cluster 1, so each partition appears once:
    there are ``2 ** (n_points - 1) - 1`` of them.
    """
    return [bits + (1,) for bits in itertools.product((0, 1), repeat=n_points - 1) if 0 in bits]


def naive_lloyd(points, init, max_iter=100):
    """Lloyd's algorithm with no empty-cluster policy: an idle centre keeps its position.

    Ties go to the lower index, as in ``kl.lloyd``.

    Parameters
    ----------
    points : list of tuples
    init : list of tuples
        The starting centres.
    max_iter : int, default=100

    Returns
    -------
    centres : list of tuples
    labels : list of int
    n_iter : int
        The number of assignment steps, counting the final one that changed nothing.
    """
    centres, labels = list(init), None
    for n_iter in range(1, max_iter + 1):
        new_labels = [min(range(len(centres)), key=lambda k: sq_dist(p, centres[k])) for p in points]
        if new_labels == labels:
            return centres, labels, n_iter
        labels = new_labels
        centres = [mean_of([p for p, j in zip(points, labels) if j == k]) if k in labels else centres[k]
                   for k in range(len(centres))]  # fmt: skip
    raise RuntimeError(f"no convergence in {max_iter} iterations")
