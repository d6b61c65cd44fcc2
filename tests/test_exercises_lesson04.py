"""Each lesson-04 check accepts the solution and rejects typical wrong answers."""

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.exercises import lesson04 as ex

# --- exercise 1: D² probabilities ---------------------------------------------

def test_d2_probabilities_accepts_the_solution(capsys):
    ex.check_d2_probabilities(np.array([0, 1, 9, 9, 0]) / 19)
    assert capsys.readouterr().out.startswith("✓ Correct")


def test_d2_solution_agrees_with_the_package():
    # By hand: (1,0) is 1 from (0,0); (4,0) and (0,3) are 3 from (4,3); D² = 0, 1, 9, 9, 0.
    expected = np.array([0, 1, 9, 9, 0]) / 19
    np.testing.assert_allclose(kl.plotting.d2_probabilities(ex.D2_X, ex.D2_CENTERS), expected)


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ([0, 1, 9, 9, 0], "divide by their sum"),
        (np.array([0, 1, 3, 3, 0]) / 7, "not to D\\(x\\)²"),
        (np.array([0, 1, 16, 9, 25]) / 51, "nearest"),
        ([0.2] * 5, "Not quite"),
        ([0.5, 0.5], "one probability per point"),
        ([0.1, 0.1, 0.1, 0.1, 0.1], "sum to 1"),
    ],
)
def test_d2_probabilities_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        ex.check_d2_probabilities(wrong)


# --- exercise 2: centroid index ------------------------------------------------

def test_centroid_indices_accepts_the_solution(capsys):
    answer = [kl.metrics.centroid_index(s, ex.CI_TRUE_CENTERS) for s in ex.CI_SOLUTIONS]
    ex.check_centroid_indices(answer)
    assert "✓ Correct" in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ([0, 1, 1], "one direction only"),
        ([0, 2, 3], "maximum"),
        ([0, 1, 1.5], "whole number"),
        ([1, 1, 2], "Not quite"),
        ([0, 1], "one CI per solution"),
    ],
)
def test_centroid_indices_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        ex.check_centroid_indices(wrong)


# --- exercise 3: the greedy choice ---------------------------------------------

def test_greedy_choice_accepts_the_solution(capsys):
    ex.check_greedy_choice((5, 202.0))
    ex.check_greedy_choice([np.int64(5), np.float64(202)])
    assert capsys.readouterr().out.count("✓ Correct") == 2


def test_greedy_choice_matches_hand_computation():
    # From x = 1: D² = 1, 0, 1, 81, 81, 100, 100, 121, 121, 576 (φ = 1182).
    # Adding x = 11 leaves 1, 0, 1, 1, 1, 0, 0, 1, 1, 196: φ = 202.
    closest = ((ex.GREEDY_X - 1.0) ** 2).ravel()
    assert closest.sum() == 1182
    assert np.minimum(closest, ((ex.GREEDY_X - 11.0) ** 2).ravel()).sum() == 202


@pytest.mark.parametrize(
    "wrong, hint",
    [
        ((9, 606.0), "largest D²"),
        ((3, 237.0), "Another candidate"),
        ((5, 1182.0), "before adding"),
        ((5, 200.0), "potential is not"),
        ((7, 202.0), "not a candidate"),
        (5, "Give a pair"),
        ((5.0, 202.0), "row index"),
    ],
)
def test_greedy_choice_rejects_typical_mistakes(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        ex.check_greedy_choice(wrong)


def test_checks_are_exported():
    for name in ("check_d2_probabilities", "check_centroid_indices", "check_greedy_choice"):
        assert callable(getattr(kl.exercises, name))


# --- predict before you run ----------------------------------------------------

def test_the_prediction_waits_for_an_answer_and_checks_it(capsys):
    from kmeans_lab.exercises import lesson04

    question = lesson04.PREDICTION
    lesson04.check_prediction(...)
    assert capsys.readouterr().out.startswith("Prediction: not answered yet")
    lesson04.check_prediction(question.answer)
    assert capsys.readouterr().out.startswith("✓ Correct — ")
    for wrong in set(question.choices) - {question.answer}:
        with pytest.raises(AssertionError, match="Not what the lesson will show"):
            lesson04.check_prediction(wrong)
    for letter in question.choices:  # the hint points the way without naming a letter
        assert f'"{letter}"' not in question.hint and f"({letter})" not in question.hint


def test_the_notebook_asks_before_it_shows():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "notebooks/04_kmeans_plusplus.ipynb"
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    check = sources.index("kl.exercises.lesson04.check_prediction(prediction)")
    assert sources[check - 1].startswith("prediction = ...")
    assert "not answered yet" in "".join(cells[check]["outputs"][0]["text"])
    assert "**Predict before you run" in sources[check - 2]
