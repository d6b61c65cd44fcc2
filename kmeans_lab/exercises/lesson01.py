"""Checks for the exercises of lesson 01."""

import functools
import itertools
import math
import sys

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, forbidden_calls, learner_globals, passed, require
from ._prediction import Prediction

__all__ = ["check_optimal_partition", "check_stirling2", "check_wcss_by_hand"]

#: The worked example A–F with D moved into the cluster of A, B and C.
_SEED = np.array([[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]], dtype=float)
_SEED_LABELS = np.array([0, 0, 0, 0, 1, 1])

#: Two rows of four points (the points of the partition exercise, in order).
GRID_POINTS = np.array([[0, 0], [1, 0], [2, 0], [3, 0], [0, 1.5], [1, 1.5], [2, 1.5], [3, 1.5]])


def _partition_wcss(X, labels):
    return sum(float(((X[labels == k] - X[labels == k].mean(axis=0)) ** 2).sum()) for k in np.unique(labels))


@checks_exercise(1)
def check_wcss_by_hand(answer):
    """Exercise 1: ``J_moved`` is J of the six-point example with D moved into the cluster of A, B and C."""
    value = float(as_array(answer, "your J"))
    expected = _partition_wcss(_SEED, _SEED_LABELS)
    not_squared = sum(
        float(np.linalg.norm(_SEED[_SEED_LABELS == k] - _SEED[_SEED_LABELS == k].mean(axis=0), axis=1).sum())
        for k in (0, 1)
    )
    overall = float(((_SEED - _SEED.mean(axis=0)) ** 2).sum())
    old_centres = np.array([[4 / 3, 4 / 3], [16 / 3, 16 / 3]])
    stale = float(((_SEED - old_centres[_SEED_LABELS]) ** 2).sum())
    require(not math.isclose(value, not_squared),
            "You added plain distances; J adds *squared* distances ‖x − μ‖².")  # fmt: skip
    require(not math.isclose(value, overall),
            "You measured every point from the overall mean; each point counts "
            "from the mean of its own cluster.")  # fmt: skip
    require(not math.isclose(value, stale),
            "You used the old centroids (4/3, 4/3) and (16/3, 16/3); with D in the "
            "first cluster, compute both means again.")  # fmt: skip
    require(math.isclose(value, expected),
            f"J = {value:g} is not right. Compute each cluster's mean, then add the "
            "squared distances of its points to that mean.")  # fmt: skip
    passed("J = 21.5 + 1 = 22.5: moving D next to A, B, C costs 22.5 − 8/3 ≈ 19.83.")


def _stirling2_reference(n, k):
    if n == k == 0:
        return 1
    return sum((-1) ** j * math.comb(k, j) * (k - j) ** n for j in range(k + 1)) // math.factorial(k)


def _closed_forms():
    """(owner, attribute, name shown) of the library functions a recurrence does not need."""
    targets = [(math, name, f"math.{name}") for name in ("comb", "factorial", "perm")]
    numbers = sys.modules.get("sympy.functions.combinatorial.numbers")
    if numbers is not None:
        targets.append((numbers, "stirling", "SymPy's stirling"))
    sympy = sys.modules.get("sympy")
    if sympy is not None:
        targets += [(sympy, "stirling", "SymPy's stirling"), (sympy, "binomial", "SymPy's binomial"),
                    (sympy, "factorial", "SymPy's factorial")]  # fmt: skip
    special = sys.modules.get("scipy.special")
    if special is not None:
        targets += [(special, name, f"scipy.special.{name}") for name in ("stirling2", "comb", "factorial")]
    return targets


@checks_exercise(2)
def check_stirling2(func):
    """Exercise 2: ``stirling2(n, k)`` computes S(n, k) exactly with the recurrence.

    The function is called on every (n, k) up to n = 12 and on a few larger
    cases, while the closed form's ingredients (``math.comb``,
    ``math.factorial``, SymPy's and SciPy's Stirling numbers, the lesson's
    ``stirling2_closed``) are switched off.
    """
    require(callable(func), "Pass the function itself (stirling2, without parentheses).")
    cases = [(n, k) for n in range(13) for k in range(n + 1)] + [(3, 5), (25, 4)]
    expected_values = [_stirling2_reference(n, k) if k <= n else 0 for n, k in cases]
    if hasattr(func, "cache_clear"):
        func.cache_clear()
    results, error = [], None
    closed_form = {"stirling2_closed": "stirling2_closed"}
    with forbidden_calls(_closed_forms(), learner_globals(func), closed_form) as off:
        for n, k in cases:
            try:
                results.append(func(n, k))
            except forbidden_calls.Called:
                break
            except Exception as exc:  # noqa: BLE001  the learner's code may raise anything; shown as a hint
                error = f"stirling2({n}, {k}) raised {type(exc).__name__}: {exc}"
                break
    if hasattr(func, "cache_clear"):
        func.cache_clear()
    off.require_unused("Your function calls {name}, the closed form's ingredients. Build S(n, k) from "
                       "smaller Stirling numbers instead, with the recurrence of the prompt.")
    require(error is None, f"{error}. Check the edge cases first: which S(n, k) need no recursion?")
    for (n, k), expected, got in zip(cases, expected_values, results):
        if got != expected:
            if n > 0 and 0 < k <= n and got == k**n:
                hint = ("k**n counts label vectors: empty groups are allowed and each partition is counted "
                        "k! times.")
            elif (n > 0 and 0 < k <= n and isinstance(got, (int, float))
                  and math.isclose(got, k**n / math.factorial(k))):
                hint = ("k**n / k! is only the leading term for large n: it still counts label vectors with "
                        "empty groups. Use the recurrence.")
            elif isinstance(got, float):
                hint = "Floats lose digits for large counts; use integer arithmetic only (no /)."
            elif n == 0 or k == 0:
                hint = "Check the edge cases: S(0, 0) = 1 (the empty partition) and S(n, 0) = 0 for n > 0."
            else:
                hint = ("Use S(n, k) = k·S(n−1, k) + S(n−1, k−1): the last point joins one of k groups "
                        "or opens a new one.")
            raise AssertionError(f"S({n}, {k}) should be {expected}, your function gave {got!r}. {hint}")
    passed("S(n, k) is right on every case from S(0, 0) to S(25, 4) = 46,771,289,738,810.")


