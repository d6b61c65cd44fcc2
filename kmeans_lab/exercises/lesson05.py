"""Checks for the exercises of lesson 05 (the six-point worked example).

The expected values were worked out by hand in the lesson: the points
A(1,1), B(1,2), C(2,1), D(5,5), E(5,6), F(6,5) and the starting centres
(1,1), (5,5).
"""

from fractions import Fraction
from numbers import Rational

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, passed, require, require_shape
from ._prediction import Prediction

__all__ = ["check_dead_start", "check_distance_table", "check_partition_wcss", "check_prediction_05"]

_POINTS = np.array([[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]], dtype=float)
_NAMES = "ABCDEF"

#: ‖x − (1,1)‖² and ‖x − (5,5)‖² for A…F, by hand.
_SQUARED_TO_START = np.array([[0, 32], [1, 25], [1, 25], [32, 0], [41, 1], [41, 1]], dtype=float)

#: J of the partition {A, B, C, D} | {E, F}: means (9/4, 9/4) and (11/2, 11/2).
_WCSS_ABCD_EF = Fraction(45, 2)


#: "Predict before you run", counted as exercise 1: how many of the 31 partitions are fixed points?
PREDICTION = Prediction(
    "05", ("a", "b", "c"), "a",
    hint="A fixed point needs every point to be nearest the mean of its own cluster. Picture a partition "
    "that mixes the two groups: where do its two means lie, and which points do they attract?",
    verdict="the enumeration below agrees with you; the next cells show why.",
)


@checks_exercise(1)
def check_prediction_05(prediction):
    """Exercise 1: ``prediction``, a guess made before the run: how many partitions are fixed points."""
    PREDICTION.check(prediction)


@checks_exercise(2)
def check_distance_table(answer):
    """Exercise 2: ``distance_table``, the (6, 2) table of squared distances of A–F to the two starts."""
    table = as_array(answer, "your table")
    require(
        table.shape != (2, 6),
        "your table has shape (2, 6): put one row per point and one column per centre (transpose it).",
    )
    require_shape(table, (6, 2), "your table", "One row per point A–F, one column per centre.")
    require(
        not np.allclose(table**2, _SQUARED_TO_START),
        "these are the plain distances ‖x − μ‖: square them (no square root).",
    )
    require(
        not np.allclose(table[:, ::-1], _SQUARED_TO_START),
        "your columns are swapped: column 0 is the distance to μ1 = (1, 1), column 1 to μ2 = (5, 5).",
    )
    wrong = [f"{_NAMES[i]} to μ{k + 1}" for i, k in zip(*np.nonzero(~np.isclose(table, _SQUARED_TO_START)))]
    require(
        not wrong,
        f"these entries are off: {', '.join(wrong)}. Add the squared differences of both coordinates.",
    )
    passed("D is 32 from μ1 and E, F are 41: the explainer's 5.66 and 6.40 are √32 and √41.")


def _is_sympy(value):
    return type(value).__module__.startswith("sympy")


@checks_exercise(3)
def check_partition_wcss(answer):
    """Exercise 3: ``J_abcd_ef``, the exact J of the partition {A, B, C, D} | {E, F}, as a fraction."""
    is_exact = isinstance(answer, Rational) or _is_sympy(answer)
    try:
        value = Fraction(str(answer)) if _is_sympy(answer) else Fraction(answer)
    except (TypeError, ValueError):
        raise AssertionError(f"give J as one number (a Fraction), got {type(answer).__name__}.") from None
    require(value != Fraction(8, 3), "8/3 is J of {A,B,C} | {D,E,F}; here D belongs to the first cluster.")
    require(
        value != 36,
        "36 is J measured to the starting centres (1, 1) and (5, 5); "
        "first move each centre to its cluster's mean.",
    )
    require(
        value != Fraction(47, 8),
        "47/8 averages within each cluster; J is the plain sum of squared distances, not a mean.",
    )
    require(
        abs(value - _WCSS_ABCD_EF) < Fraction(1, 10**9),
        "not quite: compute the mean of each cluster, then "
        "add every point's squared distance to its own cluster's mean.",
    )
    require(is_exact, "the value is right, but give it exactly: use fractions.Fraction or sympy.Rational.")
    passed("J = 45/2, far above 8/3, yet Lloyd never stops there: D is nearer (11/2, 11/2) than (9/4, 9/4).")


