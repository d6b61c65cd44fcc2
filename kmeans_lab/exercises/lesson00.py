"""Checks for the exercises of lesson 00."""

import numpy as np

from ._checks import as_array, passed, require, require_close

__all__ = ["check_mean_of_abc", "check_wcss_of_example"]

_ABC = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 1.0]])


def check_mean_of_abc(answer):
    """The mean of A(1,1), B(1,2), C(2,1): the centroid (4/3, 4/3)."""
    value = as_array(answer, "your centroid")
    require(value.shape != (3,), "Your answer has 3 numbers: you averaged each point's two coordinates "
            "(axis=1). Average over the points instead: points.mean(axis=0).")  # fmt: skip
    require(value.shape == (2,),
            "The centroid of points in the plane has 2 coordinates; "
            f"yours has shape {value.shape}.")  # fmt: skip
    require(not np.allclose(value, _ABC.sum(axis=0)),
            "That is the sum of the points; divide by how many there are.")  # fmt: skip
    require_close(value, _ABC.mean(axis=0), "your centroid", hint="Add the three points and divide by 3.")
    passed("the centroid of A, B and C is (4/3, 4/3) ≈ (1.333, 1.333).")


_SIX = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 1.0], [5.0, 5.0], [5.0, 6.0], [6.0, 5.0]])
_FINAL = np.array([[4.0, 4.0], [16.0, 16.0]]) / 3
_OWN = _FINAL[[0, 0, 0, 1, 1, 1]]


def check_wcss_of_example(answer):
    """J of the six-point example at its final centroids (4/3, 4/3) and (16/3, 16/3): exactly 8/3."""
    value = as_array(answer, "your J")
    require(value.size == 1, f"J is one number, the sum over all points; yours has shape {value.shape}. "
            "Sum over both axes: ((X - own_centroids) ** 2).sum().")  # fmt: skip
    value = float(value.ravel()[0])
    plain = np.sqrt(((_SIX - _OWN) ** 2).sum(axis=1)).sum()
    require(not np.isclose(value, plain), "That is the sum of plain distances; J adds *squared* distances.")
    require(not np.isclose(value, 4.0), "J = 4 is measured to the starting centroids (1, 1) and (5, 5); "
            "use the final ones, km.cluster_centers_.")  # fmt: skip
    require(not np.isclose(value, 8 / 3 / 6), "That is the mean over the six points; J is the sum.")
    hint = "Square each point's distance to its own centroid, then add all six."
    require_close(value, 8 / 3, "your J", hint=hint)
    passed("J = 2 · (2/9 + 5/9 + 5/9) = 8/3 ≈ 2.667, the package's inertia_.")
