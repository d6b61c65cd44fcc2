"""Lesson 11's exercise checks accept the solutions and reject typical wrong answers."""

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.exercises import lesson11


def bytes_per_iteration(n_samples, n_features, n_clusters, n_chunks):
    return n_chunks * (n_clusters * n_features + n_clusters + 1) * 8


def test_bytes_per_iteration_accepts_the_solution(capsys):
    kl.exercises.check_bytes_per_iteration(bytes_per_iteration)
    assert capsys.readouterr().out.startswith("✓ Correct")


def test_the_bytes_are_those_of_the_real_partial_results():
    """What lloyd_step returns for a chunk, pickled as arrays, is (k·d + k + 1) float64."""
    pytest.importorskip("dask")
    from kmeans_lab.dask import _chunks

    X = np.random.default_rng(0).normal(size=(5000, 6))
    sums, counts, inertia = _chunks.lloyd_step(X, None, X.mean(axis=0), X[:4] - X.mean(axis=0))
    assert sums.dtype == counts.dtype == np.float64 and isinstance(inertia, float)
    assert sums.nbytes + counts.nbytes + 8 == bytes_per_iteration(len(X), 6, 4, 1)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda n, d, k, c: n * d * 8, "size of the data"),
        (lambda n, d, k, c: c * (k * d + k + 1), "8 bytes"),
        (lambda n, d, k, c: (k * d + k + 1) * 8, "one chunk"),
        (lambda n, d, k, c: c * k * d * 8, "weight each cluster"),
        (lambda n, d, k, c: c * (k * d + k + 1) * 8 + n * 4, "grows with n_samples"),
        (lambda n, d, k, c: c * (k * d + 1) * 8, "multiply"),
        (lambda n, d, k, c: 2, "you give"),
        (lambda n, d, k, c: "many", "one number"),
        (lambda n, d, k, c: 1 / 0, "ZeroDivisionError"),
        (bytes_per_iteration(10, 2, 3, 4), "function itself"),
    ],
)
def test_bytes_per_iteration_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_bytes_per_iteration(wrong)


def first_time(batch_size):
    rows = lesson11.BATCH_RUNS[batch_size]
    return next((s for _, s, J in rows if J <= lesson11.TARGET_J), np.inf)


def test_fastest_batch_size_from_the_table(capsys):
    times = {b: first_time(b) for b in lesson11.BATCH_RUNS}
    fastest = min(times, key=times.get)
    assert fastest == 2048
    kl.exercises.check_fastest_batch_size(fastest)
    kl.exercises.check_fastest_batch_size(np.int64(fastest))
    assert capsys.readouterr().out.count("✓ Correct") == 2


def test_the_table_has_traps_that_differ_from_the_answer():
    runs = lesson11.BATCH_RUNS
    cheapest_step = min(runs, key=lambda b: runs[b][0][1])
    lowest_j = min(runs, key=lambda b: runs[b][-1][2])
    fewest_steps = min(
        (b for b in runs if np.isfinite(first_time(b))),
        key=lambda b: next(n for n, _, J in runs[b] if J <= lesson11.TARGET_J),
    )
    assert {cheapest_step, lowest_j, fewest_steps} & {2048} == set()
    for rows in runs.values():  # cumulative time, steps 1, 2, 4, ..., 64
        assert [n for n, _, _ in rows] == [2**i for i in range(7)]
        assert all(a[1] < b[1] for a, b in itertools.pairwise(rows))


@pytest.mark.parametrize(
    "wrong, words",
    [
        (8192, "fewest steps"),
        (32, "never reaches"),
        (512, "another batch size"),
        (128, "never reaches"),
        (1000, "one of the batch sizes"),
        (2048.0, "an int"),
        ("2048", "an int"),
        (True, "an int"),
    ],
)
def test_fastest_batch_size_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_fastest_batch_size(wrong)


def test_show_batch_runs_prints_every_row(capsys):
    lesson11.show_batch_runs()
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 + sum(len(rows) for rows in lesson11.BATCH_RUNS.values())


# --- predict before you run ----------------------------------------------------


def test_the_prediction_waits_for_an_answer_and_checks_it(capsys):
    question = lesson11.PREDICTION
    lesson11.check_prediction(...)
    assert capsys.readouterr().out.startswith("Prediction: not answered yet")
    lesson11.check_prediction(question.answer)
    assert capsys.readouterr().out.startswith("✓ Correct — ")
    for wrong in set(question.choices) - {question.answer}:
        with pytest.raises(AssertionError, match="Not what the lesson will show"):
            lesson11.check_prediction(wrong)
    for letter in question.choices:
        assert f'"{letter}"' not in question.hint and f"({letter})" not in question.hint


def test_the_prediction_is_what_the_lesson_shows():
    """Over 80 % of the distances skipped after the first iteration on the lesson's 16-D data."""
    X, _ = kl.datasets.make_blobs(20_000, centers=30, n_features=16, cluster_std=2.0, random_state=1)
    init = X[np.random.default_rng(0).choice(len(X), 30, replace=False)]
    skipped = kl.elkan(X, init).skipped
    assert skipped[0] == 0 and min(skipped[1:]) > 0.8


def test_the_notebook_asks_before_it_shows():
    path = Path(__file__).resolve().parents[1] / "notebooks/11_kmeans_at_scale.ipynb"
    cells = json.loads(path.read_text())["cells"]
    sources = ["".join(c["source"]) for c in cells]
    check = sources.index("kl.exercises.lesson11.check_prediction(prediction)")
    assert sources[check - 1].startswith("prediction = ...")
    assert "not answered yet" in "".join(cells[check]["outputs"][0]["text"])
    assert "**Predict before you run" in sources[check - 2]
    assert "kl.elkan" in sources[check + 1]
