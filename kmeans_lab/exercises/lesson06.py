"""Checks for the exercises of lesson 06 (choosing K).

The expected silhouette of A is worked out by hand below from the points
A(1,1), B(1,2), C(2,1), D(5,5), E(5,6), F(6,5); the gap rule is checked on
small tables whose answers can be read off by eye.
"""

import math

import numpy as np

from ._checks import Exercise, as_array, checks_exercise, passed, require, require_shape
from ._prediction import Prediction

__all__ = ["check_gap_rule", "check_silhouette_of_a", "check_standardised_penguins"]

# a(A): mean distance to B and C, both 1. b(A): mean distance to D, E, F = (√32 + √41 + √41) / 3.
_A_OWN = 1.0
_A_OTHER = (math.sqrt(32) + 2 * math.sqrt(41)) / 3
_A_SILHOUETTE = (_A_OTHER - _A_OWN) / max(_A_OWN, _A_OTHER)


def _three_numbers(answer):
    try:
        values = [float(v) for v in answer]
    except (TypeError, ValueError):
        raise AssertionError("give three numbers (a, b, s), e.g. a tuple.") from None
    require(len(values) == 3, f"give three numbers (a, b, s), got {len(values)}.")
    return values


@checks_exercise(1)
def check_silhouette_of_a(answer):
    """Exercise 1: ``silhouette_of_a``, (a, b, s) of point A for the clusters {A, B, C} and {D, E, F}."""
    a, b, s = _three_numbers(answer)
    require(
        not math.isclose(a, 2 / 3, rel_tol=1e-6),
        "a = 2/3 divides by 3: A's distance to itself does not count, so average over the other 2 members.",
    )
    require(
        not math.isclose(b, 38.0, rel_tol=1e-6),
        "b = 38 averages squared distances; the silhouette uses plain distances ‖x − y‖ (take square roots).",
    )
    require(
        not math.isclose(b, math.sqrt(32), rel_tol=1e-6),
        "b = √32 is the distance to the nearest point of the other cluster; "
        "b is the mean distance to all its points.",
    )
    require(math.isclose(a, _A_OWN, rel_tol=1e-6), "a is off: the mean distance from A to B and to C.")
    require(math.isclose(b, _A_OTHER, rel_tol=1e-6), "b is off: the mean distance from A to D, E and F.")
    require(
        not math.isclose(s, (b - a) / min(a, b), rel_tol=1e-6),
        "divide b − a by the larger of a and b, not the smaller: s lies in [−1, 1].",
    )
    require(math.isclose(s, _A_SILHOUETTE, rel_tol=1e-6), "s is off: s = (b − a) / max(a, b).")
    passed(f"s(A) = {_A_SILHOUETTE:.4f}: A sits deep inside its cluster.")


# (ks, gaps, sk, right answer) — each table defeats one typical mistake.
_GAP_TABLES = (
    ([1, 2, 3, 4, 5, 6], [0.1, 0.5, 1.4, 1.45, 1.5, 1.48], [0.1] * 6, 3),
    ([1, 2, 3, 4, 5], [0.0, 0.8, 0.75, 0.9, 0.6], [0.1] * 5, 2),
    ([1, 2, 3, 4], [0.0, 1.0, 1.05, 1.2], [0.01, 0.02, 0.2, 0.01], 2),
    ([2, 3, 4, 5], [0.3, 0.2, 0.6, 0.5], [0.05] * 4, 2),
    ([1, 2, 3, 4], [0.0, 1.0, 2.0, 3.0], [0.1] * 4, 4),
)


@checks_exercise(2)
def check_gap_rule(choose_k):
    """Exercise 2: ``choose_k(ks, gaps, sk)`` implements Tibshirani's rule; it is tried on five tables."""
    require(callable(choose_k), "pass your function itself, choose_k(ks, gaps, sk), not its result.")
    answers = []
    for ks, gaps, sk, _ in _GAP_TABLES:
        try:
            answers.append(choose_k(np.array(ks), np.array(gaps), np.array(sk)))
        except Exception as exc:  # noqa: BLE001  the learner's code may raise anything; shown as a hint
            raise AssertionError(f"your function raised {type(exc).__name__}: {exc}") from None
    expected = [table[3] for table in _GAP_TABLES]
    require(
        answers[4] is not None, "when no K passes the rule, return the largest K in ks (here 4), not None."
    )
    require(
        answers[:2] != [5, 4],
        "that is the K with the largest gap; the rule takes the smallest K with Gap(K) >= Gap(K+1) − s(K+1).",
    )
    require(
        answers[0] != 5,
        "you seem to compare Gap(K) >= Gap(K+1) without the standard error: subtract s(K+1).",
    )
    require(answers[2] != 3, "use the standard error of K+1, s(K+1), not s(K).")
    require(answers[3] != 1, "return the K itself (ks[i]), not its position in ks.")
    wrong = [f"ks={t[0]}, gaps={t[1]} gave {got} (expected {t[3]})" for t, got in zip(_GAP_TABLES, answers)
             if got != t[3]]  # fmt: skip
    require(not wrong, "not quite: " + "; ".join(wrong))
    passed(f"your rule picks {expected} on the five tables, like kl.gap_statistic.")


