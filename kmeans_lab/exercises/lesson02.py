"""Checks for the exercises of lesson 02."""

import numpy as np

from ._checks import as_array, passed, require, require_close

__all__ = ["check_hessian", "check_median_interval", "check_optimal_centre", "check_update_gain"]

#: The cluster of the first exercise.
CLUSTER_POINTS = np.array([[0.0, 0.0], [4.0, 0.0], [2.0, 6.0], [2.0, 2.0]])


def check_optimal_centre(answer):
    """The centre that minimises sum ||x - mu||^2 over CLUSTER_POINTS: their mean (2, 2)."""
    value = as_array(answer, "your centre")
    require(value.shape != (4,), "Your answer has 4 numbers, one per point: average over the points "
            "(axis=0), not over the coordinates.")  # fmt: skip
    require(value.shape == (2,), f"A centre in the plane has 2 coordinates; yours has shape {value.shape}.")
    require(not np.allclose(value, np.median(CLUSTER_POINTS, axis=0)),
            "That is the coordinate-wise median: it minimises the sum of |x − m|, not of squared distances.")
    require_close(value, CLUSTER_POINTS.mean(axis=0), "your centre",
                  hint="Solve ∂J/∂μ = 0: μ is the mean of the points.")  # fmt: skip
    passed("μ = (2, 2), the mean; the median (2, 1) would give a larger J.")


def check_hessian(H):
    """The Hessian of J for n = 5 points in d = 3 dimensions: 10 I."""
    try:
        value = np.array(H, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError("Give the Hessian as a SymPy Matrix or a NumPy array of numbers.") from None
    require(value.shape == (3, 3), f"The Hessian for d = 3 is a 3 × 3 matrix; yours has shape {value.shape}.")
    require(not np.allclose(value, 2 * np.eye(3)),
            "2·I is the Hessian of one point's term; J adds n = 5 of them.")  # fmt: skip
    require(not np.allclose(value, 5 * np.eye(3)), "5·I: the derivative of (x − μ)² brings a factor 2.")
    require(np.allclose(value, 10 * np.eye(3)), "Differentiate J twice with respect to μ₁, μ₂, μ₃ "
            "(kl.symbolic.hessian(J, mu) with J from kl.symbolic.cluster_objective(5, 3)).")  # fmt: skip
    passed("H = 2·5·I = 10·I, positive definite: the mean is the unique minimum.")


def check_update_gain(answer):
    """How much J falls when a centroid at (3, 5) moves to its cluster's mean (1, 2), n = 5: 65."""
    value = float(as_array(answer, "your answer"))
    require(not np.isclose(value, 13.0), "13 is ‖x̄ − μ‖² for one point; the identity multiplies it by n = 5.")
    require(not np.isclose(value, 5 * np.sqrt(13.0)), "Use the squared distance ‖x̄ − μ‖², not the distance.")
    require(not np.isclose(value, -65.0), "J falls, so the drop is a positive number.")
    require(np.isclose(value, 65.0), "By the identity, J(μ) − J(x̄) = n‖x̄ − μ‖².")
    passed("J falls by n‖x̄ − μ‖² = 5 · 13 = 65, whatever the five points are.")


def check_median_interval(answer):
    """Every minimiser of ``sum |x - m|`` for 7, 1, 12, 3, 9, 4: the interval [4, 7]."""
    value = as_array(answer, "your interval")
    require(value.ndim != 0 or not np.isclose(float(value), 5.5),
            "5.5 (np.median) is one minimiser, but with six "
            "points the objective is flat between the two middle points. Give (low, high).")  # fmt: skip
    require(value.shape == (2,),
            f"Give the interval as two numbers (low, high); yours has shape {value.shape}.")  # fmt: skip
    require(not np.allclose(value, [3, 9]),
            "Sort the points first: 1, 3, 4, 7, 9, 12 — the middle two are the 3rd and 4th.")  # fmt: skip
    require(np.allclose(value, [4, 7]), "Sort the points; with an even count every m between the middle two "
            "has as many points below as above, so the slope is 0 there.")  # fmt: skip
    passed("every m in [4, 7] gives the same, smallest Σ|x − m| = 20.")
