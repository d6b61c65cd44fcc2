"""Lesson 09's exercise checks accept the solutions and reject typical wrong answers."""

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.mixture import GaussianMixture

import kmeans_lab as kl
from kmeans_lab.exercises import lesson09

CASES = kl.datasets.failure_cases(0)


def kmeans_ari(case, X=None):
    X = case.X if X is None else X
    labels = kl.KMeans(case.n_clusters, n_init=10, random_state=0).fit(X).labels_
    return kl.metrics.adjusted_rand_score(case.y, labels)


def test_the_expected_failures_are_those_kmeans_shows():
    assert tuple(CASES) == lesson09.CASE_NAMES
    scores = {name: kmeans_ari(case) for name, case in CASES.items()}
    fails = {name for name, score in scores.items() if score < lesson09.FAIL_BELOW}
    assert fails == lesson09._KMEANS_FAILS
    # No case sits near the bar, so the verdicts do not hang on rounding.
    assert all(abs(score - lesson09.FAIL_BELOW) > 0.05 for score in scores.values()), scores


def test_prediction_accepts_the_right_set_in_any_container(capsys):
    for answer in (set(lesson09._KMEANS_FAILS), list(lesson09._KMEANS_FAILS), tuple(lesson09._KMEANS_FAILS)):
        kl.exercises.check_kmeans_failures(answer)
    assert capsys.readouterr().out.count("✓ Correct") == 3


@pytest.mark.parametrize(
    "wrong, words",
    [
        (set(lesson09.CASE_NAMES), "all eight"),
        (set(lesson09.CASE_NAMES) - {"blobs"}, "1 of your 8 verdicts"),
        ({"moons", "circles"}, "4 of your 8 verdicts"),
        (set(), "6 of your 8 verdicts"),
        ({"moon"}, "are not cases"),
        ("moons", "not a single string"),
        (3, "set of case names"),
    ],
)
def test_prediction_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_kmeans_failures(wrong)


def test_prediction_comes_before_the_table_in_the_notebook():
    path = Path(__file__).resolve().parents[1] / "notebooks" / "09_when_kmeans_fails.ipynb"
    sources = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]
    check = sources.index("kl.exercises.check_kmeans_failures(kmeans_fails)")
    table = next(i for i, s in enumerate(sources) if "adjusted_rand_score(case.y" in s)
    assert check < table
    assert "predict before you run" in sources[check - 2].lower()


def test_repair_accepts_the_inverse_shear_and_an_estimate_from_a_mixture(capsys):
    kl.exercises.check_repair_matrix(np.linalg.inv(kl.datasets.SHEAR))
    case = CASES["anisotropic"]
    gmm = GaussianMixture(3, covariance_type="full", random_state=0).fit(case.X)
    values, vectors = np.linalg.eigh(gmm.covariances_.mean(axis=0))
    kl.exercises.check_repair_matrix(vectors / np.sqrt(values))   # A.T @ S @ A = I
    kl.exercises.check_repair_matrix(3 * np.linalg.inv(kl.datasets.SHEAR))
    assert capsys.readouterr().out.count("✓ Correct") == 3


def whitening_of_all_the_data():
    return PCA(whiten=True).fit(CASES["anisotropic"].X).components_.T / np.sqrt(
        PCA().fit(CASES["anisotropic"].X).explained_variance_)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (np.eye(2), "identity changes nothing"),
        (5 * np.eye(2), "identity changes nothing"),
        (np.diag(1 / CASES["anisotropic"].X.std(axis=0)), "cannot undo a shear"),
        (kl.datasets.SHEAR, "below 0.95"),
        (whitening_of_all_the_data(), "ALL the data"),
        (np.array([[1.0, 2.0], [2.0, 4.0]]), "singular"),
        (np.zeros((2, 2)), "singular"),
        (np.ones((3, 3)), "shape"),
        (np.array([[np.nan, 0], [0, 1]]), "NaN"),
        ("inverse", "numbers"),
    ],
)
def test_repair_rejects_typical_mistakes(wrong, words):
    with pytest.raises(AssertionError, match=words):
        kl.exercises.check_repair_matrix(wrong)


def test_whitening_all_the_data_falls_short_of_the_bar():
    case = CASES["anisotropic"]
    assert kmeans_ari(case, case.X @ whitening_of_all_the_data()) < lesson09.REPAIR_BAR
    assert kmeans_ari(case, PCA(whiten=True).fit_transform(case.X)) < lesson09.REPAIR_BAR
