"""The check of lesson 00 accepts the solution and rejects typical slips."""

import numpy as np
import pytest

import kmeans_lab as kl

ABC = np.array([[1, 1], [1, 2], [2, 1]])


def test_accepts_the_mean(capsys):
    kl.exercises.check_mean_of_abc(ABC.mean(axis=0))
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (ABC.mean(axis=1), "axis=1"),
        (ABC.sum(axis=0), "divide"),
        ([1.0, 1.0], "divide by 3"),
        ("abc", "numbers"),
    ],
)
def test_rejects_typical_wrong_answers(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_mean_of_abc(wrong)


SIX = np.array([[1, 1], [1, 2], [2, 1], [5, 5], [5, 6], [6, 5]], dtype=float)
OWN = np.array([[4, 4], [4, 4], [4, 4], [16, 16], [16, 16], [16, 16]]) / 3


def test_wcss_check_accepts_the_sum_of_squares(capsys):
    kl.exercises.check_wcss_of_example(((SIX - OWN) ** 2).sum())
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (np.sqrt(((SIX - OWN) ** 2).sum(axis=1)).sum(), "squared"),
        (4.0, "starting centroids"),
        (((SIX - OWN) ** 2).sum(axis=1), "one number"),
        (((SIX - OWN) ** 2).sum() / 6, "mean"),
        (3.0, "Square each"),
    ],
)
def test_wcss_check_rejects_typical_wrong_answers(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        kl.exercises.check_wcss_of_example(wrong)


def test_prediction_waits_for_an_answer_and_accepts_the_right_letter(capsys):
    from kmeans_lab.exercises.lesson00 import check_prediction

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
    from kmeans_lab.exercises.lesson00 import check_prediction

    with pytest.raises(AssertionError, match=hint) as info:
        check_prediction(wrong)
    assert '"a"' not in str(info.value).replace('"a", "b", "c"', "")