@checks_exercise(3)
def check_standardised_penguins(answer):
    """Exercise 3: ``Z_penguins``, the penguin features as z-scores, row for row."""
    from ..datasets import load_penguins

    X = load_penguins().X
    Z = as_array(answer, "your standardised features")
    require_shape(Z, X.shape, "your standardised features", "Keep one row per penguin and the four columns.")
    require(
        not np.allclose(Z, (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)),
        "you standardised each row (axis=1); standardise each feature, i.e. each column (axis=0).",
    )
    require(
        not np.allclose(Z, (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))),
        "that is min-max scaling to [0, 1]; z-scores subtract the mean and divide by the standard deviation.",
    )
    require(
        np.allclose(Z.mean(axis=0), 0, atol=1e-9), "each column should have mean 0: subtract X.mean(axis=0)."
    )
    require(
        not np.allclose(Z, X - X.mean(axis=0)),
        "you centred the columns; now divide by their standard deviations, X.std(axis=0).",
    )
    stds = (Z.std(axis=0), Z.std(axis=0, ddof=1))
    require(any(np.allclose(s, 1, atol=1e-9) for s in stds), "each column should have standard deviation 1.")
    centred = X - X.mean(axis=0)
    require(
        np.allclose(Z, centred / X.std(axis=0)) or np.allclose(Z, centred / X.std(axis=0, ddof=1)),
        "mean 0 and sd 1, but the rows are not the penguins' rows in order: "
        "standardise kl.datasets.load_penguins().X.",
    )
    passed("every feature now has mean 0 and standard deviation 1, so grams no longer outvote millimetres.")


#: "Predict before you run": K-Means with K = 3 on the raw penguin features.
PREDICTION = Prediction(
    "06", ("a", "b", "c"), "b",
    hint="K-Means adds up squared differences over the features. Compare the sizes of those differences "
    "for a feature measured in grams and for one measured in millimetres.",
    verdict="body mass, in grams, has almost all the variance, so the raw clusters are bands of body mass.",
)


def check_prediction(prediction):
    """The "predict before you run" question of lesson 06: ``prediction``, one of "a", "b", "c"."""
    PREDICTION.check(prediction)


EXERCISES = (
    Exercise(
        1, check_silhouette_of_a, "silhouette_of_a", "a tuple of 3 floats (a, b, s)",
        hint="a(A) averages A's plain distances to the other members of its own cluster (not to itself); "
        "b(A) averages its distances to every point of the other cluster; then use the formula of "
        "section 5.1.",
        solution="points = kl.datasets.seed_example().X\n"
        "dist_a = np.sqrt(((points - points[0]) ** 2).sum(axis=1))\n"
        "a_A = dist_a[1:3].mean()\n"
        "b_A = dist_a[3:].mean()\n"
        "silhouette_of_a = (a_A, b_A, (b_A - a_A) / max(a_A, b_A))",
    ),
    Exercise(
        2, check_gap_rule, "choose_k", "a function `choose_k(ks, gaps, sk)` returning one K from `ks`",
        hint="Walk through ks in order and compare each Gap(K) with the next value's gap minus the next "
        "value's standard error; return the first K that passes, and decide what to return if none does.",
        solution="def choose_k(ks, gaps, sk):\n"
        "    for i in range(len(ks) - 1):\n"
        "        if gaps[i] >= gaps[i + 1] - sk[i + 1]:\n"
        "            return int(ks[i])\n"
        "    return int(ks[-1])",
    ),
    Exercise(
        3, check_standardised_penguins, "Z_penguins", "a NumPy array of shape (n_penguins, 4)",
        hint="Work column by column (one column per feature): subtract the column's mean, divide by its "
        "standard deviation. Which axis runs over the penguins?",
        solution="X_penguins = kl.datasets.load_penguins().X\n"
        "Z_penguins = (X_penguins - X_penguins.mean(axis=0)) / X_penguins.std(axis=0)",
    ),
)  # fmt: skip
