"""Checks for the exercises of lesson 04 (k-means++ and the centroid index).

Exercise 1 uses ``D2_X`` with the chosen centres ``D2_CENTERS``; exercise 2 the
true centres ``CI_TRUE_CENTERS`` and three solutions ``CI_SOLUTIONS``;
exercise 3 the points on a line ``GREEDY_X``, the chosen centre
``GREEDY_CENTER`` and the candidates ``GREEDY_CANDIDATES`` (all printed in the
lesson).
"""

import numbers

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, passed, require, require_shape
from ._prediction import Prediction

__all__ = [
    "CI_SOLUTIONS",
    "CI_TRUE_CENTERS",
    "D2_CENTERS",
    "D2_X",
    "GREEDY_CANDIDATES",
    "GREEDY_CENTER",
    "GREEDY_X",
    "check_centroid_indices",
    "check_d2_probabilities",
    "check_greedy_choice",
]

#: Five points at the corners and on the edges of a 4 × 3 rectangle.
D2_X = np.array([[0, 0], [1, 0], [4, 0], [0, 3], [4, 3]], dtype=float)
#: The two centres chosen so far: rows 0 and 4 of D2_X.
D2_CENTERS = np.array([[0, 0], [4, 3]], dtype=float)

#: Four true clusters at the corners of a 10 × 10 square.
CI_TRUE_CENTERS = np.array([[0, 0], [10, 0], [0, 10], [10, 10]], dtype=float)
#: Three solutions with four centres each.
CI_SOLUTIONS = (
    np.array([[0.5, 0.2], [9.6, 0.3], [0.1, 10.4], [10.2, 9.7]]),
    np.array([[-1, 0], [1, 0.5], [10, 1], [9, 9]]),
    np.array([[0, 0], [0, 0.5], [0, 1], [10, 9]]),
)

#: Ten points on a line (one feature): a small group, a large group and an outlier.
GREEDY_X = np.array([[0], [1], [2], [10], [10], [11], [11], [12], [12], [25]], dtype=float)
#: The centre chosen so far (row 1 of GREEDY_X).
GREEDY_CENTER = np.array([[1.0]])
#: Rows of GREEDY_X drawn as candidates for the next centre.
GREEDY_CANDIDATES = (9, 3, 5)


def _closest_sq_dist(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).min(axis=1)


@checks_exercise(1)
def check_d2_probabilities(probabilities):
    """Exercise 1: ``probabilities``, the chance of each point of D2_X to be the next k-means++ centre."""
    p = as_array(probabilities, "your probabilities").ravel()
    require(p.size == 5, f"your answer has {p.size} numbers; give one probability per point (5).")
    d2 = _closest_sq_dist(D2_X, D2_CENTERS)
    expected = d2 / d2.sum()
    require(
        not np.allclose(p, d2),
        "These are the squared distances themselves: divide by their sum so they add to 1.",
    )
    require(np.isclose(p.sum(), 1.0), f"your probabilities add up to {p.sum():.4g}; they must sum to 1.")
    to_first = ((D2_X - D2_CENTERS[0]) ** 2).sum(axis=1)
    require(
        not np.allclose(p, to_first / to_first.sum()),
        "You measured the distance to the first centre only: D(x) is the distance to the *nearest* "
        "chosen centre, so (4, 3) itself has probability 0.",
    )
    d = np.sqrt(d2)
    require(
        not np.allclose(p, d / d.sum()),
        "These are proportional to D(x), not to D(x)²: square the distances before normalising.",
    )
    require(
        np.allclose(p, expected),
        "Not quite: for each point take the squared distance to the nearest of the two centres, "
        "then divide by the sum of these squared distances.",
    )
    passed("D² = (0, 1, 9, 9, 0), so P = (0, 1/19, 9/19, 9/19, 0); a chosen centre is never picked again.")


@checks_exercise(2)
def check_centroid_indices(indices):
    """Exercise 2: ``cis``, the centroid index CI of each of CI_SOLUTIONS against CI_TRUE_CENTERS."""
    values = as_array(indices, "your centroid indices").ravel()
    require(values.size == 3, f"your answer has {values.size} numbers; give one CI per solution (3).")
    require(np.allclose(values, np.round(values)), "A centroid index counts clusters: it is a whole number.")
    values = np.round(values).astype(int).tolist()
    require(
        values != [0, 1, 1],
        "That is one direction only: the solution centres that no true centre maps to. CI is the larger "
        "of the two directed orphan counts, so also count the true centres that no solution centre maps to.",
    )
    require(values != [0, 2, 3], "You added the two directed counts; CI is their maximum.")
    require(
        values == [0, 1, 2],
        "Not quite: map every centre of A to its nearest centre of B and count the centres of B that get "
        "nothing (orphans); do it both ways and keep the larger count.",
    )
    passed("CI = 0, 1, 2: the second solution misses one cluster, the third misses two.")


