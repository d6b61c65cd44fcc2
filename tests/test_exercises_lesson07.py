"""Lesson 07's exercise checks accept the solutions and reject typical wrong answers."""

import itertools

import kmedoids
import numpy as np
import pytest
from scipy.spatial.distance import cdist

import kmeans_lab as kl
from kmeans_lab.exercises.lesson07 import WORDS


def medoid_index(D):
    return int(np.argmin(np.asarray(D).sum(axis=1)))


def test_medoid_index_accepts_the_solution(capsys):
    kl.exercises.check_medoid_index(medoid_index)
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda D: int(np.argmax(D.sum(axis=1))), "argmax"),
        (lambda D: int(np.argmin((D**2).sum(axis=1))), "SQUARED"),
        (lambda D: np.asarray(D).sum(axis=1), "one index"),
        (lambda D: 0, "medoid is sample"),
        (medoid_index(np.eye(3)), "function itself"),
        (lambda D: 1 / 0, "ZeroDivisionError"),
    ],
)
def test_medoid_index_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_medoid_index(wrong)


def test_swap_change_by_brute_force(capsys):
    X = kl.datasets.seed_example().X
    D = cdist(X, X, "cityblock")
    change = D[:, [1, 3]].min(axis=1).sum() - D[:, [0, 3]].min(axis=1).sum()  # medoids A, D -> B, D
    assert change == 1.0
    kl.exercises.check_swap_change(change)
    assert capsys.readouterr().out.startswith("✓ Correct")


@pytest.mark.parametrize("wrong, words", [(5, "after the swap"), (-1, "wrong sign"), (2, "every point"),
                                          (0, "not quite"), ("one", "one number")])  # fmt: skip
def test_swap_change_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_swap_change(wrong)


def test_word_medoids_best_loss_by_brute_force(capsys):
    D = kl.edit_distances(WORDS)
    losses = {m: D[:, m].min(axis=1).sum() for m in itertools.combinations(range(len(WORDS)), 3)}
    best = min(losses.values())
    assert best == 23.0
    theirs = kmedoids.pam(D, 3, init="build", max_iter=100)
    assert theirs.loss == best
    for medoids in (m for m, loss in losses.items() if loss == best):
        kl.exercises.check_word_medoids([WORDS[i] for i in medoids])
    km = kl.KMedoids(3, metric="precomputed").fit(D)
    kl.exercises.check_word_medoids([WORDS[i] for i in km.medoid_indices_])
    assert capsys.readouterr().out.count("✓ Correct") >= 2


def test_edit_distances_by_hand():
    D = kl.edit_distances(["mean", "means", "median", "mode"])
    # mean→means: insert s; mean→median: insert d and i; mean→mode: substitute e→o, a→d, n→e.
    assert D[0, 1] == 1 and D[0, 2] == 2 and D[0, 3] == 3
    assert np.array_equal(D, D.T) and not np.diagonal(D).any()
    with pytest.raises(TypeError, match="strings"):
        kl.edit_distances("mean")


@pytest.mark.parametrize(
    "wrong, words",
    [
        ([0, 7, 10], "indices"),
        (["mean", "mode"], "three medoid words"),
        (["mean", "mean", "cluster"], "different"),
        (["mean", "mode", "clusterz"], "not in WORDS"),
        (["meant", "medoid", "clustered"], "loss of"),
        (42, "list of three words"),
    ],
)
def test_word_medoids_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_word_medoids(wrong)


@pytest.mark.parametrize("index", range(6))
def test_medoid_index_rejects_every_constant_answer(index):
    with pytest.raises(AssertionError):
        kl.exercises.check_medoid_index(lambda D, i=index: i)


def test_medoid_index_cases_put_the_medoid_at_several_indices():
    from kmeans_lab.exercises.lesson07 import _CASES

    medoids = [int(np.argmin(D.sum(axis=1))) for D, _ in _CASES]
    assert medoids == [expected for _, expected in _CASES]
    assert len(set(medoids)) >= 4
    for D, expected in _CASES:
        totals = np.sort(D.sum(axis=1))
        assert totals[0] < totals[1], "the medoid of every case is unique"
        assert np.array_equal(D, D.T) and not np.diagonal(D).any()


# --- predict before you run ----------------------------------------------------

def test_the_prediction_waits_for_an_answer_and_checks_it(capsys):
    from kmeans_lab.exercises import lesson07

    question = lesson07.PREDICTION
    lesson07.check_prediction(...)
    assert capsys.readouterr().out.startswith("Prediction: not answered yet")
    lesson07.check_prediction(question.answer)
    assert capsys.readouterr().out.startswith("✓ Correct — ")
    for wrong in set(question.choices) - {question.answer}:
        with pytest.raises(AssertionError, match="Not what the lesson will show"):
            lesson07.check_prediction(wrong)
    for letter in question.choices:  # the hint points the way without naming a letter
        assert f'"{letter}"' not in question.hint and f"({letter})" not in question.hint


def test_the_notebook_asks_before_it_shows():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "notebooks/07_kmedoids.ipynb"
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    check = sources.index("kl.exercises.lesson07.check_prediction(prediction)")
    assert sources[check - 1].startswith("prediction = ...")
    assert "not answered yet" in "".join(cells[check]["outputs"][0]["text"])
    assert "**Predict before you run" in sources[check - 2]