@checks_exercise(3)
def check_optimal_partition(labels):
    """Exercise 3: ``best_labels`` is a partition of GRID_POINTS into K = 2 clusters with the smallest J.

    Any numbering of the two clusters is accepted.
    """
    labels = as_array(labels, "your labels")
    require(labels.shape == (8,), f"Give one label per point: 8 labels, yours have shape {labels.shape}.")
    require(np.all(labels == np.round(labels)), "Labels are integers such as 0 and 1.")
    labels = labels.astype(int)
    require(len(np.unique(labels)) == 2, "Use exactly two clusters (two different labels).")
    best = min(
        _partition_wcss(GRID_POINTS, np.array((0,) + rest))
        for rest in itertools.product((0, 1), repeat=7)
        if 1 in rest
    )
    value = _partition_wcss(GRID_POINTS, labels)
    if np.isclose(value, 10.0):
        raise AssertionError("J = 10: that is the two rows. They look like clusters, but another "
                             "partition is cheaper — enumerate all 127 partitions and compare.")
    require(np.isclose(value, best), f"Your partition has J = {value:g}, and a partition with a smaller J "
            "exists. Enumerate every partition and keep the smallest J.")  # fmt: skip
    passed(f"the left and right halves, J = {best:g}, beat the two rows (J = 10).")


def _partitions(n, k):
    """Every partition of n items into k non-empty clusters, as label tuples (lesson 01, section 4)."""
    for labels in itertools.product(range(k), repeat=n):
        opened = 0
        for label in labels:
            if label > opened:
                break
            opened = max(opened, label + 1)
        else:
            if opened == k:
                yield labels


def _lesson_context():
    import kmeans_lab as kl

    return {
        "example": kl.datasets.seed_example(),
        "grid": GRID_POINTS.copy(),
        "partitions": _partitions,
        "partition_wcss": _partition_wcss,
        "lru_cache": functools.lru_cache,
    }


EXERCISES = (
    Exercise(
        1, check_wcss_by_hand, "J_moved", "a float",
        hint="Cluster 0 is now A, B, C and D. Compute each cluster's mean first, then add the squared "
        "distance of every point to the mean of its own cluster (kl.wcss does the adding).",
        solution="moved = np.array([0, 0, 0, 0, 1, 1])\n"
        "moved_centroids = np.array([example.X[moved == k].mean(axis=0) for k in (0, 1)])\n"
        "J_moved = kl.wcss(example.X, moved_centroids, moved)",
        context=_lesson_context,
    ),
    Exercise(
        2, check_stirling2, "stirling2", "a function `stirling2(n, k)` returning an int",
        hint="Start with the edge cases that need no recursion: S(0, 0), S(n, 0) for n > 0 and S(0, k) "
        "for k > 0. Every other value comes from two values with n − 1.",
        solution="@lru_cache(maxsize=None)\n"
        "def stirling2(n, k):\n"
        "    if n == k == 0:\n"
        "        return 1\n"
        "    if n == 0 or k == 0:\n"
        "        return 0\n"
        "    return k * stirling2(n - 1, k) + stirling2(n - 1, k - 1)",
        context=_lesson_context,
    ),
    Exercise(
        3, check_optimal_partition, "best_labels", "an array of 8 integer labels (0 or 1)",
        hint="partitions(len(grid), 2) yields every split into two non-empty clusters as a tuple of "
        "labels; compute partition_wcss(grid, np.array(labels)) for each and keep the smallest.",
        solution="candidates = [np.array(p) for p in partitions(len(grid), 2)]\n"
        "best_labels = min(candidates, key=lambda p: partition_wcss(grid, p))",
        context=_lesson_context,
    ),
)  # fmt: skip


#: "Predict before you run": the question of lesson 01 (before 100 single random starts).
PREDICTION = Prediction(
    "01", ("a", "b", "c"), "b",
    hint="Lloyd's algorithm stops at the first fixed point it meets. How many fixed points are there, and "
    "how large is the optimum's basin compared with the others?",
    verdict="about half of the single random starts reach the optimum; the rest stop at a worse fixed point.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 01: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)
