"""Checks for the exercises of lesson 08 (fuzzy c-means)."""

import importlib
import sys

import numpy as np

from ..fuzzy import fuzzy_centers, fuzzy_membership, spherical_responsibilities
from ..lloyd import assign
from ._checks import (
    Exercise,
    as_array,
    checks_exercise,
    forbidden_calls,
    learner_globals,
    passed,
    require,
    require_close,
)
from ._prediction import Prediction

__all__ = ["check_fcm_step", "check_hard_sigma", "check_memberships_by_hand", "check_validity_bounds"]

#: Squared distances of one sample to three centres (exercise 1), and the fuzzifier.
SQUARED_DISTANCES = np.array([1.0, 4.0, 16.0])
HAND_M = 2.0

#: Candidate shared standard deviations of exercise 4, largest first.
SIGMAS = (2.0, 1.0, 0.5, 0.25, 0.1, 0.05)


def _normalised(values):
    return values / values.sum()


@checks_exercise(1)
def check_memberships_by_hand(answer):
    """Exercise 1: ``u_hand``, the memberships for m = 2 of a sample at squared distances (1, 4, 16)."""
    value = as_array(answer, "your memberships")
    require(value.shape == (3,),
            f"Give one membership per centre (3 numbers); yours have shape {value.shape}.")  # fmt: skip
    require(not np.allclose(value, 1 / SQUARED_DISTANCES),
            "These are 1/d (d is already squared): the right proportions for m = 2, but memberships "
            "must sum to 1: divide by their total.")  # fmt: skip
    require(not np.allclose(value, _normalised(SQUARED_DISTANCES)),
            "Nearer centres get *larger* memberships: "
            "u_j is proportional to d_j^(−1/(m−1)), a negative power.")  # fmt: skip
    require(not np.allclose(value, _normalised(SQUARED_DISTANCES**-2.0)),
            "The exponent −2/(m−1) is for plain "
            "distances ‖x − c‖; on squared distances it is −1/(m−1), here −1.")  # fmt: skip
    require(np.isclose(value.sum(), 1.0),
            f"Memberships sum to 1 over the centres; yours sum to {value.sum():.4g}.")  # fmt: skip
    require_close(value, _normalised(SQUARED_DISTANCES ** (-1 / (HAND_M - 1))), "your memberships",
                  hint="On squared distances d, u_j is proportional to d_j^(−1/(m−1)); "
                  "then normalise so that they sum to 1.")  # fmt: skip
    passed("u = (16, 4, 1)/21 ≈ (0.762, 0.190, 0.048): "
           "four times nearer in squared distance, four times the membership.")


def _step_problem(seed):
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(loc, 1.0, size=(20, 2)) for loc in ((0, 0), (5, 1), (2, 6))])
    centers = X[rng.choice(len(X), 3, replace=False)] + 0.3
    return X, centers


def _fuzzy_library():
    """(owner, attribute, name shown) of the functions that compute a fuzzy c-means step for you."""
    import kmeans_lab

    package = importlib.import_module("kmeans_lab.fuzzy")
    functions = importlib.import_module("kmeans_lab.fuzzy.functions")
    estimator = importlib.import_module("kmeans_lab.fuzzy.estimator")
    targets = [(owner, name, f"kl.{name}") for owner in (kmeans_lab, package, functions)
               for name in ("fuzzy_membership", "fuzzy_centers")]  # fmt: skip
    targets += [(owner, "FuzzyCMeans", "kl.FuzzyCMeans") for owner in (kmeans_lab, package, estimator)]
    skfuzzy = sys.modules.get("skfuzzy")
    if skfuzzy is not None:
        targets.append((skfuzzy, "cmeans", "skfuzzy.cmeans"))
    return targets


