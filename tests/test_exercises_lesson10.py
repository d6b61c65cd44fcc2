"""Lesson 10's exercise checks accept the solutions and reject typical wrong answers."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.exercises import lesson10


def compression_ratio(n_colours, height, width):
    n_pixels = height * width
    return 24 * n_pixels / (n_pixels * math.ceil(math.log2(n_colours)) + 24 * n_colours)


def test_compression_ratio_accepts_the_solution_and_counts_bits_by_hand(capsys):
    # 427 × 640 pixels at K = 16: 4-bit indices, 1,093,120 bits, plus 16 × 24 = 384 bits of codebook.
    assert compression_ratio(16, 427, 640) == pytest.approx(24 * 273_280 / (4 * 273_280 + 384))
    # 10 × 10 pixels at K = 5: 3-bit indices (300 bits) plus 120 bits of codebook, against 2,400 bits.
    assert compression_ratio(5, 10, 10) == pytest.approx(2400 / 420)
    kl.exercises.check_compression_ratio(compression_ratio)
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda k, h, w: 24 / math.ceil(math.log2(k)), "codebook is missing"),
        (lambda k, h, w: 24 * h * w / (h * w * math.log2(k) + 24 * k), "whole number of bits"),
        (lambda k, h, w: 24 * h * w / (h * w * math.floor(math.log2(k)) + 24 * k), "round it up"),
        (lambda k, h, w: 1 / compression_ratio(k, h, w), "original / compressed"),
        (lambda k, h, w: 24 * h * w / (h * w * math.ceil(math.log2(k)) + 8 * k), "three channels"),
        (lambda k, h, w: 24 * h * w / (h * w * 8 + 24 * k), "not a whole byte"),
        (lambda k, h, w: 5.0, "Count the bits"),
        (lambda k, h, w: "six", "one number"),
        (lambda k, h, w: 1 / 0, "ZeroDivisionError"),
        (compression_ratio(16, 427, 640), "function itself"),
    ],
)
def test_compression_ratio_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_compression_ratio(wrong)


def pick_representatives(distances, n_per_cluster):
    return np.argsort(np.asarray(distances), axis=0)[:n_per_cluster].T


def test_pick_representatives_agrees_with_sklearn_on_the_digits(capsys):
    from sklearn.datasets import load_digits
    from sklearn.metrics import pairwise_distances_argmin

    X, _ = load_digits(return_X_y=True)
    km = kl.KMeans(20, random_state=0).fit(X)
    picked = pick_representatives(km.transform(X), 1)
    np.testing.assert_array_equal(picked[:, 0], pairwise_distances_argmin(km.cluster_centers_, X))
    kl.exercises.check_pick_representatives(pick_representatives)
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda D, m: np.argsort(D, axis=0)[:m], "one ROW per cluster"),
        (lambda D, m: np.argsort(D, axis=1)[:, :m], "return shape"),
        (lambda D, m: np.argsort(-D, axis=0)[:m].T, "FARTHEST"),
        (lambda D, m: np.sort(D, axis=0)[:m].T, "integers"),
        (lambda D, m: np.argsort(D, axis=0)[:1].T, "return shape"),
        (lambda D, m: np.argpartition(D, m, axis=0)[:m].T[:, ::-1], "wrong order"),
        (lambda D, m: np.tile(np.arange(m), (D.shape[1], 1)), "not among the nearest"),
        (lambda D, m: 1 / 0, "ZeroDivisionError"),
    ],
)
def test_pick_representatives_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_pick_representatives(wrong)


def test_the_cases_put_the_nearest_samples_at_scattered_rows():
    from kmeans_lab.exercises.lesson10 import _distance_tables

    for distances, m in _distance_tables():
        nearest = np.argmin(distances, axis=0)
        assert len(set(nearest.tolist())) > 1 and m <= distances.shape[0]


# --- predict before you run ----------------------------------------------------


def test_the_prediction_waits_for_an_answer_and_checks_it(capsys):
    question = lesson10.PREDICTION
    lesson10.check_prediction(...)
    assert capsys.readouterr().out.startswith("Prediction: not answered yet")
    lesson10.check_prediction(question.answer)
    assert capsys.readouterr().out.startswith("✓ Correct — ")
    for wrong in set(question.choices) - {question.answer}:
        with pytest.raises(AssertionError, match="Not what the lesson will show"):
            lesson10.check_prediction(wrong)
    for letter in question.choices:
        assert f'"{letter}"' not in question.hint and f"({letter})" not in question.hint


def test_the_prediction_is_what_the_image_shows():
    from sklearn.datasets import load_sample_image

    from kmeans_lab.widgets import QuantisationState

    state = QuantisationState(load_sample_image("china.jpg"), ks=[32, 64], random_state=0)
    factor = state.distortions[0] / state.distortions[1]
    assert 2 ** (2 / 3) - 0.2 < factor < 2, "answer (c): less than 2, near 2^(2/3)"


def test_the_notebook_asks_before_it_shows():
    path = Path(__file__).resolve().parents[1] / "notebooks/10_what_kmeans_is_for.ipynb"
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    check = sources.index("kl.exercises.lesson10.check_prediction(prediction)")
    assert sources[check - 1].startswith("prediction = ...")
    assert "not answered yet" in "".join(cells[check]["outputs"][0]["text"])
    assert "**Predict before you run" in sources[check - 2]
    assert "J/N is divided by" in sources[check + 1] or "factors" in sources[check + 1]
