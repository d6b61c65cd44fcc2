"""The lesson 05 checks accept the worked solutions and reject typical mistakes."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

import kmeans_lab as kl
from kmeans_lab.exercises import (
    check_dead_start,
    check_distance_table,
    check_partition_wcss,
    check_prediction_05,
)

# By hand: squared distances of A(1,1), B(1,2), C(2,1), D(5,5), E(5,6), F(6,5) to (1,1) and (5,5).
SQUARED = [[0, 32], [1, 25], [1, 25], [32, 0], [41, 1], [41, 1]]


def test_checks_are_exported():
    for name in ("check_prediction_05", "check_distance_table", "check_partition_wcss", "check_dead_start"):
        assert name in kl.exercises.__all__


def test_distance_table_accepts_integers_and_fractions(capsys):
    check_distance_table(SQUARED)
    check_distance_table([[Fraction(a), Fraction(b)] for a, b in SQUARED])
    check_distance_table(sympy.Matrix(SQUARED).tolist())
    assert capsys.readouterr().out.count("✓") == 3


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (np.sqrt(np.array(SQUARED, dtype=float)), "square them"),
        (np.array(SQUARED).T, "transpose"),
        (np.array(SQUARED)[:, ::-1], "swapped"),
        ([[0, 32], [1, 25], [1, 25], [32, 0], [41, 1], [40, 1]], "F to μ1"),
        ([[0, 32], [1, 25]], "shape"),
        ("table", "numbers"),
    ],
)
def test_distance_table_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        check_distance_table(wrong)


def test_partition_wcss_accepts_exact_values(capsys):
    check_partition_wcss(Fraction(45, 2))
    check_partition_wcss(sympy.Rational(45, 2))
    assert capsys.readouterr().out.count("✓") == 2


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (22.5, "exactly"),
        (Fraction(8, 3), "D belongs"),
        (Fraction(36), "starting centres"),
        (Fraction(47, 8), "not a mean"),
        (Fraction(43, 2), "not quite"),
        ([45, 2], "one number"),
    ],
)
def test_partition_wcss_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        check_partition_wcss(wrong)


@pytest.mark.parametrize("start", [[[1, 1], [-3, -3]], [[0, 0], [100, 100]], [[-50, 3], [-40, 3]]])
def test_dead_start_accepts_far_idle_centres(start, capsys):
    check_dead_start(start)
    assert "✓" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ([[1, 1], [5, 5]], "both centres win points"),
        ([[1, 1], [0.5, 0.5]], "revives it"),  # idle behind A, but within reach of A, B and C
        ([[3, 3], [3, 3]], "revives it"),  # coincident near the grand mean: the idle copy wins points later
        ([[1, 1]], "shape"),
        ([[1, 1], [np.nan, 0]], "NaN"),
    ],
)
def test_dead_start_rejects_starts_that_recover(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        check_dead_start(wrong)


def test_prediction_accepts_the_right_letter(capsys):
    check_prediction_05("a")
    check_prediction_05(" A ")
    out = capsys.readouterr().out
    assert out.count("✓") == 2 and "only one" not in out


@pytest.mark.parametrize(
    "wrong, hint",
    [("b", "Not what the lesson will show"), ("c", "Not what the lesson will show"), (1, "one letter"),
     ("d", "one letter")],
)
def test_prediction_rejects_other_answers_without_giving_it_away(wrong, hint):
    with pytest.raises(AssertionError, match=hint) as error:
        check_prediction_05(wrong)
    assert '"a"' not in str(error.value).replace('"a", "b", "c"', "")


def test_prediction_stub_is_not_answered(capsys):
    check_prediction_05(...)
    assert "Exercise 1: not answered yet" in capsys.readouterr().out