@checks_exercise(2)
def check_fcm_step(fcm_step):
    """Exercise 2: ``my_fcm_step(X, centers, m)`` returns (membership, new centres), written with NumPy.

    It is tried on three data sets and fuzzifiers, with ``kl.fuzzy_membership``,
    ``kl.fuzzy_centers``, ``kl.FuzzyCMeans`` and scikit-fuzzy switched off.
    """
    require(callable(fcm_step), "Pass your function itself, fcm_step, not the result of calling it.")
    for seed, m in ((0, 2.0), (1, 1.5), (2, 3.0)):
        X, centers = _step_problem(seed)
        with forbidden_calls(_fuzzy_library(), learner_globals(fcm_step)) as off:
            try:
                result = fcm_step(X.copy(), centers.copy(), m)
                membership, new_centers = result
            except forbidden_calls.Called:
                pass
            except (TypeError, ValueError) as exc:
                raise AssertionError(
                    f"fcm_step(X, centers, m) should return (membership, new_centers); it failed: {exc}"
                ) from None
        off.require_unused("Your function calls {name}: compute the memberships and the centres "
                           "yourself, with NumPy.")
        membership, new_centers = as_array(membership, "membership"), as_array(new_centers, "new_centers")
        n, k = X.shape[0], centers.shape[0]
        require(membership.shape != (k, n), f"membership has shape {membership.shape}: one row per sample, "
                f"one column per centre, i.e. ({n}, {k}) — transpose it.")  # fmt: skip
        require(membership.shape == (n, k),
                f"membership should have shape ({n}, {k}); yours is {membership.shape}.")  # fmt: skip
        require(np.allclose(membership.sum(axis=1), 1.0),
                "Each row of membership must sum to 1 (normalise over the centres, axis=1).")  # fmt: skip
        expected_u = fuzzy_membership(X, centers, m)
        require_close(membership, expected_u, "membership", rtol=1e-6, atol=1e-9,
                      hint=f"For m = {m}: u_ij ∝ ‖x_i − c_j‖^(−2/(m−1)) — check the exponent and that "
                      "the distances are to the *given* centres.")  # fmt: skip
        require(new_centers.shape == centers.shape, f"new_centers should have shape {centers.shape}; "
                f"yours is {new_centers.shape}.")  # fmt: skip
        plain = (expected_u.T @ X) / expected_u.sum(axis=0)[:, None]
        require(not np.allclose(new_centers, plain), "Your centres weight the samples by u; fuzzy c-means "
                "weights them by u**m.")  # fmt: skip
        require_close(new_centers, fuzzy_centers(X, expected_u, m), "new_centers", rtol=1e-6, atol=1e-9,
                      hint="c_j = Σ_i u_ij^m x_i / Σ_i u_ij^m, "
                      "with the memberships you just computed.")  # fmt: skip
    passed("one step of fuzzy c-means, equal to kl.fuzzy_membership followed by kl.fuzzy_centers.")


@checks_exercise(3)
def check_validity_bounds(answer):
    """Exercise 3: ``bounds``, (smallest PC, largest PC, smallest PE, largest PE) over partitions, K = 4."""
    value = as_array(answer, "your bounds")
    require(value.shape == (4,), "Give four numbers: (smallest PC, largest PC, smallest PE, largest PE).")
    pc_min, pc_max, pe_min, pe_max = value
    require(not np.isclose(pe_max, 2.0), "PE uses the natural logarithm ln, not log₂.")
    require(not np.isclose(pc_min, 0.0),
            "PC cannot reach 0: a row of memberships sums to 1, so Σ u² cannot vanish. "
            "Which row makes it smallest?")  # fmt: skip
    require(np.isclose(pc_max, 1.0) and np.isclose(pe_min, 0.0),
            "Think of a hard partition (each row one 1 and zeros): "
            "what are PC and PE there? Nothing is crisper.")  # fmt: skip
    require(np.isclose(pc_min, 0.25), "The smallest PC comes from the fuzziest row: all memberships equal.")
    require(np.isclose(pe_max, np.log(4)),
            "The largest PE comes from the fuzziest row: all memberships equal.")  # fmt: skip
    passed("PC ∈ [1/4, 1] and PE ∈ [0, ln 4 ≈ 1.386]; "
           "both ends are reached by the hard and the uniform partition.")


