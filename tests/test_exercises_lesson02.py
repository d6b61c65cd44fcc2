"""The checks of lesson 02 accept the solutions and reject typical wrong answers."""

import numpy as np
import pytest
import sympy as sp

import kmeans_lab as kl
from kmeans_lab.exercises.lesson02 import CLUSTER_POINTS


def test_optimal_centre(capsys):
    kl.exercises.check_optimal_centre(CLUSTER_POINTS.mean(axis=0))
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (np.median(CLUSTER_POINTS, axis=0), "median"),
        (CLUSTER_POINTS.mean(axis=1), "axis=0"),
        (CLUSTER_POINTS.sum(axis=0), "mean"),
        ([[2, 2]], "shape"),
    ],
)
def test_optimal_centre_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_optimal_centre(wrong)


def test_hessian_accepts_symbolic_and_numeric():
    J, _X, mu = kl.symbolic.cluster_objective(5, 3)
    kl.exercises.check_hessian(kl.symbolic.hessian(J, mu))
    kl.exercises.check_hessian(sp.hessian(J, list(mu)))  # SymPy's own function as the oracle
    kl.exercises.check_hessian(10 * np.eye(3))


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (2 * np.eye(3), "all n points"),
        (5 * np.eye(3), "which factor"),
        (10 * np.eye(2), "3 × 3"),
        ("H", "SymPy"),
    ],
)
def test_hessian_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_hessian(wrong)


def test_update_gain_matches_a_lloyd_update_on_real_points(rng):
    # Five points with mean (1, 2); J with the centre at (3, 5) minus J at the mean.
    points = rng.normal(size=(5, 2))
    points += np.array([1.0, 2.0]) - points.mean(axis=0)
    labels = np.zeros(5, dtype=int)
    gain = kl.wcss(points, [[3.0, 5.0]], labels) - kl.wcss(points, points.mean(axis=0, keepdims=True), labels)
    assert gain == pytest.approx(65.0)
    kl.exercises.check_update_gain(gain)


@pytest.mark.parametrize(
    "wrong, hint",
    [(13, "factor in front"), (5 * np.sqrt(13), "squared"), (-65, "positive"), (60, "identity")],
)
def test_update_gain_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_update_gain(wrong)


def test_median_interval_accepts_interval_and_agrees_with_symbolic():
    interval = kl.symbolic.median_interval([7, 1, 12, 3, 9, 4])
    kl.exercises.check_median_interval((interval.inf, interval.sup))
    kl.exercises.check_median_interval([4.0, 7.0])


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (np.median([7, 1, 12, 3, 9, 4]), "np.median"),
        ((3, 9), "Sort"),
        ((4, 4), "even count"),
        ((1, 2, 3), "two numbers"),
    ],
)
def test_median_interval_rejects(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_median_interval(wrong)


def test_prediction_waits_for_an_answer_and_accepts_the_right_letter(capsys):
    from kmeans_lab.exercises.lesson02 import check_prediction

    check_prediction(...)
    assert capsys.readouterr().out == "Prediction: not answered yet — replace the ... above\n"
    check_prediction("a")
    assert capsys.readouterr().out.startswith("✓ Correct")
    check_prediction(" A ")
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, hint",
    [("b", "Not what"), ("c", "Not what"), ("d", "one of"), (1, "one of"), ("ab", "one of")],
)
def test_prediction_rejects_other_answers_without_giving_it_away(wrong, hint):
    from kmeans_lab.exercises.lesson02 import check_prediction

    with pytest.raises(AssertionError, match=hint) as info:
        check_prediction(wrong)
    assert '"a"' not in str(info.value).replace('"a", "b", "c"', "")