def _potential_with(candidate, closest):
    """Σ D² after adding row ``candidate`` of GREEDY_X as a centre."""
    return np.minimum(closest, ((GREEDY_X - GREEDY_X[candidate]) ** 2).sum(axis=1)).sum()


@checks_exercise(3)
def check_greedy_choice(answer):
    """Exercise 3: ``greedy``, the pair (row kept by greedy k-means++, potential after adding it)."""
    require(
        isinstance(answer, (tuple, list)) and len(answer) == 2,
        "Give a pair: (row index of the candidate kept, the potential φ after adding it).",
    )
    index, potential = answer
    require(
        isinstance(index, numbers.Integral) and not isinstance(index, bool),
        f"the first item should be a row index (an int), got {index!r}.",
    )
    closest = _closest_sq_dist(GREEDY_X, GREEDY_CENTER)
    potentials = {c: _potential_with(c, closest) for c in GREEDY_CANDIDATES}
    best = min(potentials, key=potentials.get)
    require(index in GREEDY_CANDIDATES, f"row {index} is not a candidate; choose among {GREEDY_CANDIDATES}.")
    require(
        index != int(np.argmax(closest)),
        "Row 9 (x = 25) has the largest D², but greedy k-means++ keeps the candidate that lowers the "
        "potential Σ D² most; compute φ after adding each candidate.",
    )
    require(
        index == best,
        "Another candidate lowers the potential more: compute Σ min(D², (x − c)²) for each one.",
    )
    potential = as_array(potential, "your potential")
    require_shape(potential, (), "your potential", "Give one number, Σ D² after adding the candidate.")
    require(
        not np.isclose(potential, closest.sum()),
        f"{closest.sum():g} is the potential before adding the candidate.",
    )
    require(
        np.isclose(potential, potentials[best]),
        "The row is right but the potential is not: after adding the candidate, each point's D² is the "
        "smaller of its old D² and its squared distance to the candidate.",
    )
    passed(f"row {best} (x = 11) gives φ = {potentials[best]:g}; the outlier x = 25 only {potentials[9]:g}.")


#: "Predict before you run": after 200 random starts on four blobs, how many runs keep a wrong structure?
PREDICTION = Prediction(
    "04", ("a", "b", "c"), "b",
    hint="A start that misses a blob is not always final: Lloyd moves each centre to the mean of the points "
    "nearest to it. Can a centre on the outskirts of a blob, or one of two far-apart centres in one blob, "
    "be pulled over to the empty blob?",
    verdict="most starts miss a blob, yet Lloyd repairs most of them; about one run in eight stays wrong.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 04: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)


EXERCISES = (
    Exercise(
        1, check_d2_probabilities, "probabilities", "a NumPy array of 5 floats that sum to 1",
        hint="For each point take the squared distance D(x)² to the nearer of the two chosen centres; "
        "the probabilities are proportional to these numbers.",
        solution="d2_x, d2_centres = kl.exercises.D2_X, kl.exercises.D2_CENTERS\n"
        "d2 = ((d2_x[:, None, :] - d2_centres[None, :, :]) ** 2).sum(axis=2).min(axis=1)\n"
        "probabilities = d2 / d2.sum()",
    ),
    Exercise(
        2, check_centroid_indices, "cis", "a list of 3 integers",
        hint="Map every centre of one solution to its nearest true centre and count the true centres that "
        "get nothing; do it the other way round too (kl.metrics.centroid_index checks your count).",
        solution="cis = [kl.metrics.centroid_index(s, kl.exercises.CI_TRUE_CENTERS)\n"
        "       for s in kl.exercises.CI_SOLUTIONS]",
    ),
    Exercise(
        3, check_greedy_choice, "greedy", "a tuple (row, potential): an int and a float",
        hint="For each candidate row c, the potential after adding it is the sum over the points of the "
        "smaller of their current D² and their squared distance to x[c]. Keep the candidate with the "
        "smallest sum.",
        solution="g_x = kl.exercises.GREEDY_X\n"
        "closest = ((g_x - kl.exercises.GREEDY_CENTER) ** 2).sum(axis=1)\n"
        "potentials = {c: np.minimum(closest, ((g_x - g_x[c]) ** 2).sum(axis=1)).sum()\n"
        "              for c in kl.exercises.GREEDY_CANDIDATES}\n"
        "best_row = min(potentials, key=potentials.get)\n"
        "greedy = (best_row, potentials[best_row])",
    ),
)  # fmt: skip