@checks_exercise(4)
def check_hard_sigma(answer):
    """Exercise 4: ``sigma_hard``, the largest σ in SIGMAS whose responsibilities are within 0.01 of 0/1."""
    from ..datasets import seed_example

    example = seed_example()
    X, centers = example.X, example.init_centroids
    hard = np.eye(len(centers))[assign(X, centers)]
    gaps = {s: float(np.abs(spherical_responsibilities(X, centers, s) - hard).max()) for s in SIGMAS}
    good = [s for s in SIGMAS if gaps[s] < 0.01]
    expected = max(good)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"Give one number, a value from {SIGMAS}.") from None
    matches = [s for s in SIGMAS if np.isclose(value, s)]
    require(bool(matches), f"Pick σ from the list {SIGMAS}.")
    value = matches[0]
    require(gaps[value] < 0.01,
            f"At σ = {value:g} some sample still has a responsibility {gaps[value]:.3f} away "
            "from the k-means 0/1 assignment: take a smaller σ.")  # fmt: skip
    require(value == expected, f"σ = {value:g} works, but a larger one does too: the question asks for "
            "the largest σ in the list that is within 0.01 everywhere.")  # fmt: skip
    message = f"σ = {expected:g}: the largest gap to the k-means assignment is {gaps[expected]:.2g}"
    position = SIGMAS.index(expected)
    if position > 0:
        larger = SIGMAS[position - 1]
        message += f" (at σ = {larger:g} it is {gaps[larger]:.2g})"
    passed(message + ".")


EXERCISES = (
    Exercise(
        1, check_memberships_by_hand, "u_hand", "a NumPy array of 3 floats",
        hint="Section 3: on squared distances d_j the membership u_j is proportional to d_j^(−1/(m−1)). "
        "Compute the three weights, then divide by their sum.",
        solution="d_hand = np.array([1.0, 4.0, 16.0])\n"
        "weights = d_hand ** (-1 / (2.0 - 1))\n"
        "u_hand = weights / weights.sum()",
    ),
    Exercise(
        2, check_fcm_step, "my_fcm_step",
        "a function `my_fcm_step(X, centers, m)` returning `(membership, new_centers)`",
        hint="Squared distances of every sample to every centre form an (n, k) table; turn each row into "
        "memberships as in exercise 1, then weight the samples by membership ** m to get the centres.",
        solution="def my_fcm_step(X, centers, m):\n"
        "    sq_dist = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)\n"
        "    weights = sq_dist ** (-1 / (m - 1))\n"
        "    membership = weights / weights.sum(axis=1, keepdims=True)\n"
        "    powered = membership ** m\n"
        "    return membership, (powered.T @ X) / powered.sum(axis=0)[:, None]",
    ),
    Exercise(
        3, check_validity_bounds, "bounds", "a tuple of 4 floats (pc_min, pc_max, pe_min, pe_max)",
        hint="Both indices look at one row of memberships at a time. Try the crispest row (one 1, the "
        "rest 0) and the fuzziest (all equal) in the formulas of section 8.",
        solution="K = 4\nbounds = (1 / K, 1.0, 0.0, float(np.log(K)))",
    ),
    Exercise(
        4, check_hard_sigma, "sigma_hard", "a float from (2.0, 1.0, 0.5, 0.25, 0.1, 0.05)",
        hint="Compare kl.spherical_responsibilities(X, centres, σ) with the one-hot labels of kl.assign for "
        "each σ; keep the σ whose largest difference is below 0.01, and take the largest of them.",
        solution="example = kl.datasets.seed_example()\n"
        "one_hot = np.eye(2)[kl.assign(example.X, example.init_centroids)]\n"
        "def gap(s):\n"
        "    soft = kl.spherical_responsibilities(example.X, example.init_centroids, s)\n"
        "    return np.abs(soft - one_hot).max()\n"
        "gaps = {s: gap(s) for s in (2.0, 1.0, 0.5, 0.25, 0.1, 0.05)}\n"
        "sigma_hard = max(s for s, gap in gaps.items() if gap < 0.01)",
    ),
)  # fmt: skip


#: "Predict before you run": where the centres end for a very large fuzzifier, m = 50 (section 6).
PREDICTION = Prediction(
    "08", ("a", "b", "c"), "b",
    hint="The centre update weights each sample by u^m. Memberships close to 1/K differ a little: raised to "
    "a large power m, do their small differences shrink or grow? Compare (0.34 / 0.33) ** 50 with 1.",
    verdict="a very large m pulls the centres towards the mean of the data, but not onto it.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 08: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)
