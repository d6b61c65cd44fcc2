"""The checks of lesson 01 accept the solutions and reject typical wrong answers."""

import itertools
import math
from fractions import Fraction
from functools import cache

import numpy as np
import pytest
from sympy.functions.combinatorial.numbers import stirling

import kmeans_lab as kl

SEED = kl.datasets.seed_example().X


def test_wcss_by_hand_accepts_exact_value(capsys):
    # By hand with fractions: cluster {A, B, C, D} has mean (9/4, 9/4), {E, F} has mean (11/2, 11/2).
    first = [(Fraction(x) - Fraction(9, 4)) ** 2 + (Fraction(y) - Fraction(9, 4)) ** 2 for x, y in SEED[:4]]
    second = [
        (Fraction(x) - Fraction(11, 2)) ** 2 + (Fraction(y) - Fraction(11, 2)) ** 2 for x, y in SEED[4:]
    ]
    kl.exercises.check_wcss_by_hand(float(sum(first) + sum(second)))
    assert "22.5" in capsys.readouterr().out


def test_wcss_by_hand_agrees_with_package():
    labels = np.array([0, 0, 0, 0, 1, 1])
    centroids = np.array([SEED[labels == k].mean(axis=0) for k in (0, 1)])
    kl.exercises.check_wcss_by_hand(kl.wcss(SEED, centroids, labels))


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (
            np.sqrt(2 * 1.25**2) + 2 * np.sqrt(1.25**2 + 0.25**2) + np.sqrt(2 * 2.75**2) + 2 * np.sqrt(0.5),
            "squared",
        ),
        (float(((SEED - SEED.mean(axis=0)) ** 2).sum()), "own cluster"),
        (float(((SEED - np.array([[4 / 3] * 2] * 4 + [[16 / 3] * 2] * 2)) ** 2).sum()), "old centroids"),
        (8 / 3, "not right"),
    ],
)
def test_wcss_by_hand_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_wcss_by_hand(wrong)


@cache
def recurrence(n, k):
    if n == k == 0:
        return 1
    if n == 0 or k == 0:
        return 0
    return k * recurrence(n - 1, k) + recurrence(n - 1, k - 1)


def bottom_up(n, k):
    """The recurrence as a table, row by row: no recursive calls, still the recurrence."""
    row = [1] + [0] * k
    for _ in range(n):
        row = [0] + [j * row[j] + row[j - 1] for j in range(1, k + 1)]
    return row[k]


def test_stirling_accepts_the_recurrence_recursive_or_as_a_table(capsys):
    kl.exercises.check_stirling2(recurrence)
    kl.exercises.check_stirling2(bottom_up)
    assert capsys.readouterr().out.count("✓ Correct") == 2


def stirling2_closed(n, k):
    if n == k == 0:
        return 1
    return sum((-1) ** j * math.comb(k, j) * (k - j) ** n for j in range(k + 1)) // math.factorial(k)


def closed_by_hand(n, k):
    """The lesson's closed form called by its name, with the factorials of the lesson hidden in a helper."""
    return stirling2_closed(n, k)


def test_the_shortcuts_are_right_outside_the_check():
    for n in range(8):
        for k in range(n + 1):
            assert int(stirling(n, k)) == stirling2_closed(n, k) == recurrence(n, k)


@pytest.mark.parametrize(
    "shortcut, name",
    [
        (lambda n, k: int(stirling(n, k)), "SymPy's stirling"),
        (stirling2_closed, "math.comb"),
        (closed_by_hand, "stirling2_closed"),
    ],
)
def test_stirling_rejects_the_closed_form_and_sympy(shortcut, name):
    with pytest.raises(AssertionError, match=f"calls {name}"):
        kl.exercises.check_stirling2(shortcut)
    assert math.comb(5, 2) == 10 and int(stirling(5, 2)) == 15  # switched back on afterwards


def test_stirling_rejects_the_lessons_closed_form_by_name():
    namespace = {}
    source = "def stirling2_closed(n, k):\n    return 1\n\ndef stirling2(n, k):\n"
    source += "    return stirling2_closed(n, k)"
    exec(source, namespace)  # noqa: S102  a notebook's namespace, built from a fixed string
    with pytest.raises(AssertionError, match="calls stirling2_closed"):
        kl.exercises.check_stirling2(namespace["stirling2"])


def _factorial(k):
    return 1 if k <= 1 else k * _factorial(k - 1)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda n, k: k**n, "label vectors"),
        (lambda n, k: k**n / _factorial(k), "leading term"),
        (lambda n, k: float(recurrence(n, k)) + (n == 12) * 0.5, "Floats"),
        (lambda n, k: 0 if n == 0 else recurrence(n, k), "edge cases"),
        (lambda n, k: recurrence(n, k) + (n == 7 and k == 3), "S\\(n−1, k\\)"),
        (3, "function itself"),
    ],
)
def test_stirling_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_stirling2(wrong)


def test_optimal_partition_accepts_both_numberings():
    kl.exercises.check_optimal_partition([0, 0, 1, 1, 0, 0, 1, 1])
    kl.exercises.check_optimal_partition([1, 1, 0, 0, 1, 1, 0, 0])


def test_optimal_partition_is_the_brute_force_optimum():
    # Independent oracle: scikit-learn with many restarts finds the same J.
    from sklearn.cluster import KMeans

    X = kl.exercises.lesson01.GRID_POINTS
    km = KMeans(2, n_init=20, random_state=0).fit(X)
    assert km.inertia_ == pytest.approx(6.5)
    kl.exercises.check_optimal_partition(km.labels_)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ([0, 0, 0, 0, 1, 1, 1, 1], "two rows"),
        ([0, 1, 1, 1, 0, 1, 1, 1], "smaller J exists"),
        ([0] * 8, "exactly two"),
        ([0, 1], "8 labels"),
        ([0.5] * 8, "integers"),
    ],
)
def test_optimal_partition_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_optimal_partition(wrong)


def test_every_grid_partition_other_than_halves_is_rejected():
    accepted = 0
    for rest in itertools.product((0, 1), repeat=7):
        labels = (0,) + rest
        if 1 not in rest:
            continue
        try:
            kl.exercises.check_optimal_partition(labels)
            accepted += 1
        except AssertionError:
            pass
    assert accepted == 1


def test_prediction_waits_for_an_answer_and_accepts_the_right_letter(capsys):
    from kmeans_lab.exercises.lesson01 import check_prediction

    check_prediction(...)
    assert capsys.readouterr().out == "Prediction: not answered yet — replace the ... above\n"
    check_prediction("b")
    assert capsys.readouterr().out.startswith("✓ Correct")
    check_prediction(" B ")
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, hint",
    [("a", "Not what"), ("c", "Not what"), ("d", "one of"), (1, "one of"), ("ab", "one of")],
)
def test_prediction_rejects_other_answers_without_giving_it_away(wrong, hint):
    from kmeans_lab.exercises.lesson01 import check_prediction

    with pytest.raises(AssertionError, match=hint) as info:
        check_prediction(wrong)
    assert '"b"' not in str(info.value).replace('"a", "b", "c"', "")
