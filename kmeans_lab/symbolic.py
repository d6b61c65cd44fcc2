"""SymPy helpers for lesson 02: why the mean (and the median) is the best centre.

Each function builds one small symbolic object — the objective of one cluster,
its gradient, its Hessian, an identity — so a lesson can print it and check it
with ``sp.simplify(lhs - rhs) == 0``. Importing this module imports SymPy;
``import kmeans_lab`` alone does not.
"""

from collections import namedtuple
from fractions import Fraction

import sympy as sp

__all__ = [
    "ClusterObjective",
    "abs_objective",
    "centroid_symbols",
    "cluster_objective",
    "general_cluster_objective",
    "gradient",
    "hessian",
    "median_interval",
    "median_subgradient",
    "parallel_axis_identity",
    "point_symbols",
    "sample_mean",
    "source_text_gradient",
    "stationary_point",
]

#: What :func:`cluster_objective` returns: J, the points (n × d) and the centre (d × 1).
ClusterObjective = namedtuple("ClusterObjective", ["J", "X", "mu"])


def _check_size(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return value


def point_symbols(n, d, name="x"):
    """A matrix of real symbols ``x_{i,j}``: n points (rows) with d coordinates.

    Parameters
    ----------
    n, d : int
        Number of points and of dimensions (both >= 1).
    name : str, default="x"

    Returns
    -------
    X : sympy.Matrix of shape (n, d)
    """
    n, d = _check_size(n, "n"), _check_size(d, "d")
    return sp.Matrix(n, d, lambda i, j: sp.Symbol(f"{name}_{{{i + 1},{j + 1}}}", real=True))


def centroid_symbols(d, name="mu"):
    """A column of real symbols ``mu_1 … mu_d``: a centre in d dimensions.

    Returns
    -------
    mu : sympy.Matrix of shape (d, 1)
    """
    d = _check_size(d, "d")
    return sp.Matrix(d, 1, lambda j, _: sp.Symbol(f"{name}_{j + 1}", real=True))


def _squared_norm(v):
    return sum(c**2 for c in v)


def cluster_objective(n, d):
    """The objective of one cluster, ``J(mu) = sum_i ||x_i - mu||^2``, for n points in d dimensions.

    Parameters
    ----------
    n, d : int

    Returns
    -------
    ClusterObjective
        ``J`` (a SymPy expression), ``X`` (n × d point symbols), ``mu`` (d × 1).

    Examples
    --------
    >>> J, X, mu = cluster_objective(2, 1)
    >>> sp.expand(J - ((X[0] - mu[0])**2 + (X[1] - mu[0])**2))
    0
    """
    X = point_symbols(n, d)
    mu = centroid_symbols(d)
    J = sum(_squared_norm(X[i, :].T - mu) for i in range(n))
    return ClusterObjective(J, X, mu)


def sample_mean(X):
    """The mean of the rows of a SymPy (or nested-list) matrix, as a column.

    Returns
    -------
    mean : sympy.Matrix of shape (d, 1)
    """
    X = sp.Matrix(X)
    return sp.Matrix([sum(X[:, j]) / X.rows for j in range(X.cols)])


def gradient(J, mu):
    """The gradient ``dJ/dmu`` as a column of partial derivatives.

    Parameters
    ----------
    J : sympy expression
    mu : sympy.Matrix of shape (d, 1)

    Returns
    -------
    sympy.Matrix of shape (d, 1)
    """
    return sp.Matrix([sp.diff(J, m) for m in mu])


def source_text_gradient(X, mu):
    """The course text's formula ``dJ/dmu = -2 sum_i (x_i - mu)``, built as written.

    Compare with :func:`gradient` of :func:`cluster_objective` to check it.
    """
    X = sp.Matrix(X)
    return -2 * sum((X[i, :].T - mu for i in range(X.rows)), sp.zeros(X.cols, 1))


def stationary_point(J, mu):
    """Solve ``dJ/dmu = 0`` for the centre.

    Returns
    -------
    sympy.Matrix of shape (d, 1)
        The unique solution (the objective of a cluster is a strictly convex
        quadratic, so there is exactly one).

    Raises
    ------
    ValueError
        If the equations do not have exactly one solution.
    """
    solutions = sp.solve(list(gradient(J, mu)), list(mu), dict=True)
    if len(solutions) != 1:
        raise ValueError(f"expected one stationary point, found {len(solutions)}.")
    return sp.Matrix([solutions[0][m] for m in mu])


def hessian(J, mu):
    """The matrix of second derivatives of ``J`` with respect to ``mu``.

    Returns
    -------
    sympy.Matrix of shape (d, d)
    """
    return sp.hessian(J, list(mu))


def parallel_axis_identity(n, d):
    """Both sides of ``sum_i ||x_i - mu||^2 = sum_i ||x_i - xbar||^2 + n ||xbar - mu||^2``.

    The identity (König–Huygens, or the parallel-axis theorem) says that J at
    any centre equals J at the mean plus ``n`` times the squared distance from
    the mean: the mean is the minimiser, and the penalty for missing it is exact.

    Returns
    -------
    lhs, rhs : sympy expressions
        ``sp.expand(lhs - rhs) == 0`` for every n and d.
    """
    J, X, mu = cluster_objective(n, d)
    xbar = sample_mean(X)
    rhs = sum(_squared_norm(X[i, :].T - xbar) for i in range(n)) + n * _squared_norm(xbar - mu)
    return J, rhs


def general_cluster_objective():
    """The one-dimensional objective for a symbolic number of points.

    ``J(mu) = Sum((x[i] - mu)**2, (i, 1, n))`` with ``n`` a positive integer
    symbol. The squared distance is a sum over coordinates, so one coordinate
    tells the whole story in any dimension.

    Returns
    -------
    J : sympy.Sum
    x : sympy.IndexedBase
    mu, n, i : sympy.Symbol
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True, positive=True)
    x = sp.IndexedBase("x", real=True)
    mu = sp.Symbol("mu", real=True)
    return sp.Sum((x[i] - mu) ** 2, (i, 1, n)), x, mu, n, i


def abs_objective(points, m):
    """``sum_i |x_i - m|`` for given numbers ``points`` and a symbol (or number) ``m``."""
    return sum(sp.Abs(sp.nsimplify(p) - m) for p in points)


def _as_rationals(values, name):
    try:
        out = [
            Fraction(v) if not isinstance(v, float) else Fraction(v).limit_denominator(10**12) for v in values
        ]
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a sequence of real numbers, got {values!r}.") from None
    if not out:
        raise ValueError(f"{name} must not be empty.")
    return out


def median_subgradient(points, m):
    """The subdifferential of ``f(m) = sum_i |x_i - m|`` at ``m``: an interval.

    Each term ``|x_i - m|`` has slope -1 when ``x_i > m``, +1 when
    ``x_i < m`` and, at ``m = x_i``, any slope in [-1, 1]. Summing, the
    subdifferential is ``[L - G - E, L - G + E]`` where L, G and E count the
    points below, above and equal to ``m``. ``m`` minimises ``f`` exactly when
    0 lies in this interval — the defining property of a median.

    Parameters
    ----------
    points : sequence of real numbers
    m : real number

    Returns
    -------
    low, high : sympy.Integer
    """
    xs = _as_rationals(points, "points")
    (m,) = _as_rationals([m], "m")
    below = sum(x < m for x in xs)
    above = sum(x > m for x in xs)
    equal = len(xs) - below - above
    return sp.Integer(below - above - equal), sp.Integer(below - above + equal)


def median_interval(points):
    """Every minimiser of ``sum_i |x_i - m|``: the closed interval between the middle points.

    For an odd number of points the interval is a single point (the median);
    for an even number it runs from the lower to the upper middle point.

    Returns
    -------
    sympy.Interval (or sympy.FiniteSet for a single point)
    """
    xs = sorted(_as_rationals(points, "points"))
    n = len(xs)
    low, high = sp.Rational(xs[(n - 1) // 2]), sp.Rational(xs[n // 2])
    return sp.Interval(low, high)
