"""kmeans_lab.symbolic: each symbolic result is checked against plain numbers."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from kmeans_lab import symbolic as sym


def substitute(expr, X_sym, X_num, mu_sym=None, mu_num=None):
    values = {X_sym[i, j]: X_num[i, j] for i in range(X_sym.rows) for j in range(X_sym.cols)}
    if mu_sym is not None:
        values.update({mu_sym[j]: mu_num[j] for j in range(mu_sym.rows)})
    return expr.subs(values)


@pytest.mark.parametrize("n, d", [(1, 1), (3, 2), (4, 3)])
def test_cluster_objective_equals_numpy_sum_of_squares(n, d, rng):
    J, X, mu = sym.cluster_objective(n, d)
    X_num = rng.integers(-5, 6, size=(n, d))
    mu_num = rng.integers(-5, 6, size=d)
    expected = int(((X_num - mu_num) ** 2).sum())
    assert substitute(J, X, X_num, mu, mu_num) == expected


@pytest.mark.parametrize("n, d", [(2, 1), (3, 2), (4, 2), (3, 3)])
def test_stationary_point_is_the_numpy_mean(n, d, rng):
    J, X, mu = sym.cluster_objective(n, d)
    centre = sym.stationary_point(J, mu)
    assert centre.shape == (d, 1)
    X_num = rng.integers(-9, 10, size=(n, d))
    got = np.array([float(c) for c in substitute(centre, X, X_num)])
    np.testing.assert_allclose(got, X_num.mean(axis=0))
    assert sp.simplify(centre - sym.sample_mean(X)) == sp.zeros(d, 1)


@pytest.mark.parametrize("n, d", [(1, 1), (3, 2), (4, 3)])
def test_hessian_is_2n_identity_and_matches_finite_differences(n, d, rng):
    J, _X, mu = sym.cluster_objective(n, d)
    H = sym.hessian(J, mu)
    assert H == 2 * n * sp.eye(d)
    assert H.is_positive_definite
    # Second differences of the numeric objective (exact for a quadratic).
    X_num = rng.normal(size=(n, d))
    f = lambda m: ((X_num - m) ** 2).sum()
    m0, h = rng.normal(size=d), 0.5
    for j in range(d):
        e = np.zeros(d)
        e[j] = h
        assert (f(m0 + e) - 2 * f(m0) + f(m0 - e)) / h**2 == pytest.approx(2 * n)


@pytest.mark.parametrize("n, d", [(1, 2), (3, 2), (4, 3)])
def test_gradient_matches_source_text_formula_and_numeric_gradient(n, d, rng):
    J, X, mu = sym.cluster_objective(n, d)
    grad = sym.gradient(J, mu)
    assert sp.expand(grad - sym.source_text_gradient(X, mu)) == sp.zeros(d, 1)
    X_num, mu_num = rng.integers(-4, 5, size=(n, d)), rng.integers(-4, 5, size=d)
    got = np.array([int(g) for g in substitute(grad, X, X_num, mu, mu_num)])
    np.testing.assert_array_equal(got, -2 * (X_num - mu_num).sum(axis=0))


@pytest.mark.parametrize("n, d", [(1, 1), (2, 2), (4, 2), (3, 3)])
def test_parallel_axis_identity_symbolically_and_numerically(n, d, rng):
    lhs, rhs = sym.parallel_axis_identity(n, d)
    assert sp.expand(lhs - rhs) == 0
    X_num, mu_num = rng.normal(size=(n, d)), rng.normal(size=d)
    xbar = X_num.mean(axis=0)
    expected = ((X_num - xbar) ** 2).sum() + n * ((xbar - mu_num) ** 2).sum()
    assert ((X_num - mu_num) ** 2).sum() == pytest.approx(expected)


def test_a_wrong_identity_is_not_confirmed():
    lhs, rhs = sym.parallel_axis_identity(3, 2)
    _J, X, mu = sym.cluster_objective(3, 2)
    xbar = sym.sample_mean(X)
    without_n = rhs - 2 * sum(c**2 for c in (xbar - mu))  # n ||xbar - mu||^2 replaced by 1 ||.||^2
    assert sp.expand(lhs - without_n) != 0


def test_general_objective_has_the_mean_as_stationary_point():
    J, x, mu, n, i = sym.general_cluster_objective()
    derivative = sp.expand(sp.diff(J, mu).doit()).doit()
    (solution,) = sp.solve(derivative, mu)
    assert sp.simplify(solution - sp.Sum(x[i], (i, 1, n)) / n) == 0
    assert sp.diff(J, mu, 2).doit() == 2 * n
    # For n = 3 the general form agrees with the concrete one.
    concrete = J.subs(n, 3).doit()
    values = {x[1]: 2, x[2]: 5, x[3]: 11, mu: 4}
    assert concrete.subs(values) == (2 - 4) ** 2 + (5 - 4) ** 2 + (11 - 4) ** 2


def test_abs_objective_values():
    m = sp.Symbol("m", real=True)
    f = sym.abs_objective([1, 2, 3, 10], m)
    assert f.subs(m, 2) == 1 + 0 + 1 + 8
    assert f.subs(m, sp.Rational(5, 2)) == sp.Rational(3, 2) + sp.Rational(1, 2) * 2 + sp.Rational(15, 2)


def brute_force_minimisers(points):
    """Candidates: the data points and midpoints; f is piecewise linear with kinks at the points."""
    xs = sorted(points)
    f = lambda m: sum(abs(x - m) for x in xs)
    candidates = sorted(set(xs))
    best = min(f(c) for c in candidates)
    return [c for c in candidates if f(c) == best], f


@given(st.lists(st.integers(-20, 20), min_size=1, max_size=9))
def test_median_interval_matches_brute_force_and_numpy(points):
    interval = sym.median_interval(points)
    minimisers, f = brute_force_minimisers(points)
    assert interval.inf == min(minimisers) and interval.sup == max(minimisers)
    assert float(interval.inf) <= np.median(points) <= float(interval.sup)
    # f is constant on the interval and larger just outside it.
    mid = (interval.inf + interval.sup) / 2
    assert f(mid) == f(interval.inf) == f(interval.sup)
    assert f(interval.inf - sp.Rational(1, 2)) > f(interval.inf)
    assert f(interval.sup + sp.Rational(1, 2)) > f(interval.sup)


@given(st.lists(st.integers(-20, 20), min_size=1, max_size=9), st.integers(-25, 25))
def test_zero_in_subgradient_exactly_at_minimisers(points, m):
    low, high = sym.median_subgradient(points, m)
    assert low <= high
    interval = sym.median_interval(points)
    assert (low <= 0 <= high) == bool(interval.contains(m))
    # The interval's ends are the one-sided slopes of f at m.
    f = lambda t: sum(abs(x - t) for x in points)
    eps = sp.Rational(1, 1000)
    assert (f(m) - f(m - eps)) / eps == low
    assert (f(m + eps) - f(m)) / eps == high


def test_median_interval_odd_and_even():
    assert sym.median_interval([3, 1, 2]) == sp.FiniteSet(2)
    assert sym.median_interval([1, 2, 3, 10]) == sp.Interval(2, 3)
    assert sym.median_interval([0.5, 1.5]) == sp.Interval(sp.Rational(1, 2), sp.Rational(3, 2))


@pytest.mark.parametrize("bad", [0, -1, 2.0, True, "3"])
def test_sizes_must_be_positive_ints(bad):
    with pytest.raises(ValueError, match="n must be a positive int"):
        sym.cluster_objective(bad, 2)
    with pytest.raises(ValueError, match="d must be a positive int"):
        sym.point_symbols(2, bad)


def test_median_helpers_reject_bad_points():
    with pytest.raises(ValueError, match="points must not be empty"):
        sym.median_interval([])
    with pytest.raises(TypeError, match="points must be a sequence of real numbers"):
        sym.median_subgradient(["a"], 0)
