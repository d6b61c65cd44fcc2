"""Checks for the exercises of lesson 00."""

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, passed, require, require_close
from ._prediction import Prediction

__all__ = ["check_mean_of_abc", "check_wcss_of_example"]

_ABC = np.array([[1.0, 1.0], [1.0, 2.0], [2.0, 1.0]])


@checks_exercise(1)
def check_mean_of_abc(answer):
    """Exercise 1: ``centroid`` is the centroid of the points A, B and C of the six-point example."""
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


@checks_exercise(2)
def check_wcss_of_example(answer):
    """Exercise 2: ``J_by_hand`` is the objective J of the fit ``km`` of the six-point example."""
    value = as_array(answer, "your J")
    require(value.size == 1, f"J is one number, the sum over all points; yours has shape {value.shape}. "
            "Add over the points and over the coordinates.")  # fmt: skip
    value = float(value.ravel()[0])
    plain = np.sqrt(((_SIX - _OWN) ** 2).sum(axis=1)).sum()
    require(not np.isclose(value, plain), "That is the sum of plain distances; J adds *squared* distances.")
    require(not np.isclose(value, 4.0), "J = 4 is measured to the starting centroids (1, 1) and (5, 5); "
            "use the final ones, km.cluster_centers_.")  # fmt: skip
    require(not np.isclose(value, 8 / 3 / 6), "That is the mean over the six points; J is the sum.")
    hint = "Square each point's distance to its own centroid, then add all six."
    require_close(value, 8 / 3, "your J", hint=hint)
    passed("J = 2 · (2/9 + 5/9 + 5/9) = 8/3 ≈ 2.667, the package's inertia_.")


def _fitted_example():
    import kmeans_lab as kl

    example = kl.datasets.seed_example()
    km = kl.KMeans(n_clusters=2, init=example.init_centroids, n_init=1).fit(example.X)
    return {"example": example, "km": km}


EXERCISES = (
    Exercise(
        1, check_mean_of_abc, "centroid", "a NumPy array of shape (2,)",
        hint="The first three rows of example.X are A, B and C. The centroid averages the points, "
        "coordinate by coordinate: which axis of the (3, 2) array runs over the points?",
        solution="abc = example.X[:3]\ncentroid = abc.mean(axis=0)",
        context=_fitted_example,
    ),
    Exercise(
        2, check_wcss_of_example, "J_by_hand", "a float",
        hint="km.cluster_centers_[km.labels_] gives each point its own centroid, one row per point. "
        "Subtract, square, and add up everything.",
        solution="own_centroids = km.cluster_centers_[km.labels_]\n"
        "J_by_hand = ((example.X - own_centroids) ** 2).sum()",
        context=_fitted_example,
    ),
)  # fmt: skip


#: "Predict before you run": the question of lesson 00 (before the first fit).
PREDICTION = Prediction(
    "00", ("a", "b", "c"), "a",
    hint="Look at the coordinates of the six points: which of them are close to one another, and which "
    "starting centroid is nearer to each?",
    verdict="each group of three points is nearer to one of the two starting centroids, and nothing moves.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 00: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)
