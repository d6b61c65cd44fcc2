"""Checks for the exercises of lesson 00."""

import numpy as np

from ._checks import as_array, passed, require, require_close

__all__ = ["check_mean_of_abc"]

_ABC = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 1.0]])


def check_mean_of_abc(answer):
    """The mean of A(1,1), B(1,2), C(2,1): the centroid (4/3, 4/3)."""
    value = as_array(answer, "your centroid")
    require(value.shape != (3,), "Your answer has 3 numbers: you averaged each point's two coordinates "
            "(axis=1). Average over the points instead: points.mean(axis=0).")  # fmt: skip
    require(value.shape == (2,), f"The centroid of points in the plane has 2 coordinates; yours has shape {value.shape}.")
    require(not np.allclose(value, _ABC.sum(axis=0)), "That is the sum of the points; divide by how many there are.")
    require_close(value, _ABC.mean(axis=0), "your centroid", hint="Add the three points and divide by 3.")
    passed("the centroid of A, B and C is (4/3, 4/3) ≈ (1.333, 1.333).")
