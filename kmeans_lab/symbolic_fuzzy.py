"""SymPy helpers for the lesson on fuzzy c-means: the update equations from a Lagrange multiplier.

For one sample with squared distances d_1 … d_k to the centres, the
memberships minimise Σ_j u_jᵐ d_j subject to Σ_j u_j = 1. Each function builds
one small symbolic object, so a lesson can print it and check it with
``sp.simplify(lhs - rhs) == 0``. Importing this module imports SymPy;
``import kmeans_lab`` alone does not.

The fuzzifier is written ``m = 1 + q`` with a positive symbol ``q``, so that
SymPy knows m > 1 (it cannot be told so directly) and may combine powers.
"""

from collections import namedtuple

import sympy as sp

__all__ = [
    "MembershipProblem",
    "bezdek_centre",
    "bezdek_membership",
    "centre_stationary_point",
    "derive_membership",
    "fuzzifier_symbols",
    "membership_hessian",
    "membership_problem",
    "reduced_objective",
    "satisfies_stationarity",
    "stationary_memberships",
]

#: The constrained problem of one sample: the Lagrangian, its symbols and the fuzzifier.
MembershipProblem = namedtuple("MembershipProblem", ["lagrangian", "u", "d", "m", "q", "lam"])


def _check_size(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return value


def fuzzifier_symbols():
    """The fuzzifier ``m`` and ``q = m − 1 > 0``; ``m`` is returned as the expression ``1 + q``.

    Returns
    -------
    m : sympy.Expr
        ``1 + q``.
    q : sympy.Symbol
        Positive.
    """
    q = sp.Symbol("q", positive=True)
    return 1 + q, q


def membership_problem(n_clusters):
    """The Lagrangian of one sample's memberships.

    .. math:: L(u, \\lambda) = \\sum_{j=1}^{k} u_j^m d_j - \\lambda \\Big(\\sum_{j=1}^{k} u_j - 1\\Big)

    Parameters
    ----------
    n_clusters : int
        k, the number of centres.

    Returns
    -------
    MembershipProblem
        ``lagrangian``, the memberships ``u`` and squared distances ``d``
        (tuples of positive symbols), ``m = 1 + q``, ``q`` and the multiplier ``lam``.
    """
    k = _check_size(n_clusters, "n_clusters")
    u = sp.symbols(f"u_1:{k + 1}", positive=True)
    d = sp.symbols(f"d_1:{k + 1}", positive=True)
    m, q = fuzzifier_symbols()
    lam = sp.Symbol("lambda", positive=True)
    lagrangian = sum(uj**m * dj for uj, dj in zip(u, d)) - lam * (sum(u) - 1)
    return MembershipProblem(lagrangian, u, d, m, q, lam)


def stationary_memberships(problem):
    """Solve ∂L/∂u_j = 0 for each u_j, in terms of the multiplier λ.

    Returns
    -------
    list of sympy.Expr
        ``u_j = (λ / (m d_j))^{1/(m−1)}`` for j = 1 … k.
    """
    solutions = []
    for uj in problem.u:
        # The roots are substituted back in the lesson and the tests, so SymPy's own check is skipped.
        roots = sp.solve(sp.Eq(sp.diff(problem.lagrangian, uj), 0), uj, check=False)
        if len(roots) != 1:
            raise RuntimeError(f"expected one stationary value of {uj}, got {roots}.")
        solutions.append(roots[0])
    return solutions


def satisfies_stationarity(problem, stationary):
    """True if every u_j in ``stationary`` solves m u_j^{m−1} d_j = λ (that is, ∂L/∂u_j = 0)."""
    m = problem.m
    for uj, dj in zip(stationary, problem.d):
        lhs = sp.powsimp(sp.expand_power_base(m * uj ** (m - 1) * dj, force=True), force=True)
        residual = lhs - problem.lam
        if sp.simplify(residual) != 0:
            return False
    return True


def derive_membership(problem, stationary=None):
    """The membership update derived from the Lagrange conditions.

    Every stationary u_j has the form ``t · d_j^{−1/(m−1)}`` with the common
    factor ``t = (λ/m)^{1/(m−1)}``; the constraint Σ u_j = 1 is linear in t,
    which fixes t and with it every u_j.

    Parameters
    ----------
    problem : MembershipProblem
    stationary : list of sympy.Expr, optional
        The output of :func:`stationary_memberships` (computed when not given).

    Returns
    -------
    memberships : list of sympy.Expr
        u_j in terms of d_1 … d_k and q.
    common_factors : list of sympy.Expr
        ``u_j / d_j^{−1/(m−1)}`` for each j (all equal to ``(λ/m)^{1/(m−1)}``).
    """
    t = sp.Symbol("t", positive=True)
    if stationary is None:
        stationary = stationary_memberships(problem)
    power = 1 / (problem.m - 1)
    common_factors = [
        sp.powsimp(sp.expand_power_base(uj / dj ** (-power), force=True), force=True)
        for uj, dj in zip(stationary, problem.d)
    ]
    (t_value,) = sp.solve(sp.Eq(sum(t * dj ** (-power) for dj in problem.d), 1), t, check=False)
    return [sp.simplify(t_value * dj ** (-power)) for dj in problem.d], common_factors


def bezdek_membership(d, m):
    """Bezdek's update u_j = d_j^{−1/(m−1)} / Σ_l d_l^{−1/(m−1)} (d are squared distances)."""
    power = 1 / (m - 1)
    total = sum(dl ** (-power) for dl in d)
    return [dj ** (-power) / total for dj in d]


def membership_hessian(problem):
    """The Hessian of L with respect to the memberships u.

    It is diagonal with entries m(m−1) u_j^{m−2} d_j, positive for every
    positive u when m > 1: L is strictly convex there, so the stationary point
    on the simplex is its unique minimum.

    Returns
    -------
    hessian : sympy.Matrix of shape (n_clusters, n_clusters)
    """
    return sp.hessian(problem.lagrangian, problem.u).applyfunc(sp.simplify)


def reduced_objective(problem, memberships):
    """Σ_j u_jᵐ d_j at the given memberships, and Bezdek's closed form (Σ_j d_j^{−1/(m−1)})^{−(m−1)}.

    Returns
    -------
    value : sympy.Expr
    closed_form : sympy.Expr
    """
    m = problem.m
    value = sum(uj**m * dj for uj, dj in zip(memberships, problem.d))
    closed_form = sum(dj ** (-1 / (m - 1)) for dj in problem.d) ** (-(m - 1))
    return value, closed_form


def centre_stationary_point(n_samples):
    """Minimise Σ_i w_i (x_i − c)² over one coordinate c of a centre, with weights w_i = u_ijᵐ > 0.

    Returns
    -------
    c_star : sympy.Expr
        The solution of dJ/dc = 0.
    second_derivative : sympy.Expr
        d²J/dc², positive, so c_star is the minimum.
    x, w : tuples of sympy.Symbol
    """
    n = _check_size(n_samples, "n_samples")
    x = sp.symbols(f"x_1:{n + 1}", real=True)
    w = sp.symbols(f"w_1:{n + 1}", positive=True)
    c = sp.Symbol("c", real=True)
    objective = sum(wi * (xi - c) ** 2 for wi, xi in zip(w, x))
    (c_star,) = sp.solve(sp.Eq(sp.diff(objective, c), 0), c, check=False)
    return c_star, sp.diff(objective, c, 2), x, w


def bezdek_centre(x, w):
    """The weighted mean Σ w_i x_i / Σ w_i."""
    return sum(wi * xi for wi, xi in zip(w, x)) / sum(w)