@checks_exercise(4)
def check_dead_start(init):
    """Exercise 4: ``dead_start``, two starting centres from which the naive Lloyd (no relocation) stalls.

    The check runs the first assignment and asks whether the idle centre can
    ever win a point back (section 8), then confirms that ``kl.lloyd``, which
    relocates empty clusters, still reaches the optimum.
    """
    import kmeans_lab as kl

    init = as_array(init, "your start")
    require_shape(init, (2, 2), "your start", "Two centres, two coordinates each.")
    require(np.isfinite(init).all(), "your start holds NaN or infinity; use finite coordinates.")
    counts = np.bincount(kl.assign(_POINTS, init), minlength=2)
    require(
        (counts == 0).any(),
        f"both centres win points in the first assignment ({counts[0]} and {counts[1]}), so both stay "
        "alive and Lloyd reaches J = 8/3. Put one centre where no point is nearest to it.",
    )
    idle = init[int(np.argmin(counts))]
    grand_mean = _POINTS.mean(axis=0)
    to_idle = ((_POINTS - idle) ** 2).sum(axis=1)
    to_mean = ((_POINTS - grand_mean) ** 2).sum(axis=1)
    revived = [_NAMES[i] for i in np.flatnonzero(to_idle <= to_mean)]
    require(
        not revived,
        "the idle centre is too close: after the first update the other centre sits at (10/3, 10/3) and "
        f"{', '.join(revived)} would be at least as near the idle one, which revives it. Move it farther.",
    )
    result = kl.lloyd(_POINTS, init)
    require(abs(result.inertia - 8 / 3) < 1e-9, f"unexpected: kl.lloyd ended at J = {result.inertia:.6g}.")
    passed("without relocation this start stalls at J = 152/3; kl.lloyd relocates the idle centre: 8/3.")


def _lesson_context():
    from fractions import Fraction

    points = {name: (Fraction(x), Fraction(y)) for name, (x, y) in zip(_NAMES, _POINTS)}

    def sq_dist(p, q):
        return sum((a - b) ** 2 for a, b in zip(p, q))

    def mean_of(pts):
        return tuple(sum(coords) / len(pts) for coords in zip(*pts))

    start = [(Fraction(1), Fraction(1)), (Fraction(5), Fraction(5))]
    return {"points": points, "P": list(points.values()), "start": start, "sq_dist": sq_dist,
            "mean_of": mean_of, "Fraction": Fraction}  # fmt: skip


EXERCISES = (
    Exercise(
        1, check_prediction_05, "prediction", 'a string, "a", "b" or "c"',
        hint=PREDICTION.hint,
        solution='prediction = "a"  # the enumeration in section 6 shows why',
    ),
    Exercise(
        2, check_distance_table, "distance_table", "a list of 6 rows of 2 integers or Fractions",
        hint="One row per point A–F (the list P), one column per starting centre (the list start); "
        "sq_dist(p, q) gives one entry. No square roots.",
        solution="distance_table = [[sq_dist(p, mu) for mu in start] for p in P]",
        context=_lesson_context,
    ),
    Exercise(
        3, check_partition_wcss, "J_abcd_ef", "a Fraction",
        hint="mean_of gives each cluster's exact mean; add sq_dist of every point to its own cluster's mean. "
        "Fractions keep the result exact.",
        solution='cluster_1 = [points[n] for n in "ABCD"]\n'
        'cluster_2 = [points[n] for n in "EF"]\n'
        "J_abcd_ef = (sum(sq_dist(p, mean_of(cluster_1)) for p in cluster_1)\n"
        "             + sum(sq_dist(p, mean_of(cluster_2)) for p in cluster_2))",
        context=_lesson_context,
    ),
    Exercise(
        4, check_dead_start, "dead_start", "a list of 2 centres, each a list of 2 numbers",
        hint="One centre must win no point in the first assignment, and stay farther from every point than "
        "the grand mean m = (10/3, 10/3): outside all six discs of section 7.",
        solution="dead_start = [[0, 0], [-4, 1]]",
    ),
)  # fmt: skip
