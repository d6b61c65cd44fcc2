"""Checks for the exercises of lesson 02."""

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, passed, require, require_close
from ._prediction import Prediction

__all__ = ["check_hessian", "check_median_interval", "check_optimal_centre", "check_update_gain"]

#: The cluster of the first exercise.
CLUSTER_POINTS = np.array([[0.0, 0.0], [4.0, 0.0], [2.0, 6.0], [2.0, 2.0]])


@checks_exercise(1)
def check_optimal_centre(answer):
    """Exercise 1: ``best_centre`` minimises the sum of squared distances to CLUSTER_POINTS."""
    value = as_array(answer, "your centre")
    require(value.shape != (4,), "Your answer has 4 numbers, one per point: average over the points "
            "(axis=0), not over the coordinates.")  # fmt: skip
    require(value.shape == (2,), f"A centre in the plane has 2 coordinates; yours has shape {value.shape}.")
    require(not np.allclose(value, np.median(CLUSTER_POINTS, axis=0)),
            "That is the coordinate-wise median: it minimises the sum of |x − m|, not of squared distances.")
    require_close(value, CLUSTER_POINTS.mean(axis=0), "your centre",
                  hint="Solve ∂J/∂μ = 0: μ is the mean of the points.")  # fmt: skip
    passed("μ = (2, 2), the mean; the median (2, 1) would give a larger J.")


@checks_exercise(2)
def check_hessian(H):
    """Exercise 2: ``H5`` is the Hessian of J with respect to the centre, for n = 5 points in d = 3."""
    try:
        value = np.array(H, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError("Give the Hessian as a SymPy Matrix or a NumPy array of numbers.") from None
    require(value.shape == (3, 3), f"The Hessian for d = 3 is a 3 × 3 matrix; yours has shape {value.shape}.")
    require(not np.allclose(value, 2 * np.eye(3)),
            "2·I is the Hessian of one point's term; J adds the terms of all n points.")  # fmt: skip
    require(not np.allclose(value, 5 * np.eye(3)),
            "5·I: differentiate (x − μ)² twice — which factor comes down?")  # fmt: skip
    require(np.allclose(value, 10 * np.eye(3)), "Differentiate J twice with respect to μ₁, μ₂, μ₃ "
            "(kl.symbolic.hessian(J, mu) with J from kl.symbolic.cluster_objective(5, 3)).")  # fmt: skip
    passed("H = 2·5·I = 10·I, positive definite: the mean is the unique minimum.")


@checks_exercise(3)
def check_update_gain(answer):
    """Exercise 3: ``gain``, how much J falls when a centroid at (3, 5) moves to its cluster's mean (1, 2)."""
    value = float(as_array(answer, "your answer"))
    require(not np.isclose(value, 13.0), "13 is ‖x̄ − μ‖²; look at the factor in front of it in the identity.")
    require(not np.isclose(value, 5 * np.sqrt(13.0)), "Use the squared distance ‖x̄ − μ‖², not the distance.")
    require(not np.isclose(value, -65.0), "J falls, so the drop is a positive number.")
    require(np.isclose(value, 65.0), "By the identity, J(μ) − J(x̄) = n‖x̄ − μ‖².")
    passed("J falls by n‖x̄ − μ‖² = 5 · 13 = 65, whatever the five points are.")


@checks_exercise(4)
def check_median_interval(answer):
    """Exercise 4: ``minimisers``, every minimiser of ``Σ|x − m|`` for six numbers, as (low, high)."""
    value = as_array(answer, "your interval")
    require(value.ndim != 0 or not np.isclose(float(value), 5.5),
            "5.5 (np.median) is one minimiser, but with six "
            "points the objective is flat between the two middle points. Give (low, high).")  # fmt: skip
    require(value.shape == (2,),
            f"Give the interval as two numbers (low, high); yours has shape {value.shape}.")  # fmt: skip
    require(not np.allclose(value, [3, 9]),
            "Sort the points first: the middle two of six are the 3rd and the 4th.")  # fmt: skip
    require(np.allclose(value, [4, 7]), "Sort the points; with an even count every m between the middle two "
            "has as many points below as above, so the slope is 0 there.")  # fmt: skip
    passed("every m in [4, 7] gives the same, smallest Σ|x − m| = 20.")


def _lesson_context():
    return {"cluster_points": CLUSTER_POINTS.copy()}


EXERCISES = (
    Exercise(
        1, check_optimal_centre, "best_centre", "a NumPy array of shape (2,)",
        hint="Write J(μ) for these four points, set its gradient to zero and solve (SymPy's "
        "kl.symbolic.cluster_objective and kl.symbolic.stationary_point do it symbolically).",
        solution="J4, X4, mu4 = kl.symbolic.cluster_objective(4, 2)\n"
        "values = {X4[i, j]: cluster_points[i, j] for i in range(4) for j in range(2)}\n"
        "best_centre = np.array(kl.symbolic.stationary_point(J4, mu4).subs(values), dtype=float).ravel()",
        context=_lesson_context,
    ),
    Exercise(
        2, check_hessian, "H5", "a 3 × 3 SymPy Matrix (or NumPy array)",
        hint="kl.symbolic.cluster_objective(n, d) returns (J, X, mu); kl.symbolic.hessian(J, mu) "
        "differentiates J twice with respect to the centre.",
        solution="J5, X5, mu5 = kl.symbolic.cluster_objective(5, 3)\nH5 = kl.symbolic.hessian(J5, mu5)",
    ),
    Exercise(
        3, check_update_gain, "gain", "a positive float",
        hint="Use the parallel-axis identity of section 4: J(μ) − J(x̄) depends only on n, x̄ and μ.",
        solution="gain = float(5 * ((np.array([1.0, 2.0]) - np.array([3.0, 5.0])) ** 2).sum())",
    ),
    Exercise(
        4, check_median_interval, "minimisers", "a pair (low, high) of numbers",
        hint="Sort the six numbers. Where is the slope of Σ|x − m| zero? Count the points below and above m "
        "(kl.symbolic.median_interval does it for you).",
        solution="interval = kl.symbolic.median_interval([7, 1, 12, 3, 9, 4])\n"
        "minimisers = (interval.inf, interval.sup)",
    ),
)  # fmt: skip


#: "Predict before you run": the question of lesson 02 (before the outlier is added).
PREDICTION = Prediction(
    "02", ("a", "b", "c"), "a",
    hint="The mean adds up the values themselves; the median only looks at how many values lie on each "
    "side. Which of the two notices how far away the new point is?",
    verdict="the mean is dragged towards the outlier; the median moves by less than one step.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 02: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)
