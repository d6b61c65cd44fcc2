"""The lesson 06 checks accept the worked solutions and reject typical mistakes."""

import math

import numpy as np
import pytest
from sklearn.metrics import silhouette_samples as sk_silhouette_samples

import kmeans_lab as kl
from kmeans_lab.exercises import check_gap_rule, check_silhouette_of_a, check_standardised_penguins

POINTS = np.array([[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]], dtype=float)
B_OF_A = (math.sqrt(32) + 2 * math.sqrt(41)) / 3


def test_checks_are_exported():
    for name in ("check_silhouette_of_a", "check_gap_rule", "check_standardised_penguins"):
        assert name in kl.exercises.__all__


# -- exercise 1 ----------------------------------------------------------------
def test_silhouette_of_a_accepts_the_solution(capsys):
    s = (B_OF_A - 1) / B_OF_A
    assert s == pytest.approx(sk_silhouette_samples(POINTS, [0, 0, 0, 1, 1, 1])[0], abs=1e-12)
    check_silhouette_of_a((1.0, B_OF_A, s))
    check_silhouette_of_a(np.array([1.0, B_OF_A, s]))
    assert capsys.readouterr().out.count("✓") == 2


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ((2 / 3, B_OF_A, (B_OF_A - 2 / 3) / B_OF_A), "distance to itself"),
        ((1.0, 38.0, 37 / 38), "squared distances"),
        ((1.0, math.sqrt(32), 1 - 1 / math.sqrt(32)), "nearest point"),
        ((1.0, B_OF_A, B_OF_A - 1), "larger of a and b"),
        ((1.0, B_OF_A, 0.5), "s is off"),
        ((1.0, B_OF_A), "three numbers"),
        ("abc", "three numbers"),
    ],
)
def test_silhouette_of_a_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        check_silhouette_of_a(wrong)


# -- exercise 2 ----------------------------------------------------------------
def tibshirani_rule(ks, gaps, sk):
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - sk[i + 1]:
            return int(ks[i])
    return int(ks[-1])


def test_gap_rule_accepts_the_solution(capsys):
    check_gap_rule(tibshirani_rule)
    assert "✓" in capsys.readouterr().out


def test_gap_rule_tables_agree_with_the_package_rule():
    # kl.gap_statistic applies the same rule to its own gaps; replay it on the exercise's tables.
    from kmeans_lab.exercises.lesson06 import _GAP_TABLES

    for ks, gaps, sk, expected in _GAP_TABLES:
        passes = np.array(gaps[:-1]) >= np.array(gaps[1:]) - np.array(sk[1:])
        assert (ks[int(np.argmax(passes))] if passes.any() else ks[-1]) == expected


def argmax_rule(ks, gaps, sk):
    return int(ks[np.argmax(gaps)])


def no_error_rule(ks, gaps, sk):
    return tibshirani_rule(ks, gaps, np.zeros_like(sk))


def own_error_rule(ks, gaps, sk):
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - sk[i]:
            return int(ks[i])
    return int(ks[-1])


def index_rule(ks, gaps, sk):
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - sk[i + 1]:
            return i + 1
    return len(ks)


def none_rule(ks, gaps, sk):
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - sk[i + 1]:
            return int(ks[i])
    return None


def crashing_rule(ks, gaps, sk):
    return ks[len(ks) + 3]


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (argmax_rule, "largest gap"),
        (no_error_rule, "without the standard error"),
        (own_error_rule, r"s\(K\+1\), not s\(K\)"),
        (index_rule, "not its position"),
        (none_rule, "not None"),
        (crashing_rule, "your function raised IndexError"),
        (3, "pass your function itself"),
    ],
)
def test_gap_rule_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        check_gap_rule(wrong)


# -- exercise 3 ----------------------------------------------------------------
@pytest.fixture(scope="module")
def penguins_X():
    return kl.datasets.load_penguins().X


def test_standardised_penguins_accepts_both_conventions(penguins_X, capsys):
    mean, std = penguins_X.mean(axis=0), penguins_X.std(axis=0)
    check_standardised_penguins((penguins_X - mean) / std)
    check_standardised_penguins((penguins_X - mean) / penguins_X.std(axis=0, ddof=1))
    assert capsys.readouterr().out.count("✓") == 2


def test_standardised_penguins_rejects_typical_mistakes(penguins_X):
    X = penguins_X
    cases = [
        ((X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True), "each row"),
        ((X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0)), "min-max"),
        (X - X.mean(axis=0), "divide by their standard deviations"),
        (X / X.std(axis=0), "mean 0"),
        (((X - X.mean(axis=0)) / X.std(axis=0))[::-1], "rows are not the penguins' rows"),
        (X[:, :2], "shape"),
    ]
    for wrong, hint in cases:
        with pytest.raises(AssertionError, match=hint):
            check_standardised_penguins(wrong)


# --- predict before you run ----------------------------------------------------

def test_the_prediction_waits_for_an_answer_and_checks_it(capsys):
    from kmeans_lab.exercises import lesson06

    question = lesson06.PREDICTION
    lesson06.check_prediction(...)
    assert capsys.readouterr().out.startswith("Prediction: not answered yet")
    lesson06.check_prediction(question.answer)
    assert capsys.readouterr().out.startswith("✓ Correct — ")
    for wrong in set(question.choices) - {question.answer}:
        with pytest.raises(AssertionError, match="Not what the lesson will show"):
            lesson06.check_prediction(wrong)
    for letter in question.choices:  # the hint points the way without naming a letter
        assert f'"{letter}"' not in question.hint and f"({letter})" not in question.hint


def test_the_notebook_asks_before_it_shows():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "notebooks/06_elbow_method.ipynb"
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    check = sources.index("kl.exercises.lesson06.check_prediction(prediction)")
    assert sources[check - 1].startswith("prediction = ...")
    assert "not answered yet" in "".join(cells[check]["outputs"][0]["text"])
    assert "**Predict before you run" in sources[check - 2]
