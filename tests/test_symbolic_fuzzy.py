"""The SymPy derivation of the fuzzy c-means updates, and its agreement with the numeric code."""

import numpy as np
import pytest
import sympy as sp

import kmeans_lab as kl
from kmeans_lab import symbolic_fuzzy as sf


@pytest.fixture(scope="module")
def problem():
    return sf.membership_problem(3)


@pytest.fixture(scope="module")
def derived(problem):
    stationary = sf.stationary_memberships(problem)
    memberships, factors = sf.derive_membership(problem, stationary)
    return stationary, memberships, factors


def test_lagrangian_has_the_constraint(problem):
    assert problem.m == 1 + problem.q and problem.q.is_positive
    assert sp.diff(problem.lagrangian, problem.lam) == -(sum(problem.u) - 1)


def test_stationary_points_share_one_factor(problem, derived):
    stationary, _, factors = derived
    lam, m = problem.lam, problem.m
    for uj, dj in zip(stationary, problem.d):
        # u_j satisfies m u_j^(m−1) d_j = λ.
        lhs = sp.powsimp(sp.expand_power_base(m * uj ** (m - 1) * dj, force=True), force=True)
        assert sp.simplify(lhs - lam) == 0
    assert all(sp.simplify(f - factors[0]) == 0 for f in factors)
    assert problem.d[0] not in factors[0].free_symbols


def test_derived_update_is_bezdeks_and_sums_to_one(problem, derived):
    _, memberships, _ = derived
    target = sf.bezdek_membership(problem.d, problem.m)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(memberships, target))
    assert sp.simplify(sum(memberships)) == 1


def test_hessian_is_positive_and_reduced_objective(problem, derived):
    _, memberships, _ = derived
    hessian = sf.membership_hessian(problem)
    assert hessian.is_diagonal()
    assert all(hessian[j, j].is_positive for j in range(3))
    q, u1, d1 = problem.q, problem.u[0], problem.d[0]
    assert sp.simplify(hessian[0, 0] - (1 + q) * q * u1 ** (q - 1) * d1) == 0
    value, closed_form = sf.reduced_objective(problem, memberships)
    assert sp.simplify(value - closed_form) == 0


def test_centre_update_is_the_weighted_mean():
    c_star, second, x, w = sf.centre_stationary_point(4)
    assert sp.simplify(c_star - sf.bezdek_centre(x, w)) == 0
    assert second.is_positive


def test_symbolic_formula_equals_the_package_numerically(problem):
    values = {d: v for d, v in zip(problem.d, (1.0, 4.0, 16.0))}
    for q in (0.5, 1.0, 2.0):
        formula = [
            float(e.subs(values).subs(problem.q, q)) for e in sf.bezdek_membership(problem.d, problem.m)
        ]
        # A sample at 0 and centres at squared distances 1, 4, 16 (i.e. at 1, 2, 4 on a line).
        u = kl.fuzzy_membership([[0.0]], [[1.0], [2.0], [4.0]], m=1 + q)[0]
        np.testing.assert_allclose(u, formula, rtol=1e-12)


def test_limits_in_m():
    m = sp.Symbol("m", positive=True)
    u = sf.bezdek_membership([1, 4, 9], m)
    assert [sp.limit(e, m, 1, "+") for e in u] == [1, 0, 0]
    assert [sp.limit(e, m, sp.oo) for e in u] == [sp.Rational(1, 3)] * 3


def test_sizes_are_validated():
    with pytest.raises(ValueError, match="n_clusters must be a positive int"):
        sf.membership_problem(0)
    with pytest.raises(ValueError, match="n_samples must be a positive int"):
        sf.centre_stationary_point(2.5)
